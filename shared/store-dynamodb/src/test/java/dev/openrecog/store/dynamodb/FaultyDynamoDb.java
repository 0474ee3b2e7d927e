package dev.openrecog.store.dynamodb;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP proxy on 127.0.0.1 in front of DynamoDB Local that fails chosen requests the way DynamoDB
 * and networks fail, and counts the requests of each operation that reach it (every SDK attempt is
 * one). Clients from {@link #client()} have the production timeouts and retries.
 */
final class FaultyDynamoDb implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "expect", "upgrade",
        "transfer-encoding", "keep-alive");

    enum Fault {
        /** Refused and not applied, as DynamoDB refuses work over a table's or account's capacity. */
        THROTTLING(false, 400, "ThrottlingException"),
        PROVISIONED_THROUGHPUT_EXCEEDED(false, 400, "ProvisionedThroughputExceededException"),
        REQUEST_LIMIT_EXCEEDED(false, 400, "RequestLimitExceeded"),
        /** Refused and not applied, and not worth a retry: the function's role may not do this. */
        ACCESS_DENIED(false, 400, "AccessDeniedException"),
        /** A transaction cancelled, not applied, because a concurrent transaction held one of its items. */
        TRANSACTION_CONFLICT(false, 400, "TransactionCanceledException"),
        /** Applied, but an internal server error comes back instead of the answer. */
        ANSWER_LOST(true, 500, "InternalServerError"),
        /** No answer: the request hangs, not applied, past the client's attempt timeout. */
        STALL(false, 0, null),
        /** Applied, and answered only after the client's attempt timeout. */
        LATE_ANSWER(true, 0, null);

        private final boolean applied;
        private final int status;
        private final String errorType;

        Fault(boolean applied, int status, String errorType) {
            this.applied = applied;
            this.status = status;
            this.errorType = errorType;
        }
    }

    private final URI target;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, Deque<Fault>> planned = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private int requests;
    private int failFrom = Integer.MAX_VALUE;
    private Fault failFromFault;

    FaultyDynamoDb(URI target) {
        this.target = target;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** A client through this proxy, configured as the functions configure theirs. */
    DynamoDbClient client() {
        return DynamoDbStores.configuredClient()
            .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .build();
    }

    /** The next {@code times} requests of {@code operation} (e.g. "TransactWriteItems") meet {@code fault}. */
    synchronized void failNext(String operation, int times, Fault fault) {
        Deque<Fault> queue = planned.computeIfAbsent(operation, any -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.add(fault);
        }
    }

    /** Every request from the {@code n}-th from now on (1 is the next one) meets {@code fault}, until {@link #heal()}. */
    synchronized void failFrom(int n, Fault fault) {
        failFrom = requests + n;
        failFromFault = fault;
    }

    synchronized void heal() {
        planned.clear();
        failFrom = Integer.MAX_VALUE;
    }

    /** Requests of this operation that reached the proxy so far. */
    synchronized int requests(String operation) {
        return counts.getOrDefault(operation, 0);
    }

    /** Requests of every operation that reached the proxy so far. */
    synchronized int requests() {
        return requests;
    }

    private synchronized Fault arrived(String operation) {
        requests++;
        counts.merge(operation, 1, Integer::sum);
        if (requests >= failFrom) {
            return failFromFault;
        }
        Deque<Fault> queue = planned.get(operation);
        return queue == null ? null : queue.poll();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String operation = exchange.getRequestHeaders().getFirst("X-Amz-Target").replaceFirst("^.*\\.", "");
            Fault fault = arrived(operation);
            if (fault == null) {
                relay(exchange, forward(exchange, body));
                return;
            }
            HttpResponse<byte[]> answer = fault.applied ? forward(exchange, body) : null;
            if (fault.errorType != null) {
                answerError(exchange, fault);
                return;
            }
            Thread.sleep(DynamoDbStores.ATTEMPT_TIMEOUT.plusSeconds(1).toMillis());
            if (answer != null) {
                relay(exchange, answer); // the client has given up on this attempt by now
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientHungUp) {
            // expected after a stall: the client aborted the attempt
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void relay(HttpExchange exchange, HttpResponse<byte[]> response) throws IOException {
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        send(exchange, response.statusCode(), response.body());
    }

    private static void answerError(HttpExchange exchange, Fault fault) throws IOException {
        String reasons = fault == Fault.TRANSACTION_CONFLICT
            ? ",\"CancellationReasons\":[{\"Code\":\"TransactionConflict\",\"Message\":\"Transaction is ongoing for the item\"}]" : "";
        String body = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + fault.errorType + "\",\"message\":\"injected "
            + fault.name() + "\"" + reasons + "}";
        exchange.getResponseHeaders().put("Content-Type", List.of("application/x-amz-json-1.0"));
        send(exchange, fault.status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
