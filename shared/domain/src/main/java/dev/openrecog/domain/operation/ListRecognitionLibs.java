package dev.openrecog.domain.operation;

import dev.openrecog.domain.Algorithm;
import dev.openrecog.domain.Library;
import dev.openrecog.domain.Operation;
import dev.openrecog.domain.Page;
import dev.openrecog.domain.PageRequest;
import dev.openrecog.domain.Params;
import dev.openrecog.domain.RecognitionStore;
import dev.openrecog.domain.Tenant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class ListRecognitionLibs implements Operation {
    static final int MAX_LIB_IDS = 100;

    private final RecognitionStore store;

    public ListRecognitionLibs(RecognitionStore store) {
        this.store = store;
    }

    @Override
    public Map<String, Object> invoke(Tenant tenant, Params params) {
        Algorithm algorithm = params.algorithm();
        PageRequest request = params.page();
        List<String> libIds = params.optionalIdList("LibId", MAX_LIB_IDS);
        Page<Library> page = libIds.isEmpty()
            ? store.listLibraries(tenant, algorithm, request)
            : pageOf(store.getLibraries(tenant, algorithm, libIds), request);
        return Responses.page(request, page.map(ListRecognitionLibs::toWire), "Libs", "Lib");
    }

    private static Page<Library> pageOf(List<Library> libraries, PageRequest request) {
        int from = (int) Math.min(request.offset(), libraries.size());
        int to = Math.min(from + request.pageSize(), libraries.size());
        return new Page<>(libraries.subList(from, to), libraries.size());
    }

    private static Map<String, Object> toWire(Library library) {
        Map<String, Object> lib = new LinkedHashMap<>();
        lib.put("LibId", library.libId());
        lib.put("LibName", library.name());
        Responses.putIfPresent(lib, "LibDescription", library.description());
        return lib;
    }
}
