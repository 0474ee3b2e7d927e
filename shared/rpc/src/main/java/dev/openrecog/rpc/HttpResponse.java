package dev.openrecog.rpc;

import java.util.Map;

/** A JSON response, for the adapter to put into its provider's response shape. */
public final class HttpResponse {
    private final int status;
    private final Map<String, String> headers;
    private final String body;

    HttpResponse(int status, Map<String, String> headers, String body) {
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.body = body;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public String body() {
        return body;
    }
}
