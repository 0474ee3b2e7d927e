package dev.openrecog.rpc;

import com.fasterxml.jackson.jr.ob.JSON;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON line per request or upload, the same on every provider. It names the request, never its
 * parameters: no secret, image URL or query string reaches the log.
 */
public final class RequestLog {
    private final PrintStream out;

    public RequestLog(PrintStream out) {
        this.out = out;
    }

    public static RequestLog toStandardOutput() {
        return new RequestLog(System.out);
    }

    public void write(String requestId, String provider, String action, String tenant, int status, String errorCode,
               Throwable fault, long latencyNanos) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("level", fault != null ? "ERROR" : "INFO");
        line.put("requestId", requestId);
        line.put("provider", provider);
        line.put("action", action);
        line.put("tenant", tenant);
        line.put("status", status);
        line.put("latencyMs", Math.round(latencyNanos / 1e4) / 100.0);
        if (errorCode != null) {
            line.put("errorCode", errorCode);
        }
        if (fault != null) {
            line.put("fault", describe(fault));
        }
        try {
            out.println(JSON.std.asString(line));
        } catch (IOException e) {
            out.println("{\"level\":\"ERROR\",\"requestId\":\"" + requestId + "\",\"message\":\"log line not writable\"}");
        }
    }

    /** The chain of exception types and messages of a fault, without stack frames. */
    private static String describe(Throwable fault) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = fault; cause != null && text.length() < 2000; cause = cause.getCause()) {
            if (text.length() > 0) {
                text.append(" <- ");
            }
            text.append(cause.getClass().getName()).append(": ").append(cause.getMessage());
        }
        return text.toString();
    }
}
