package dev.openrecog.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.openrecog.domain.Action;
import dev.openrecog.domain.Backends;
import dev.openrecog.dynamodblocal.DynamoDbLocal;
import dev.openrecog.rpc.HttpRequest;
import dev.openrecog.rpc.HttpResponse;
import dev.openrecog.rpc.QueryStrings;
import dev.openrecog.rpc.RpcEndpoint;
import dev.openrecog.store.dynamodb.DynamoDbRecognitionStore;
import dev.openrecog.store.dynamodb.RecognitionTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Every operation on one local HTTP port, over a DynamoDB Local that keeps its data in a folder.
 * Requests run as the configured local tenant; every path goes through the RPC front door.
 */
public final class LocalServer implements AutoCloseable {
    private static final int MAX_BODY_BYTES = 2 << 20;

    private final DynamoDbLocal database;
    private final HttpServer http;
    private final ExecutorService workers;

    private LocalServer(DynamoDbLocal database, HttpServer http, ExecutorService workers) {
        this.database = database;
        this.http = http;
        this.workers = workers;
    }

    public static LocalServer start(LocalSettings settings) throws IOException {
        DynamoDbLocal database = DynamoDbLocal.persistedIn(settings.dataDir());
        try {
            DynamoDbClient client = database.client();
            RecognitionTable.createIfMissing(client, settings.table());
            RpcEndpoint endpoint = RpcEndpoint.serving(Backends.builder().store(new DynamoDbRecognitionStore(client, settings.table())).build(), Action.RECOGNITION_LIBRARY)
                .withDefaultTenant(settings.tenant());
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getByName(settings.bind()), settings.port()), 64);
            ExecutorService workers = Executors.newFixedThreadPool(16);
            http.setExecutor(workers);
            http.createContext("/", exchange -> serve(endpoint, exchange));
            http.start();
            return new LocalServer(database, http, workers);
        } catch (IOException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public int port() {
        return http.getAddress().getPort();
    }

    private static void serve(RpcEndpoint endpoint, HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
            HttpRequest request = new HttpRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers,
                QueryStrings.parse(exchange.getRequestURI().getRawQuery()), body);
            HttpResponse response = endpoint.handle(request, null, UUID.randomUUID().toString().toUpperCase(), "local");
            byte[] out = response.body().getBytes(StandardCharsets.UTF_8);
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(response.status(), out.length);
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(out);
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
        workers.shutdownNow();
        database.close();
    }

    public static void main(String[] args) throws IOException {
        LocalSettings settings = LocalSettings.fromEnvironment(System.getenv(), Path.of(System.getProperty("openrecog.home", ".")));
        LocalServer server = start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.printf("openrecog is listening on http://%s:%d (tenant '%s', data in %s). Stop it with Ctrl+C.%n",
            settings.bind(), server.port(), settings.tenant(), settings.dataDir().toAbsolutePath().normalize());
    }
}
