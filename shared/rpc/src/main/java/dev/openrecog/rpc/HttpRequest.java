package dev.openrecog.rpc;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** An HTTP request as every provider delivers it, already taken out of the provider's event. */
public final class HttpRequest {
    private final String method;
    private final String path;
    private final Map<String, String> headers;
    private final Map<String, List<String>> query;
    private final byte[] body;

    /**
     * @param headers header names in any case
     * @param query   decoded query parameters, each with every value it was given
     */
    public HttpRequest(String method, String path, Map<String, String> headers, Map<String, List<String>> query, byte[] body) {
        this.method = method == null ? "POST" : method.toUpperCase(Locale.ROOT);
        this.path = path == null || path.isEmpty() ? "/" : path;
        Map<String, String> lowerCased = new TreeMap<>();
        headers.forEach((name, value) -> lowerCased.put(name.toLowerCase(Locale.ROOT), value));
        this.headers = lowerCased;
        this.query = Map.copyOf(query);
        this.body = body == null ? new byte[0] : body;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** The header's value, looked up without regard to case, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Every header name, lower-cased. */
    public Set<String> headerNames() {
        return Collections.unmodifiableSet(headers.keySet());
    }

    public Map<String, List<String>> query() {
        return query;
    }

    public byte[] body() {
        return body;
    }
}
