package dev.openrecog.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A real HTTP server on a loopback address that answers each request URI (path and query) its own way. */
final class TestServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();
    private final List<HttpExchange> received = new CopyOnWriteArrayList<>();

    private TestServer(HttpServer server) {
        this.server = server;
        server.createContext("/", this::dispatch);
        server.setExecutor(executor);
        server.start();
    }

    /** Listens on a loopback address: 127.0.0.1, 127.0.0.2, ::1. */
    static TestServer on(String loopbackAddress) throws IOException {
        return new TestServer(HttpServer.create(new InetSocketAddress(InetAddress.getByName(loopbackAddress), 0), 0));
    }

    static TestServer wrap(HttpServer server) {
        return new TestServer(server);
    }

    TestServer route(String requestUri, HttpHandler handler) {
        routes.put(requestUri, handler);
        return this;
    }

    /** http://address:port + requestUri, with IPv6 in brackets. */
    String url(String requestUri) {
        return scheme() + "://" + authority() + requestUri;
    }

    String authority() {
        InetAddress address = server.getAddress().getAddress();
        String host = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return host + ":" + port();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Every request that reached this server, in order. */
    List<HttpExchange> received() {
        return received;
    }

    private String scheme() {
        return server instanceof com.sun.net.httpserver.HttpsServer ? "https" : "http";
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        received.add(exchange);
        HttpHandler handler = routes.get(exchange.getRequestURI().toString());
        if (handler == null) {
            exchange.sendResponseHeaders(404, -1);
        } else {
            handler.handle(exchange);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Answers 200 with these bytes and an honest Content-Length. */
    static HttpHandler ok(byte[] body) {
        return exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        };
    }

    static HttpHandler redirect(int status, String location) {
        return exchange -> {
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(status, -1);
        };
    }

    static HttpHandler status(int status) {
        return exchange -> exchange.sendResponseHeaders(status, -1);
    }
}
