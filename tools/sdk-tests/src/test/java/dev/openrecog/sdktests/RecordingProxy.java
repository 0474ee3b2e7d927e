package dev.openrecog.sdktests;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * An HTTP proxy on loopback for the official clients ({@code Config.setHttpProxy}): it forwards each
 * request to the server it names and keeps a copy, which a test can send again (a replay) or alter
 * on the way (tampering). The Host the client signed is the target's, and the forwarded request
 * keeps it.
 */
final class RecordingProxy implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "expect", "upgrade",
        "proxy-connection", "transfer-encoding", "keep-alive");

    /** A request as the client sent it. */
    static final class Recorded {
        final String method;
        final URI uri;
        final Map<String, String> headers;
        final byte[] body;

        Recorded(String method, URI uri, Map<String, String> headers, byte[] body) {
            this.method = method;
            this.uri = uri;
            this.headers = headers;
            this.body = body;
        }

        Recorded withUri(URI changed) {
            return new Recorded(method, changed, headers, body);
        }
    }

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Recorded> recorded = new ArrayList<>();
    private volatile UnaryOperator<Recorded> alteration = UnaryOperator.identity();

    RecordingProxy() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", this::forward);
        server.start();
    }

    String address() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Alters every request from now on before forwarding it. */
    void alter(UnaryOperator<Recorded> change) {
        this.alteration = change;
    }

    synchronized Recorded last() {
        return recorded.get(recorded.size() - 1);
    }

    /** Sends a recorded request again, as it was. */
    HttpResponse<String> send(Recorded request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri)
            .method(request.method, HttpRequest.BodyPublishers.ofByteArray(request.body));
        request.headers.forEach((name, value) -> {
            if (!HOP_BY_HOP.contains(name)) {
                builder.header(name, value);
            }
        });
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
            Recorded request = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI(), headers, body);
            synchronized (this) {
                recorded.add(request);
            }
            HttpResponse<String> response;
            try {
                response = send(alteration.apply(request));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            byte[] out = response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            response.headers().firstValue("content-type").ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
            exchange.sendResponseHeaders(response.statusCode(), out.length);
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(out);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
