package dev.openrecog.hostile;

import dev.openrecog.rpc.HttpRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A well-formed call, as curl sends it: {@code POST /<Action>} with the parameters in a form body. */
final class Call {
    private final String action;
    private final Map<String, String> params = new LinkedHashMap<>();

    private Call(String action) {
        this.action = action;
    }

    static Call of(String action) {
        return new Call(action);
    }

    Call with(String name, String value) {
        params.put(name, value);
        return this;
    }

    String action() {
        return action;
    }

    Map<String, String> params() {
        return params;
    }

    HttpRequest request() {
        String form = params.entrySet().stream()
            .map(p -> encode(p.getKey()) + "=" + encode(p.getValue()))
            .collect(Collectors.joining("&"));
        return new HttpRequest("POST", "/" + action, Map.of("Content-Type", "application/x-www-form-urlencoded"), Map.of(),
            form.getBytes(StandardCharsets.UTF_8));
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return action + " " + params;
    }
}
