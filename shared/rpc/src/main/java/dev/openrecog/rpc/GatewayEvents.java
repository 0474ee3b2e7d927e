package dev.openrecog.rpc;

import com.fasterxml.jackson.jr.ob.JSON;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading gateway event JSON and writing the proxy response that API Gateway (payload v1 and v2)
 * and FC HTTP triggers all take: {@code {statusCode, headers, body, isBase64Encoded}}.
 */
public final class GatewayEvents {
    private GatewayEvents() {
    }

    public static Map<String, Object> read(InputStream in) throws IOException {
        Object event = JSON.std.anyFrom(in);
        if (!(event instanceof Map)) {
            throw new IOException("The invocation event is not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) event;
        return object;
    }

    public static void writeResponse(OutputStream out, HttpResponse response) throws IOException {
        Map<String, Object> proxy = new LinkedHashMap<>();
        proxy.put("statusCode", response.status());
        proxy.put("headers", response.headers());
        proxy.put("body", response.body());
        proxy.put("isBase64Encoded", false);
        JSON.std.write(proxy, out);
        out.flush();
    }

    /** A value as JSON bytes, for an event handler's output. */
    public static byte[] json(Object value) throws IOException {
        return JSON.std.asBytes(value);
    }

    /**
     * The records of a storage notification: the objects in the list {@code listName} whose
     * eventSource is {@code source}, in the order given.
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> storageRecords(Map<String, Object> event, String listName, String source) {
        List<Map<String, Object>> found = new ArrayList<>();
        Object records = event.get(listName);
        if (records instanceof List) {
            for (Object record : (List<?>) records) {
                if (record instanceof Map && source.equals(text((Map<String, Object>) record, "eventSource"))) {
                    found.add((Map<String, Object>) record);
                }
            }
        }
        return found;
    }

    /** The object at this path of nested objects, or an empty map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Map<String, Object> root, String... path) {
        Object current = root;
        for (String name : path) {
            if (!(current instanceof Map)) {
                return Map.of();
            }
            current = ((Map<String, Object>) current).get(name);
        }
        return current instanceof Map ? (Map<String, Object>) current : Map.of();
    }

    /** The scalar at this path as text, or null. */
    public static String text(Map<String, Object> root, String... path) {
        String[] parents = new String[path.length - 1];
        System.arraycopy(path, 0, parents, 0, parents.length);
        Object value = object(root, parents).get(path[path.length - 1]);
        return value == null || value instanceof Map || value instanceof List ? null : value.toString();
    }

    /** A map of header or parameter values, each a string or a list of strings, as name → values. */
    public static Map<String, List<String>> multiValued(Map<String, Object> values) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            List<String> list = result.computeIfAbsent(name, n -> new ArrayList<>());
            if (value instanceof List) {
                ((List<?>) value).forEach(item -> list.add(String.valueOf(item)));
            } else if (value != null) {
                list.add(value.toString());
            }
        });
        return result;
    }

    /** A map of single header values; repeated values are joined with commas, as HTTP allows. */
    public static Map<String, String> headers(Map<String, Object> values) {
        Map<String, String> headers = new LinkedHashMap<>();
        multiValued(values).forEach((name, list) -> headers.put(name, String.join(",", list)));
        return headers;
    }

    /**
     * The request's headers with the Host the client addressed: the gateway passes the client's own
     * {@code Host} header through, and when an event lacks it, the domain name in its request
     * context is that host. ACS3 signatures cover it, so it must be the client's, never the
     * function's own address.
     */
    public static Map<String, String> headersWithHost(Map<String, Object> values, String domainName) {
        Map<String, String> headers = headers(values);
        boolean hasHost = headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("host"));
        if (!hasHost && domainName != null && !domainName.isEmpty()) {
            headers.put("host", domainName);
        }
        return headers;
    }

    /** The event body as bytes, decoding it when the platform base64-encoded it. */
    public static byte[] body(Object body, boolean base64) {
        if (body == null) {
            return new byte[0];
        }
        String text = body.toString();
        return base64 ? Base64.getMimeDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
    }
}
