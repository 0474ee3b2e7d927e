package dev.openrecog.store.dynamodb;

import dev.openrecog.domain.Action;
import dev.openrecog.domain.Algorithm;
import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.Backends;
import dev.openrecog.domain.ClientToken;
import dev.openrecog.domain.Entity;
import dev.openrecog.domain.Ids;
import dev.openrecog.domain.Library;
import dev.openrecog.domain.Params;
import dev.openrecog.domain.RecognitionStore;
import dev.openrecog.domain.Sample;
import dev.openrecog.domain.Tenant;
import dev.openrecog.domain.recognition.IndexedSample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Calls operations the way the wire layer does: a tenant and flat text parameters. */
final class Api {
    private final RecognitionStore store;
    private final Tenant tenant;

    Api(RecognitionStore store, String tenant) {
        this.store = store;
        this.tenant = Tenant.of(tenant);
    }

    Tenant tenant() {
        return tenant;
    }

    Map<String, Object> call(Action action, String... nameValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            params.put(nameValues[i], nameValues[i + 1]);
        }
        return action.on(Backends.builder().store(store).build()).invoke(tenant, new Params(params));
    }

    /** Asserts the call fails with this code, and returns the message. */
    String fails(String code, Action action, String... nameValues) {
        ApiException e = assertThrows(ApiException.class, () -> call(action, nameValues));
        assertEquals(code, e.errorCode().code(), e.getMessage());
        return e.getMessage();
    }

    /** The id a create answers with. */
    String id(Action action, String... nameValues) {
        return (String) call(action, nameValues).values().iterator().next();
    }

    String createLib(String algorithm, String name) {
        return (String) call(Action.CREATE_RECOGNITION_LIB, "Algorithm", algorithm, "LibName", name).get("LibId");
    }

    String createEntity(String algorithm, String libId, String name) {
        return (String) call(Action.CREATE_RECOGNITION_ENTITY, "Algorithm", algorithm, "LibId", libId, "EntityName", name)
            .get("EntityId");
    }

    String createSample(String algorithm, String libId, String entityId, String imageUrl) {
        return (String) call(Action.CREATE_RECOGNITION_SAMPLE, "Algorithm", algorithm, "LibId", libId, "EntityId", entityId,
            "ImageUrl", imageUrl).get("SampleId");
    }

    /**
     * Creates an image sample with features, as CreateRecognitionSample does once the vision engine
     * computed them: the ClientToken (or null) first, then the entity, then the create.
     */
    String createSample(String algorithm, String libId, String entityId, byte[] features, String clientToken) {
        Map<String, String> params = new LinkedHashMap<>(Map.of("Algorithm", algorithm, "LibId", libId, "EntityId", entityId));
        if (clientToken != null) {
            params.put("ClientToken", clientToken);
        }
        ClientToken token = new Params(params).clientToken(Action.CREATE_RECOGNITION_SAMPLE, "Algorithm", "LibId", "EntityId");
        return store.findCreated(tenant, token).orElseGet(() -> {
            Entity entity = store.findEntity(tenant, libId, entityId).orElseThrow(() -> ApiException.entityNotFound(entityId));
            Sample sample = new Sample(libId, entityId, entity.name(), Ids.newId(), "https://example.com/images/" + entityId + ".jpg",
                null, System.currentTimeMillis());
            return store.createSample(tenant, Algorithm.parse(algorithm), sample.withFeatures(features), token);
        });
    }

    /** The library as the store holds it now. */
    Library library(String algorithm, String libId) {
        return store.findLibrary(tenant, Algorithm.parse(algorithm), libId).orElseThrow(() -> ApiException.libNotFound(libId));
    }

    /** What recognition searches in the library, read as recognition reads it: the library first. */
    List<IndexedSample> indexedSamples(String algorithm, String libId) {
        return store.indexedSamples(tenant, library(algorithm, libId));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Map<String, Object> page, String list, String item) {
        return (List<Map<String, Object>>) ((Map<String, Object>) page.get(list)).get(item);
    }

    static long total(Map<String, Object> page) {
        return ((Number) page.get("TotalCount")).longValue();
    }
}
