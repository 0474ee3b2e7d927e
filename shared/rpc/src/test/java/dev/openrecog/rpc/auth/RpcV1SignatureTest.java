package dev.openrecog.rpc.auth;

import dev.openrecog.domain.ErrorCode;
import dev.openrecog.domain.access.AccessKeyDirectory;
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
 * The RPC signature 1.0 as the official tea-openapi client really sends it (callApi, RPC style, with
 * the v2 algorithm setting that selects the HMAC-SHA1 parameter signature): captured on loopback, then
 * verified and tampered with.
 */
class RpcV1SignatureTest {
    private static final String KEY = "test-key-id";
    private static final String SECRET = "t0p-s3cret/+=value";
    private static final AccessKeyDirectory SECRETS = TestKeys.of(KEY, SECRET, "other-key", "other-secret");

    private static CapturingServer server;
    /** Parameters in the query only. */
    private static CapturingServer.Captured queryOnly;
    /** Parameters in the query and a form body. */
    private static CapturingServer.Captured withForm;

    @BeforeAll
    static void capture() throws Exception {
        server = new CapturingServer();
        Config config = new Config().setAccessKeyId(KEY).setAccessKeySecret(SECRET).setEndpoint(server.endpoint())
            .setProtocol("HTTP").setRegionId("cn-shanghai").setSignatureAlgorithm("v2");
        com.aliyun.teaopenapi.Client client = new com.aliyun.teaopenapi.Client(config);

        client.callApi(params("CreateRecognitionSample", "json"), new OpenApiRequest().setQuery(com.aliyun.openapiutil.Client.query(Map.of(
            "Algorithm", "face", "LibId", "lib 1", "EntityName", "员工 a*b~c+d&e=f/g",
            "ImageUrl", "https://example.com/alice%201.jpg?size=large&v=2", "Empty", ""))), new RuntimeOptions());
        queryOnly = server.last();

        client.callApi(params("CreateRecognitionLib", "formData"), new OpenApiRequest()
            .setQuery(com.aliyun.openapiutil.Client.query(Map.of("Algorithm", "face")))
            .setBody(Map.of("LibName", "员工 staff*~", "LibDescription", "Office staff; 50% + more")), new RuntimeOptions());
        withForm = server.last();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Params params(String action, String reqBodyType) {
        return new Params().setAction(action).setVersion("2020-11-09").setProtocol("HTTP").setMethod("POST")
            .setAuthType("AK").setStyle("RPC").setPathname("/").setReqBodyType(reqBodyType).setBodyType("json");
    }

    private static Instant signedAt(CapturingServer.Captured captured) {
        return Instant.parse(RequestCopy.of(captured).param("Timestamp"));
    }

    private static SignatureVerdict verify(RequestCopy request, Instant now) {
        return new RpcV1Signature(SECRETS, Clock.fixed(now, ZoneOffset.UTC)).verify(request.build());
    }

    private static SignatureVerdict verifyQueryOnly(RequestCopy request) {
        return verify(request, signedAt(queryOnly));
    }

    private static void assertRefused(ErrorCode expected, SignatureVerdict verdict) {
        assertFalse(verdict.isVerified(), verdict.toString());
        assertEquals(expected, verdict.error(), verdict.toString());
        assertEquals(expected.code(), verdict.code());
        assertFalse(verdict.message().contains(SECRET), "a message never holds the secret");
        assertFalse(verdict.message().isBlank());
    }

    @Test
    void theClientSendsTheV1SignatureInTheQuery() {
        RequestCopy request = RequestCopy.of(queryOnly);
        assertEquals("HMAC-SHA1", request.param("SignatureMethod"));
        assertEquals("1.0", request.param("SignatureVersion"));
        assertEquals("POST", queryOnly.method);
        assertEquals(null, request.header("authorization"), "no ACS3 header on this path");
    }

    @Test
    void acceptsWhatTheOfficialClientSigned() {
        SignatureVerdict verdict = verifyQueryOnly(RequestCopy.of(queryOnly));
        assertTrue(verdict.isVerified(), verdict.toString());
        assertEquals(KEY, verdict.accessKey().id());
        assertEquals(RequestCopy.of(queryOnly).param("SignatureNonce"), verdict.nonce());
        assertEquals(signedAt(queryOnly), verdict.timestamp());
        assertEquals(200, verdict.httpStatus());
    }

    @Test
    void acceptsParametersSignedInAFormBody() {
        RequestCopy request = RequestCopy.of(withForm);
        assertTrue(request.bodyText().contains("LibName="), request.bodyText());
        assertEquals(null, request.param("LibName"), "the client put LibName in the body");
        SignatureVerdict verdict = verify(request, signedAt(withForm));
        assertTrue(verdict.isVerified(), verdict.toString());
    }

    @Test
    void aParameterMayMoveBetweenQueryAndBody() {
        RequestCopy request = RequestCopy.of(queryOnly);
        String algorithm = request.param("Algorithm");
        request.withoutParam("Algorithm").body("Algorithm=" + algorithm).header("Content-Type", "application/x-www-form-urlencoded");
        assertTrue(verifyQueryOnly(request).isVerified());
    }

    @Test
    void refusesAChangedParameterValue() {
        assertRefused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, verifyQueryOnly(RequestCopy.of(queryOnly).param("LibId", "lib 2")));
        assertRefused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, verifyQueryOnly(RequestCopy.of(queryOnly).param("Action", "DeleteRecognitionLib")));
        assertRefused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, verifyQueryOnly(RequestCopy.of(queryOnly).param("Empty", "x")));
    }

    @Test
    void refusesAnAddedParameter() {
        assertRefused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, verifyQueryOnly(RequestCopy.of(queryOnly).param("PageSize", "50")));
        assertRefused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, verifyQueryOnly(RequestCopy.of(queryOnly)
            .body("PageSize=50").header("Content-Type", "application/x-www-form-urlencoded")));
    }

    @Test
    void refusesARemovedParameter() {
        assertRefused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, verifyQueryOnly(RequestCopy.of(queryOnly).withoutParam("LibId")));
    }

    @Test
    void theClientLeavesEmptyParametersOutOfWhatItSigns() {
        assertEquals("", RequestCopy.of(queryOnly).param("Empty"), "sent on the wire");
        assertTrue(verifyQueryOnly(RequestCopy.of(queryOnly).withoutParam("Empty")).isVerified(),
            "so the same signature holds without it (as it does at Alibaba Cloud)");
    }

    @Test
    void refusesASecondDifferentValueOfASignedParameter() {
        assertRefused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, verifyQueryOnly(RequestCopy.of(queryOnly).addParam("LibId", "lib 2")));
        assertTrue(verifyQueryOnly(RequestCopy.of(queryOnly).addParam("LibId", "lib 1")).isVerified(),
            "the same value twice reads as one value, as the operations read it");
    }

    @Test
    void refusesAChangedFormBody() {
        RequestCopy request = RequestCopy.of(withForm);
        request.body(request.bodyText().replace("LibName=", "LibName=x"));
        assertRefused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, verify(request, signedAt(withForm)));
    }

    @Test
    void refusesAChangedMethod() {
        assertRefused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, verifyQueryOnly(RequestCopy.of(queryOnly).method("GET")));
    }

    @Test
    void refusesAJsonBodyTheSignatureDoesNotCover() {
        assertRefused(ErrorCode.INCOMPLETE_SIGNATURE, verifyQueryOnly(RequestCopy.of(queryOnly)
            .body("{\"LibId\":\"other\"}").header("Content-Type", "application/json")));
    }

    @Test
    void refusesAWrongSecret() {
        SignatureVerdict verdict = new RpcV1Signature(TestKeys.of(KEY, "not-the-secret"),
            Clock.fixed(signedAt(queryOnly), ZoneOffset.UTC)).verify(RequestCopy.of(queryOnly).build());
        assertRefused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, verdict);
        assertFalse(verdict.message().contains("not-the-secret"));
        assertTrue(verdict.message().contains("string to sign"), verdict.message());
    }

    @Test
    void refusesAnotherKeysSignature() {
        assertRefused(ErrorCode.SIGNATURE_DOES_NOT_MATCH, verifyQueryOnly(RequestCopy.of(queryOnly).param("AccessKeyId", "other-key")));
    }

    @Test
    void refusesAnUnknownKey() {
        SignatureVerdict verdict = verifyQueryOnly(RequestCopy.of(queryOnly).param("AccessKeyId", "nobody"));
        assertRefused(ErrorCode.INVALID_ACCESS_KEY_ID_NOT_FOUND, verdict);
        assertEquals(404, verdict.httpStatus());
    }

    @Test
    void acceptsWithinFifteenMinutesEitherWay() {
        Instant signed = signedAt(queryOnly);
        assertTrue(verify(RequestCopy.of(queryOnly), signed.plus(Duration.ofMinutes(14))).isVerified());
        assertTrue(verify(RequestCopy.of(queryOnly), signed.minus(Duration.ofMinutes(14))).isVerified());
        assertTrue(verify(RequestCopy.of(queryOnly), signed.plus(Duration.ofMinutes(15))).isVerified());
    }

    @Test
    void refusesATimestampSixteenMinutesOff() {
        Instant signed = signedAt(queryOnly);
        assertRefused(ErrorCode.INVALID_TIMESTAMP_EXPIRED, verify(RequestCopy.of(queryOnly), signed.plus(Duration.ofMinutes(16))));
        assertRefused(ErrorCode.INVALID_TIMESTAMP_EXPIRED, verify(RequestCopy.of(queryOnly), signed.minus(Duration.ofMinutes(16))));
    }

    @Test
    void refusesAMalformedTimestamp() {
        assertRefused(ErrorCode.INVALID_TIMESTAMP_FORMAT, verifyQueryOnly(RequestCopy.of(queryOnly).param("Timestamp", "2024-01-31 08:00:00")));
        assertRefused(ErrorCode.INVALID_TIMESTAMP_FORMAT, verifyQueryOnly(RequestCopy.of(queryOnly).param("Timestamp", "2024-01-31T08:00:00+08:00")));
        assertRefused(ErrorCode.INVALID_TIMESTAMP_FORMAT, verifyQueryOnly(RequestCopy.of(queryOnly).param("Timestamp", "2024-13-31T08:00:00Z")));
    }

    @Test
    void refusesAMissingSignature() {
        assertRefused(ErrorCode.MISSING_SIGNATURE, verifyQueryOnly(RequestCopy.of(queryOnly).withoutParam("Signature")));
        assertRefused(ErrorCode.MISSING_SIGNATURE, verifyQueryOnly(RequestCopy.of(queryOnly).param("Signature", "")));
    }

    @Test
    void refusesAnIncompleteSignature() {
        for (String companion : new String[] {"AccessKeyId", "SignatureNonce", "Timestamp", "SignatureMethod", "SignatureVersion"}) {
            assertRefused(ErrorCode.INCOMPLETE_SIGNATURE, verifyQueryOnly(RequestCopy.of(queryOnly).withoutParam(companion)));
        }
    }

    @Test
    void refusesAnotherSignatureMethodOrVersion() {
        assertRefused(ErrorCode.UNSUPPORTED_SIGNATURE_METHOD, verifyQueryOnly(RequestCopy.of(queryOnly).param("SignatureMethod", "HMAC-SHA256")));
        assertRefused(ErrorCode.UNSUPPORTED_SIGNATURE_METHOD, verifyQueryOnly(RequestCopy.of(queryOnly).param("SignatureVersion", "2.0")));
    }

    @Test
    void theDispatcherVerifiesV1WhenThereIsNoAuthorizationHeader() {
        RequestSignatures signatures = new RequestSignatures(SECRETS, Clock.fixed(signedAt(queryOnly), ZoneOffset.UTC));
        assertTrue(signatures.verify(RequestCopy.of(queryOnly).build()).isVerified());
        assertRefused(ErrorCode.MISSING_SIGNATURE, signatures.verify(RequestCopy.of(queryOnly).withoutParam("Signature").build()));
    }
}
