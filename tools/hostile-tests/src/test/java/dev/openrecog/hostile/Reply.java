package dev.openrecog.hostile;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.openrecog.domain.ErrorCode;
import dev.openrecog.rpc.HttpResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** What the endpoint answered to one request, with its JSON body read when it is JSON. */
record Reply(String requestId, int status, Map<String, String> headers, String body, Map<String, Object> json, Throwable escaped) {
    private static final Pattern STACK_FRAME = Pattern.compile("(?:^|\\s)at (?:java|jdk|dev\\.openrecog|software\\.amazon|com)\\.[\\w.$]+\\(");

    static Reply of(String requestId, HttpResponse response) {
        Map<String, Object> json;
        try {
            json = JSON.std.mapFrom(response.body());
        } catch (IOException | RuntimeException notJson) {
            json = null;
        }
        return new Reply(requestId, response.status(), response.headers(), response.body(), json, null);
    }

    /** A throwable that left the endpoint: the platform answers such an invocation with a 5xx of its own. */
    static Reply escaped(String requestId, Throwable escaped) {
        return new Reply(requestId, 502, Map.of(), "(no answer: the endpoint threw " + escaped + ")", null, escaped);
    }

    boolean ok() {
        return status / 100 == 2;
    }

    String code() {
        return json == null ? null : (String) json.get("Code");
    }

    String text(String field) {
        return (String) json.get(field);
    }

    long totalCount() {
        return ((Number) json.get("TotalCount")).longValue();
    }

    /** The items of a listing: {@code {"Libs":{"Lib":[...]}}} is {@code items("Libs", "Lib")}. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> items(String listName, String itemName) {
        return (List<Map<String, Object>>) ((Map<String, Object>) json.get(listName)).get(itemName);
    }

    /**
     * How this reply breaks the wire contract every caller relies on, if it does: never a 5xx; always a JSON
     * object with this request's RequestId; an error carries a known Code with its own HTTP status and a
     * Message, and never a stack trace.
     */
    List<String> contractViolations() {
        List<String> violations = new ArrayList<>();
        if (escaped != null) {
            violations.add("a " + escaped.getClass().getName() + " escaped the endpoint: " + escaped.getMessage());
            return violations;
        }
        if (status >= 500) {
            violations.add("status " + status);
        }
        if (!String.valueOf(headers.get("Content-Type")).startsWith("application/json")) {
            violations.add("Content-Type " + headers.get("Content-Type"));
        }
        if (json == null) {
            violations.add("the body is not a JSON object");
            return violations;
        }
        if (!requestId.equals(json.get("RequestId"))) {
            violations.add("RequestId " + json.get("RequestId") + " instead of " + requestId);
        }
        if (ok()) {
            if (json.containsKey("Code")) {
                violations.add("a success with an error Code");
            }
            return violations;
        }
        Optional<ErrorCode> code = Arrays.stream(ErrorCode.values()).filter(c -> c.code().equals(json.get("Code"))).findFirst();
        if (code.isEmpty()) {
            violations.add("unknown Code " + json.get("Code"));
        } else if (code.get().httpStatus() != status) {
            violations.add("Code " + code.get().code() + " under status " + status);
        }
        if (!(json.get("Message") instanceof String message) || message.isBlank()) {
            violations.add("no Message");
        } else if (STACK_FRAME.matcher(message).find()) {
            violations.add("a stack trace in the Message");
        }
        return violations;
    }
}
