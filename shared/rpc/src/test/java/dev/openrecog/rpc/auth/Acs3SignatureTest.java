package dev.openrecog.rpc.auth;

import dev.openrecog.domain.ErrorCode;
import dev.openrecog.domain.access.AccessKeyDirectory;
import com.aliyun.imm20200930.models.DetectImageLabelsRequest;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.RuntimeOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The V3 signature (ACS3-HMAC-SHA256) as the official clients really send it: the IMM client's
 * DetectImageLabels (query parameters, empty body) and tea-openapi's callApi with its default
 * algorithm (query plus a form body), captured on loopback, then verified and tampered with.
 */
class Acs3SignatureTest {
    private static final String KEY = "acs3-key-id";
    private static final String SECRET = "acs3-s3cret/+=value";
    private static final AccessKeyDirectory SECRETS = TestKeys.of(KEY, SECRET, "other-key", "other-secret");

    private static CapturingServer server;
    private static CapturingServer.Captured imm;
    private static CapturingServer.Captured withForm;

    @BeforeAll
    static void capture() throws Exception {
        server = new CapturingServer();
        Config config = new Config().setAccessKeyId(KEY).setAccessKeySecret(SECRET).setEndpoint(server.endpoint())
            .setProtocol("HTTP").setRegionId("cn-shanghai");

        new com.aliyun.imm20200930.Client(config).detectImageLabels(new DetectImageLabelsRequest()
            .setProjectName("demo project").setSourceURI("oss://photos/员工 a*b~c+d&e=f.jpg").setThreshold(0.3F));
        imm = server.last();

        Params params = new Params().setAction("CreateRecognitionLib").setVersion("2020-11-09").setProtocol("HTTP")
            .setMethod("POST").setAuthType("AK").setStyle("RPC").setPathname("/").setReqBodyType("formData").setBodyType("json");
        new com.aliyun.teaopenapi.Client(config).callApi(params, new OpenApiRequest()
            .setQuery(com.aliyun.openapiutil.Client.query(Map.of("Algorithm", "face", "Empty", "")))
            .setBody(Map.of("LibName", "员工 staff*~", "LibDescription", "Office staff; 50% + more")), new RuntimeOptions());
        withForm = server.last();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Instant signedAt(CapturingServer.Captured captured) {
        return Instant.parse(RequestCopy.of(captured).header("x-acs-date"));
    }

    private static SignatureVerdict verify(RequestCopy request, Instant now) {
        return new Acs3Signature(SECRETS, Clock.fixed(now, ZoneOffset.UTC)).verify(request.build());
    }

    private static SignatureVerdict verifyImm(RequestCopy request) {
        return verify(request, signedAt(imm));
    }

    private static SignatureVerdict verifyForm(RequestCopy request) {
        return verify(request, signedAt(withForm));
    }

    private static void assertRefused(ErrorCode expected, SignatureVerdict verdict, String why) {
        assertEquals(expected, verdict.error(), why + ": " + verdict);
        assertRefused(expected, verdict);
    }

    private static void assertRefused(ErrorCode expected, SignatureVerdict verdict) {
        assertFalse(verdict.isVerified(), verdict.toString());
        assertEquals(expected, verdict.error(), verdict.toString());
        assertEquals(expected.code(), verdict.code());
        assertFalse(verdict.message().contains(SECRET), "a message never holds the secret");
        assertFalse(verdict.message().isBlank());
    }

    /** The Authorization header with one of its fields replaced. */
    private static String authorizationWith(RequestCopy request, String field, String value) {
        return request.header("Authorization").replaceAll(field + "=[^,]*", field + "=" + value);
    }

    @Test
    void theClientsSendTheAcs3Header() {
        for (CapturingServer.Captured captured : new CapturingServer.Captured[] {imm, withForm}) {
            RequestCopy request = RequestCopy.of(captured);
            String authorization = request.header("Authorization");
            assertTrue(authorization.startsWith("ACS3-HMAC-SHA256 Credential=" + KEY + ",SignedHeaders="), authorization);
            assertTrue(authorization.contains("host;x-acs-action;x-acs-content-sha256;"), authorization);
            assertEquals(null, request.param("Signature"));
        }
        assertFalse(imm.body.length > 0, "DetectImageLabels sends its parameters in the query");
        assertTrue(withForm.body.length > 0, "callApi sent a form body");
    }

    @Test
    void acceptsWhatTheImmClientSigned() {
        SignatureVerdict verdict = verifyImm(RequestCopy.of(imm));
        assertTrue(verdict.isVerified(), verdict.toString());
        assertEquals(KEY, verdict.accessKey().id());
        assertEquals(RequestCopy.of(imm).header("x-acs-signature-nonce"), verdict.nonce());
        assertEquals(signedAt(imm), verdict.timestamp());
    }

    @Test
    void acceptsWhatCallApiSignedWithAFormBodyAndAnEmptyParameter() {
        assertEquals("", RequestCopy.of(withForm).param("Empty"));
        SignatureVerdict verdict = verifyForm(RequestCopy.of(withForm));
        assertTrue(verdict.isVerified(), verdict.toString());
        assertRefused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, verifyForm(RequestCopy.of(withForm).withoutParam("Empty")));
    }

    @Test
    void unsignedHeadersMayChange() {
        assertTrue(verifyImm(RequestCopy.of(imm).header("User-Agent", "something else").header("Accept", "*/*")).isVerified());
    }

    @Test
    void refusesAChangedParameterValue() {
        assertRefused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, verifyImm(RequestCopy.of(imm).param("SourceURI", "oss://photos/other.jpg")));
        assertRefused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, verifyImm(RequestCopy.of(imm).param("Threshold", "0.9")));
    }

    @Test
    void refusesAnAddedParameter() {
        assertRefused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, verifyImm(RequestCopy.of(imm).param("Action", "DeleteRecognitionLib")));
        assertRefused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, verifyImm(RequestCopy.of(imm).addParam("Threshold", "0.9")));
    }

    @Test
    void refusesAChangedSignedHeader() {
        assertRefused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, verifyImm(RequestCopy.of(imm).header("x-acs-action", "CreateRecognitionLib")));
        assertRefused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, verifyImm(RequestCopy.of(imm).header("Host", "evil.example:80")));
        assertRefused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, verifyImm(RequestCopy.of(imm).header("x-acs-signature-nonce", "0123")));
        assertRefused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, verifyForm(RequestCopy.of(withForm).header("Content-Type", "application/json")));
    }

    @Test
    void refusesAChangedPathOrMethod() {
        assertRefused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, verifyImm(RequestCopy.of(imm).path("/DeleteRecognitionLib")));
        assertRefused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, verifyImm(RequestCopy.of(imm).method("GET")));
    }

    @Test
    void refusesAChangedBody() {
        RequestCopy changed = RequestCopy.of(withForm);
        changed.body(changed.bodyText().replace("LibName=", "LibName=x"));
        SignatureVerdict verdict = verifyForm(changed);
        assertRefused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, verdict);
        assertTrue(verdict.message().contains("x-acs-content-sha256"), verdict.message());

        String newHash = Signing.lowerHex(Signing.sha256(changed.bodyText().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertRefused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, verifyForm(changed.header("x-acs-content-sha256", newHash)));
        assertRefused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, verifyImm(RequestCopy.of(imm).body("ProjectName=other")));
    }

    @Test
    void refusesAWrongSecret() {
        SignatureVerdict verdict = new Acs3Signature(TestKeys.of(KEY, "not-the-secret"),
            Clock.fixed(signedAt(imm), ZoneOffset.UTC)).verify(RequestCopy.of(imm).build());
        assertRefused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, verdict);
        assertFalse(verdict.message().contains("not-the-secret"));
    }

    @Test
    void refusesAnotherKeysCredential() {
        RequestCopy request = RequestCopy.of(imm);
        assertRefused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, verifyImm(request.header("Authorization",
            authorizationWith(request, "Credential", "other-key"))));
    }

    @Test
    void refusesAnUnknownKey() {
        RequestCopy request = RequestCopy.of(imm);
        SignatureVerdict verdict = verifyImm(request.header("Authorization", authorizationWith(request, "Credential", "nobody")));
        assertRefused(ErrorCode.INVALID_ACCESS_KEY_ID_NOT_FOUND, verdict);
        assertEquals(404, verdict.httpStatus());
    }

    @Test
    void acceptsWithinFifteenMinutesEitherWay() {
        Instant signed = signedAt(imm);
        assertTrue(verify(RequestCopy.of(imm), signed.plus(Duration.ofMinutes(14))).isVerified());
        assertTrue(verify(RequestCopy.of(imm), signed.minus(Duration.ofMinutes(14))).isVerified());
    }

    @Test
    void refusesATimestampSixteenMinutesOff() {
        Instant signed = signedAt(imm);
        assertRefused(ErrorCode.INVALID_TIMESTAMP_EXPIRED, verify(RequestCopy.of(imm), signed.plus(Duration.ofMinutes(16))));
        assertRefused(ErrorCode.INVALID_TIMESTAMP_EXPIRED, verify(RequestCopy.of(imm), signed.minus(Duration.ofMinutes(16))));
    }

    @Test
    void refusesAMalformedDate() {
        assertRefused(ErrorCode.INVALID_TIMESTAMP_FORMAT, verifyImm(RequestCopy.of(imm).header("x-acs-date", "Mon, 01 Jan 2024 00:00:00 GMT")));
    }

    @Test
    void refusesAMissingSignature() {
        assertRefused(ErrorCode.MISSING_SIGNATURE, verifyImm(RequestCopy.of(imm).withoutHeader("Authorization")));
        RequestSignatures dispatcher = new RequestSignatures(SECRETS, Clock.fixed(signedAt(imm), ZoneOffset.UTC));
        assertRefused(ErrorCode.MISSING_SIGNATURE, dispatcher.verify(RequestCopy.of(imm).withoutHeader("Authorization").build()));
        assertTrue(dispatcher.verify(RequestCopy.of(imm).build()).isVerified());
    }

    @Test
    void refusesAnIncompleteSignature() {
        RequestCopy request = RequestCopy.of(imm);
        assertRefused(ErrorCode.INCOMPLETE_SIGNATURE, verifyImm(RequestCopy.of(imm).header("Authorization", "ACS3-HMAC-SHA256 garbage")));
        assertRefused(ErrorCode.INCOMPLETE_SIGNATURE, verifyImm(RequestCopy.of(imm).header("Authorization",
            request.header("Authorization").replaceAll(",Signature=.*", ""))));
        assertRefused(ErrorCode.INCOMPLETE_SIGNATURE, verifyImm(RequestCopy.of(imm).withoutHeader("x-acs-signature-nonce")));
        assertRefused(ErrorCode.INCOMPLETE_SIGNATURE, verifyImm(RequestCopy.of(imm).withoutHeader("x-acs-content-sha256")));
        String signedHeaders = request.header("Authorization").replaceAll(".*SignedHeaders=([^,]*),.*", "$1");
        assertRefused(ErrorCode.INCOMPLETE_SIGNATURE, verifyImm(RequestCopy.of(imm).header("Authorization",
            authorizationWith(request, "SignedHeaders", signedHeaders.replace("host;", "")))), "host must be signed");
        assertRefused(ErrorCode.INCOMPLETE_SIGNATURE, verifyImm(RequestCopy.of(imm).header("Authorization",
            authorizationWith(request, "SignedHeaders", signedHeaders.replace(";x-acs-version", "")))), "every x-acs-* header must be signed");
        assertRefused(ErrorCode.INCOMPLETE_SIGNATURE, verifyImm(RequestCopy.of(imm).header("x-acs-security-token", "token")),
            "an unsigned x-acs-* header added");
    }

    @Test
    void refusesAnotherAlgorithm() {
        RequestCopy request = RequestCopy.of(imm);
        assertRefused(ErrorCode.UNSUPPORTED_SIGNATURE_METHOD, verifyImm(RequestCopy.of(imm).header("Authorization",
            request.header("Authorization").replace("ACS3-HMAC-SHA256", "ACS3-HMAC-SM3"))));
        assertRefused(ErrorCode.UNSUPPORTED_SIGNATURE_METHOD, verifyImm(RequestCopy.of(imm).header("Authorization", "Bearer abc")));
    }
}
