package dev.openrecog.domain.operation;

import dev.openrecog.domain.Algorithm;
import dev.openrecog.domain.Entity;
import dev.openrecog.domain.Library;
import dev.openrecog.domain.Operation;
import dev.openrecog.domain.PageRequest;
import dev.openrecog.domain.Params;
import dev.openrecog.domain.RecognitionStore;
import dev.openrecog.domain.Tenant;

import java.util.LinkedHashMap;
import java.util.Map;

public final class ListRecognitionEntities implements Operation {
    private final RecognitionStore store;

    public ListRecognitionEntities(RecognitionStore store) {
        this.store = store;
    }

    @Override
    public Map<String, Object> invoke(Tenant tenant, Params params) {
        Algorithm algorithm = params.algorithm();
        String libId = params.id("LibId");
        PageRequest request = params.page();
        Library library = Libraries.require(store, tenant, algorithm, libId);
        return Responses.page(request, store.listEntities(tenant, library, request).map(ListRecognitionEntities::toWire),
            "Entities", "Entity");
    }

    private static Map<String, Object> toWire(Entity entity) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("EntityId", entity.entityId());
        wire.put("EntityName", entity.name());
        Responses.putIfPresent(wire, "EntityInfo", entity.info());
        return wire;
    }
}
