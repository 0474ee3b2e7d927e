package dev.openrecog.rpc.auth;

import com.sun.net.httpserver.HttpServer;
import dev.openrecog.rpc.HttpRequest;
import dev.openrecog.rpc.QueryStrings;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP server that records each request exactly as a client sent it (method, raw path,
 * raw query, headers, body) and answers with a minimal RPC success body.
 */
final class CapturingServer implements AutoCloseable {
    /** One request as it came over the wire. */
    static final class Captured {
        final String method;
        final String rawPath;
        final String rawQuery;
        final Map<String, String> headers;
        final byte[] body;

        Captured(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body) {
            this.method = method;
            this.rawPath = rawPath;
            this.rawQuery = rawQuery;
            this.headers = headers;
            this.body = body;
        }

        /** Our request, built the way the provider adapters build it. */
        HttpRequest toHttpRequest() {
            return new HttpRequest(method, rawPath, headers, QueryStrings.parse(rawQuery), body);
        }

        @Override
        public String toString() {
            return method + " " + rawPath + "?" + rawQuery + "\n" + headers + "\n" + new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Captured> requests = new CopyOnWriteArrayList<>();

    CapturingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
            requests.add(new Captured(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), headers, body));
            byte[] answer = "{\"RequestId\":\"captured\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    String endpoint() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The last request received. */
    Captured last() {
        if (requests.isEmpty()) {
            throw new IllegalStateException("No request was captured");
        }
        return requests.get(requests.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
