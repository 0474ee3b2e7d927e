package dev.openrecog.rpc.auth;

import dev.openrecog.rpc.HttpRequest;
import dev.openrecog.rpc.QueryStrings;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A captured request, copied so that a test can tamper with one part of it at a time. */
final class RequestCopy {
    private String method;
    private String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, List<String>> query = new LinkedHashMap<>();
    private byte[] body;

    private RequestCopy(CapturingServer.Captured captured) {
        method = captured.method;
        path = captured.rawPath;
        captured.headers.forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        QueryStrings.parse(captured.rawQuery).forEach((name, values) -> query.put(name, new ArrayList<>(values)));
        body = captured.body.clone();
    }

    static RequestCopy of(CapturingServer.Captured captured) {
        return new RequestCopy(captured);
    }

    RequestCopy method(String value) {
        method = value;
        return this;
    }

    RequestCopy path(String value) {
        path = value;
        return this;
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    RequestCopy header(String name, String value) {
        headers.put(name.toLowerCase(Locale.ROOT), value);
        return this;
    }

    RequestCopy withoutHeader(String name) {
        headers.remove(name.toLowerCase(Locale.ROOT));
        return this;
    }

    String param(String name) {
        List<String> values = query.get(name);
        return values == null ? null : values.get(0);
    }

    /** Replaces every value of the query parameter. */
    RequestCopy param(String name, String value) {
        query.put(name, new ArrayList<>(List.of(value)));
        return this;
    }

    /** Adds one more value to the query parameter. */
    RequestCopy addParam(String name, String value) {
        query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    RequestCopy withoutParam(String name) {
        query.remove(name);
        return this;
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    RequestCopy body(String text) {
        body = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    HttpRequest build() {
        return new HttpRequest(method, path, headers, query, body);
    }
}
