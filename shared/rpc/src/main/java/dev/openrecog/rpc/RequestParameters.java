package dev.openrecog.rpc;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.openrecog.domain.ApiException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Merges a request's parameters from the query string and the body (form-urlencoded or a JSON
 * object). A parameter given twice with different values is refused rather than guessed at.
 */
final class RequestParameters {
    static final int MAX_BODY_BYTES = 1 << 20;

    private RequestParameters() {
    }

    static Map<String, String> of(HttpRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        request.query().forEach((name, values) -> values.forEach(value -> put(params, name, value)));
        byte[] body = request.body();
        if (body.length > MAX_BODY_BYTES) {
            throw ApiException.invalidParameter("The request body must be at most " + MAX_BODY_BYTES + " bytes.");
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return params;
        }
        String contentType = request.header("content-type");
        if (isJson(contentType, text)) {
            jsonObject(text).forEach((name, value) -> {
                if (value != null) {
                    put(params, name, jsonValue(value));
                }
            });
        } else {
            QueryStrings.parse(text).forEach((name, values) -> values.forEach(value -> put(params, name, value)));
        }
        return params;
    }

    private static boolean isJson(String contentType, String body) {
        if (contentType == null || contentType.isBlank()) {
            return body.startsWith("{");
        }
        return contentType.toLowerCase(Locale.ROOT).contains("json");
    }

    private static Map<String, Object> jsonObject(String text) {
        try {
            Object parsed = JSON.std.anyFrom(text);
            if (parsed instanceof Map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) parsed;
                return object;
            }
        } catch (IOException e) {
            throw ApiException.invalidParameter("The request body is not valid JSON.");
        }
        throw ApiException.invalidParameter("The request body must be a JSON object of parameters.");
    }

    /** Scalars travel as their text; an object or array (EntityInfo, say) as its JSON text. */
    private static String jsonValue(Object value) {
        if (value instanceof Map || value instanceof List) {
            try {
                return JSON.std.asString(value);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return value.toString();
    }

    private static void put(Map<String, String> params, String name, String value) {
        String previous = params.putIfAbsent(name, value);
        if (previous != null && !previous.equals(value)) {
            throw ApiException.invalidParameter("The parameter " + name + " is given more than once with different values.");
        }
    }
}
