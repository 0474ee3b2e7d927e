package dev.openrecog.sdktests;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An image host on 127.0.0.1 (which the local server's fetcher may reach only because the pom allows it): serves
 * one photo at every path and remembers the request targets it was asked for, as they came on the wire.
 */
final class PhotoServer implements AutoCloseable {
    private static final String HOST = "127.0.0.1";

    private final HttpServer http;
    private final List<String> requested = new CopyOnWriteArrayList<>();

    PhotoServer(byte[] photo) throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), 0), 0);
        http.createContext("/", exchange -> {
            try (exchange) {
                requested.add(exchange.getRequestURI().toString());
                exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
                exchange.sendResponseHeaders(200, photo.length);
                exchange.getResponseBody().write(photo);
            }
        });
        http.start();
    }

    /** This server's URL for a path and query, written as they go on the wire ({@code /a%201.jpg?v=2}). */
    String url(String rawPathAndQuery) {
        return "http://" + HOST + ":" + http.getAddress().getPort() + rawPathAndQuery;
    }

    /** The raw path and query of every request so far. */
    List<String> requested() {
        return List.copyOf(requested);
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
