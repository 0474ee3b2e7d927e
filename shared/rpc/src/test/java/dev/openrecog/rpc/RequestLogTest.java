package dev.openrecog.rpc;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.openrecog.domain.Action;
import dev.openrecog.store.dynamodb.DynamoDbRecognitionStore;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One JSON log line per request, and what a real fault looks like to the caller and in the log. */
class RequestLogTest {
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    @Test
    void anUnreachableDatabaseIsAnInternalErrorWithTheRequestIdAndItsCauseInTheLog() throws Exception {
        RpcEndpoint endpoint = RpcEndpoint.serving(LibraryBackends.on(new DynamoDbRecognitionStore(unreachableDynamoDb(), "openrecog")).build(),
            Action.RECOGNITION_LIBRARY)
            .withLog(new RequestLog(new PrintStream(logged, true, StandardCharsets.UTF_8)));

        HttpResponse response = endpoint.handle(request("/CreateRecognitionLib", "Algorithm=face&LibName=secret-name"),
            "tenant-1", "req-500", "test");

        assertEquals(500, response.status());
        Map<String, Object> body = JSON.std.mapFrom(response.body());
        assertEquals("InternalError", body.get("Code"));
        assertEquals("req-500", body.get("RequestId"));
        assertTrue(((String) body.get("Message")).contains("req-500"));
        assertFalse(response.body().contains("Exception"), "the caller sees no exception or stack trace");

        Map<String, Object> line = onlyLine();
        assertEquals("ERROR", line.get("level"));
        assertEquals("req-500", line.get("requestId"));
        assertEquals("CreateRecognitionLib", line.get("action"));
        assertEquals("tenant-1", line.get("tenant"));
        assertEquals(500, line.get("status"));
        assertEquals("InternalError", line.get("errorCode"));
        assertTrue(((String) line.get("fault")).contains("SdkClientException"), line.toString());
    }

    @Test
    void aRejectedRequestIsLoggedWithoutItsParameters() throws Exception {
        RpcEndpoint endpoint = RpcEndpoint.serving(LibraryBackends.on(new DynamoDbRecognitionStore(unreachableDynamoDb(), "openrecog")).build(),
            Action.RECOGNITION_LIBRARY)
            .withLog(new RequestLog(new PrintStream(logged, true, StandardCharsets.UTF_8)));

        HttpResponse response = endpoint.handle(request("/CreateRecognitionSample",
            "Algorithm=face&LibId=x&ImageUrl=https%3A%2F%2Fexample.com%2Fa.jpg%3Ftoken%3Dsecret"), "tenant-1", "req-400", "test");

        assertEquals(400, response.status());
        Map<String, Object> line = onlyLine();
        assertEquals(List.of("time", "level", "requestId", "provider", "action", "tenant", "status", "latencyMs", "errorCode"),
            List.copyOf(line.keySet()));
        assertEquals("InvalidParameter", line.get("errorCode"));
        assertFalse(logged.toString(StandardCharsets.UTF_8).contains("secret"), "no parameter value reaches the log");
    }

    private Map<String, Object> onlyLine() throws Exception {
        String[] lines = logged.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertEquals(1, lines.length, "one line per request");
        return JSON.std.mapFrom(lines[0]);
    }

    private static HttpRequest request(String path, String form) {
        return new HttpRequest("POST", path, Map.of("Content-Type", "application/x-www-form-urlencoded"), Map.of(),
            form.getBytes(StandardCharsets.UTF_8));
    }

    /** A client for a loopback port nobody listens on: every call fails to connect. */
    private static DynamoDbClient unreachableDynamoDb() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        return DynamoDbClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + port))
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y")))
            .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    }
}
