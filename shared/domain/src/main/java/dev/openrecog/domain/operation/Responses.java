package dev.openrecog.domain.operation;

import dev.openrecog.domain.Page;
import dev.openrecog.domain.PageRequest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds response bodies in the API's shape: paging fields, then {"Libs":{"Lib":[...]}}-style wrappers. */
final class Responses {
    private Responses() {
    }

    static Map<String, Object> of(String name, Object value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(name, value);
        return body;
    }

    static Map<String, Object> empty() {
        return new LinkedHashMap<>();
    }

    static Map<String, Object> page(PageRequest request, Page<Map<String, Object>> page, String listName, String itemName) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("PageNumber", request.pageNumber());
        body.put("PageSize", request.pageSize());
        body.put("TotalCount", page.totalCount());
        body.put(listName, of(itemName, List.copyOf(page.items())));
        return body;
    }

    /** Puts a field only when it has a value: absent optional fields stay absent on the wire. */
    static void putIfPresent(Map<String, Object> body, String name, Object value) {
        if (value != null) {
            body.put(name, value);
        }
    }
}
