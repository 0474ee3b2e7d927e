package dev.openrecog.functiontests;

import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.RuntimeOptions;
import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpServer;
import dev.openrecog.domain.Tenant;
import dev.openrecog.domain.access.AccessKey;
import dev.openrecog.rpc.QueryStrings;
import dev.openrecog.store.dynamodb.AccessKeyCipher;
import dev.openrecog.store.dynamodb.DynamoDbStores;
import dev.openrecog.store.dynamodb.RecognitionTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Signature mode behind the gateways (this class runs in its own surefire execution with
 * OPENRECOG_AUTH_MODE=signature): requests the official client signed for the API's own host name
 * are wrapped in API Gateway and FC trigger events, as those platforms deliver them, and handed to
 * rpc-gateway's real handlers. The ACS3 signature covers the Host the client addressed, so the
 * adapters must hand over that Host: the client's Host header, or else the event's domainName.
 */
class SignedEventsTest {
    private static final String API_HOST = "openrecog.example.com";
    private static HttpServer capture;
    private static final Map<String, Object> captured = new LinkedHashMap<>();
    private static AccessKey key;

    @BeforeAll
    static void setUp() throws IOException {
        RecognitionTable.createIfMissing(EventFilesTest.sharedDatabase().client(), System.getenv("OPENRECOG_TABLE_NAME"));
        key = DynamoDbStores.fromEnvironment().accessKeys(AccessKeyCipher.fromBase64(System.getenv("OPENRECOG_ACCESS_KEY_KEK")))
            .create(Tenant.of("signed-tenant"));
        // The client's HTTP proxy: it keeps what the client sent to API_HOST and answers for it, so nothing leaves loopback.
        capture = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        capture.createContext("/", exchange -> {
            try (exchange) {
                Map<String, String> headers = new TreeMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
                synchronized (captured) {
                    captured.put("headers", headers);
                    captured.put("query", exchange.getRequestURI().getRawQuery());
                    captured.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                }
                byte[] answer = "{\"RequestId\":\"captured\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        capture.start();
    }

    @AfterAll
    static void stop() {
        capture.stop(0);
    }

    /** A fresh ListRecognitionLibs request signed by the official client for API_HOST (each nonce is good once). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> signed(String algorithm) throws Exception {
        Config config = new Config().setAccessKeyId(key.id()).setAccessKeySecret(key.secret()).setEndpoint(API_HOST)
            .setProtocol("HTTP").setRegionId("cn-shanghai").setSignatureAlgorithm(algorithm)
            .setHttpProxy("http://127.0.0.1:" + capture.getAddress().getPort());
        Params params = new Params().setAction("ListRecognitionLibs").setVersion("2020-11-09").setProtocol("HTTP")
            .setMethod("POST").setAuthType("AK").setStyle("RPC").setPathname("/").setReqBodyType("json").setBodyType("json");
        new com.aliyun.teaopenapi.Client(config).callApi(params, new OpenApiRequest().setQuery(
            com.aliyun.openapiutil.Client.query(Map.of("Algorithm", "face", "PageNumber", "1", "PageSize", "10"))), new RuntimeOptions());
        synchronized (captured) {
            Map<String, Object> request = new LinkedHashMap<>(captured);
            request.put("headers", new TreeMap<>((Map<String, String>) captured.get("headers")));
            return request;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> headers(Map<String, Object> request) {
        return (Map<String, String>) request.get("headers");
    }

    private static String httpApiEvent(Map<String, Object> request, String domainName) throws IOException {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("rawPath", "/");
        event.put("rawQueryString", request.get("query"));
        event.put("headers", headers(request));
        event.put("requestContext", Map.of("domainName", domainName, "http", Map.of("method", "POST", "path", "/")));
        event.put("body", request.get("body"));
        event.put("isBase64Encoded", false);
        return JSON.std.asString(event);
    }

    private static String restApiEvent(Map<String, Object> request) throws IOException {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("httpMethod", "POST");
        event.put("path", "/");
        event.put("headers", headers(request));
        event.put("multiValueQueryStringParameters", QueryStrings.parse((String) request.get("query")));
        event.put("requestContext", Map.of("path", "/", "domainName", API_HOST, "stage", "$default"));
        event.put("body", request.get("body"));
        event.put("isBase64Encoded", false);
        return JSON.std.asString(event);
    }

    private static String fcEvent(Map<String, Object> request) throws IOException {
        Map<String, Object> query = new LinkedHashMap<>();
        QueryStrings.parse((String) request.get("query")).forEach((name, values) -> query.put(name, values.get(0)));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "v1");
        event.put("rawPath", "/");
        event.put("headers", headers(request));
        event.put("queryParameters", query);
        event.put("requestContext", Map.of("accountId", "1234567890", "domainName", API_HOST, "requestId", "fc-request",
            "http", Map.of("method", "POST", "path", "/")));
        event.put("body", request.get("body"));
        event.put("isBase64Encoded", false);
        return JSON.std.asString(event);
    }

    private static void assertAnswer(int status, String code, Map<String, Object> response) throws Exception {
        Map<String, Object> body = Invoker.body(response);
        assertEquals(status, ((Number) response.get("statusCode")).intValue(), body.toString());
        assertEquals(code, body.get("Code"), body.toString());
    }

    @Test
    void theClientsHostHeaderReachesTheVerifierThroughEveryGateway() throws Exception {
        for (String algorithm : List.of("ACS3-HMAC-SHA256", "v2")) {
            assertAnswer(200, null, Invoker.invoke("rpc-gateway", "lambda", httpApiEvent(signed(algorithm), API_HOST)));
            assertAnswer(200, null, Invoker.invoke("rpc-gateway", "lambda", restApiEvent(signed(algorithm))));
            assertAnswer(200, null, Invoker.invoke("rpc-gateway", "fc", fcEvent(signed(algorithm))));
        }
    }

    @Test
    void withoutAHostHeaderTheEventsDomainNameIsTheHost() throws Exception {
        Map<String, Object> request = signed("ACS3-HMAC-SHA256");
        headers(request).remove("host");
        assertAnswer(200, null, Invoker.invoke("rpc-gateway", "lambda", httpApiEvent(request, API_HOST)));

        Map<String, Object> fcRequest = signed("ACS3-HMAC-SHA256");
        headers(fcRequest).remove("host");
        assertAnswer(200, null, Invoker.invoke("rpc-gateway", "fc", fcEvent(fcRequest)));
    }

    @Test
    void aRequestSignedForAnotherHostIsRefused() throws Exception {
        Map<String, Object> request = signed("ACS3-HMAC-SHA256");
        headers(request).put("host", "abcdefghij.lambda-url.us-east-1.on.aws");
        assertAnswer(400, "SignatureDoesNotMatch", Invoker.invoke("rpc-gateway", "lambda", httpApiEvent(request, API_HOST)));
    }

    @Test
    void anEventDeliveredTwiceIsAReplay() throws Exception {
        String event = httpApiEvent(signed("ACS3-HMAC-SHA256"), API_HOST);
        assertAnswer(200, null, Invoker.invoke("rpc-gateway", "lambda", event));
        assertAnswer(400, "SignatureNonceUsed", Invoker.invoke("rpc-gateway", "lambda", event));
    }

    @Test
    void anUnsignedEventIsRefusedEvenWithAGatewayIdentity() throws Exception {
        String event = "{\"version\":\"2.0\",\"rawPath\":\"/ListRecognitionLibs\",\"rawQueryString\":\"Algorithm=face\","
            + "\"headers\":{\"host\":\"" + API_HOST + "\"},\"requestContext\":{\"http\":{\"method\":\"POST\"},"
            + "\"authorizer\":{\"iam\":{\"accountId\":\"111122223333\"}}},\"isBase64Encoded\":false}";
        assertAnswer(400, "MissingSignature", Invoker.invoke("rpc-gateway", "lambda", event));
    }
}
