package dev.openrecog.domain.operation;

import dev.openrecog.domain.Algorithm;
import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.Library;
import dev.openrecog.domain.Operation;
import dev.openrecog.domain.PageRequest;
import dev.openrecog.domain.Params;
import dev.openrecog.domain.RecognitionStore;
import dev.openrecog.domain.Sample;
import dev.openrecog.domain.SampleScope;
import dev.openrecog.domain.Tenant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Lists samples across a comma-separated LibId list. EntityId is one entity's id, or ANY to list
 * every entity's samples, narrowed to entities called EntityName when that is given.
 */
public final class ListRecognitionSamples implements Operation {
    static final int MAX_LIB_IDS = 50;
    static final String ANY_ENTITY = "ANY";

    private final RecognitionStore store;

    public ListRecognitionSamples(RecognitionStore store) {
        this.store = store;
    }

    @Override
    public Map<String, Object> invoke(Tenant tenant, Params params) {
        Algorithm algorithm = params.algorithm();
        List<String> libIds = params.idList("LibId", MAX_LIB_IDS);
        SampleScope scope = scope(params);
        PageRequest request = params.page();
        List<Library> libraries = libIds.stream()
            .map(libId -> Libraries.require(store, tenant, algorithm, libId))
            .collect(Collectors.toList());
        if (scope.entityId() != null && libraries.stream()
            .noneMatch(library -> store.findEntity(tenant, library.libId(), scope.entityId()).isPresent())) {
            throw ApiException.entityNotFound(scope.entityId());
        }
        return Responses.page(request, store.listSamples(tenant, libraries, scope, request).map(ListRecognitionSamples::toWire),
            "Samples", "Sample");
    }

    private static SampleScope scope(Params params) {
        String entityId = params.required("EntityId");
        if (!ANY_ENTITY.equals(entityId)) {
            return SampleScope.entity(params.id("EntityId"));
        }
        String entityName = params.optionalText("EntityName", CreateRecognitionEntity.MAX_NAME_BYTES);
        return entityName == null ? SampleScope.all() : SampleScope.entityName(entityName);
    }

    private static Map<String, Object> toWire(Sample sample) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("SampleId", sample.sampleId());
        Responses.putIfPresent(wire, "ImageUrl", sample.imageUrl());
        Responses.putIfPresent(wire, "LabelPrompt", sample.labelPrompt());
        wire.put("EntityId", sample.entityId());
        wire.put("LibId", sample.libId());
        return wire;
    }
}
