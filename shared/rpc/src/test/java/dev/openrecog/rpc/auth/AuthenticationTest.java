package dev.openrecog.rpc.auth;

import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.RuntimeOptions;
import com.fasterxml.jackson.jr.ob.JSON;
import dev.openrecog.domain.Action;
import dev.openrecog.domain.Backends;
import dev.openrecog.dynamodblocal.DynamoDbLocal;
import dev.openrecog.rpc.HttpRequest;
import dev.openrecog.rpc.HttpResponse;
import dev.openrecog.rpc.LibraryBackends;
import dev.openrecog.rpc.RpcEndpoint;
import dev.openrecog.store.dynamodb.DynamoDbNonceLedger;
import dev.openrecog.store.dynamodb.DynamoDbRecognitionStore;
import dev.openrecog.store.dynamodb.RecognitionTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three authentication modes at the endpoint, on DynamoDB Local, with requests signed by the
 * official client (captured on loopback, then handed to the endpoint as a gateway would).
 */
class AuthenticationTest {
    private static final String TABLE = "authentication-test";
    private static final String KEY = "test-key-id";
    private static final String SECRET = "t0p-s3cret/+=value";

    private static CapturingServer capture;
    private static Backends backends;
    private static HttpRequest signedV1;
    private static HttpRequest signedAcs3;
    private static Instant signedAt;

    @BeforeAll
    static void setUp() throws Exception {
        DynamoDbClient client = DynamoDbLocal.shared().client();
        RecognitionTable.createIfMissing(client, TABLE);
        backends = LibraryBackends.on(new DynamoDbRecognitionStore(client, TABLE))
            .accessKeys(TestKeys.of(KEY, SECRET))
            .nonces(new DynamoDbNonceLedger(client, TABLE, Clock.systemUTC()))
            .build();
        // One library in the key's tenant, so that a listing shows whose data a request reached.
        endpoint(Authentication.anonymous("tenant-" + KEY)).handle(new HttpRequest("POST", "/CreateRecognitionLib", Map.of(),
            Map.of("Algorithm", List.of("face"), "LibName", List.of("the key's")), null), null, "setup", "test");

        capture = new CapturingServer();
        Config config = new Config().setAccessKeyId(KEY).setAccessKeySecret(SECRET).setEndpoint(capture.endpoint())
            .setProtocol("HTTP").setRegionId("cn-shanghai");
        Params params = new Params().setAction("ListRecognitionLibs").setVersion("2020-11-09").setProtocol("HTTP")
            .setMethod("POST").setAuthType("AK").setStyle("RPC").setPathname("/").setReqBodyType("json").setBodyType("json");
        OpenApiRequest request = new OpenApiRequest().setQuery(com.aliyun.openapiutil.Client.query(Map.of(
            "Algorithm", "face", "PageNumber", "1", "PageSize", "10")));
        new com.aliyun.teaopenapi.Client(config).callApi(params, request, new RuntimeOptions());
        signedAcs3 = capture.last().toHttpRequest();
        new com.aliyun.teaopenapi.Client(config.setSignatureAlgorithm("v2")).callApi(params, request, new RuntimeOptions());
        signedV1 = capture.last().toHttpRequest();
        signedAt = Instant.parse(RequestCopy.of(capture.last()).param("Timestamp"));
    }

    @AfterAll
    static void stop() {
        capture.close();
    }

    private static RpcEndpoint endpoint(Authentication authentication) {
        return RpcEndpoint.serving(backends, Action.RECOGNITION_LIBRARY).authenticatedBy(authentication);
    }

    private static Map<String, Object> body(HttpResponse response) throws Exception {
        return JSON.std.mapFrom(response.body());
    }

    @Test
    void aSignedRequestActsAsItsKeysTenantOnceOnly() throws Exception {
        RpcEndpoint endpoint = endpoint(Authentication.signature(backends, Clock.systemUTC()));
        for (HttpRequest signed : List.of(signedAcs3, signedV1)) {
            HttpResponse first = endpoint.handle(signed, "a-gateway-identity-is-ignored", "r1", "test");
            assertEquals(200, first.status(), first.body());
            assertEquals(1, ((Number) body(first).get("TotalCount")).intValue(), "the key's tenant's library");

            HttpResponse replay = endpoint.handle(signed, null, "r2", "test");
            assertEquals(400, replay.status(), replay.body());
            assertEquals("SignatureNonceUsed", body(replay).get("Code"));
        }
    }

    @Test
    void aSignatureOutsideTheFifteenMinuteWindowIsRefused() throws Exception {
        for (Duration offset : List.of(Duration.ofMinutes(16), Duration.ofMinutes(-16))) {
            Clock skewed = Clock.fixed(signedAt.plus(offset), ZoneOffset.UTC);
            HttpResponse response = endpoint(Authentication.signature(backends, skewed)).handle(signedV1, null, "r", "test");
            assertEquals(400, response.status(), response.body());
            assertEquals("InvalidTimeStamp.Expired", body(response).get("Code"));
        }
    }

    @Test
    void anUnsignedRequestIsRefusedInSignatureMode() throws Exception {
        HttpResponse response = endpoint(Authentication.signature(backends, Clock.systemUTC())).handle(new HttpRequest("POST",
            "/ListRecognitionLibs", Map.of(), Map.of("Algorithm", List.of("face")), null), "gateway-tenant", "r", "test");
        assertEquals(400, response.status());
        assertEquals("MissingSignature", body(response).get("Code"));
    }

    @Test
    void gatewayModeTakesThePlatformIdentityAndRefusesRequestsWithout() throws Exception {
        RpcEndpoint endpoint = endpoint(Authentication.gateway());
        HttpRequest list = new HttpRequest("POST", "/ListRecognitionLibs", Map.of(), Map.of("Algorithm", List.of("face")), null);
        HttpResponse anonymous = endpoint.handle(list, null, "r", "test");
        assertEquals(403, anonymous.status());
        assertEquals("Forbidden.NoIdentity", body(anonymous).get("Code"));

        HttpResponse identified = endpoint.handle(list, "tenant-" + KEY, "r", "test");
        assertEquals(1, ((Number) body(identified).get("TotalCount")).intValue());
        HttpResponse signedButNoIdentity = endpoint.handle(signedV1, null, "r", "test");
        assertEquals(403, signedButNoIdentity.status(), "a signature is no identity in gateway mode");
    }

    @Test
    void theModeComesFromTheEnvironment() {
        assertEquals("gateway", Authentication.fromEnvironment(Map.of(), backends).mode(), "gateway is the default");
        assertEquals("signature", Authentication.fromEnvironment(Map.of("OPENRECOG_AUTH_MODE", "signature"), backends).mode());
        assertEquals("anonymous", Authentication.fromEnvironment(Map.of("OPENRECOG_AUTH_MODE", "Anonymous"), backends).mode());
        IllegalStateException unknown = assertThrows(IllegalStateException.class,
            () -> Authentication.fromEnvironment(Map.of("OPENRECOG_AUTH_MODE", "none"), backends));
        assertTrue(unknown.getMessage().contains("signature, gateway or anonymous"), unknown.getMessage());
        IllegalStateException noKeys = assertThrows(IllegalStateException.class, () -> Authentication.fromEnvironment(
            Map.of("OPENRECOG_AUTH_MODE", "signature"), Backends.builder().build()));
        assertTrue(noKeys.getMessage().contains("access key"), noKeys.getMessage());
    }
}
