package dev.openrecog.store.dynamodb;

import dev.openrecog.domain.Action;
import dev.openrecog.domain.Algorithm;
import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.Backends;
import dev.openrecog.domain.ClientToken;
import dev.openrecog.domain.Entity;
import dev.openrecog.domain.Ids;
import dev.openrecog.domain.ImageFetcher;
import dev.openrecog.domain.Library;
import dev.openrecog.domain.Operation;
import dev.openrecog.domain.Params;
import dev.openrecog.domain.RecognitionStore;
import dev.openrecog.domain.Sample;
import dev.openrecog.domain.Tenant;
import dev.openrecog.domain.recognition.IndexedSample;
import dev.openrecog.fetch.ImageUrlFetcher;
import dev.openrecog.vision.recognition.VisionRecognizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Calls operations the way the wire layer does: a tenant and flat text parameters. Images are read as a function
 * reads them: oss:// from the {@link Photos} folder, http(s) downloaded, and described by the real vision engine.
 */
final class Api {
    /** Its models load on first use, once for every test in this JVM. */
    private static final VisionRecognizer RECOGNIZER = VisionRecognizer.builtIn();
    /** As a deployment with OPENRECOG_IMAGE_URL_ALLOW=127.0.0.1/32: tests serve images on loopback. */
    private static final ImageUrlFetcher LOOPBACK_FETCHER = ImageUrlFetcher.builder().allow("127.0.0.1/32").build();

    private final RecognitionStore store;
    private final Tenant tenant;
    private final ImageFetcher fetcher;

    Api(RecognitionStore store, String tenant) {
        this(store, Tenant.of(tenant), LOOPBACK_FETCHER);
    }

    private Api(RecognitionStore store, Tenant tenant, ImageFetcher fetcher) {
        this.store = store;
        this.tenant = tenant;
        this.fetcher = fetcher;
    }

    /** The same operations, downloading http(s) images with {@code fetcher}. */
    Api fetchingWith(ImageFetcher fetcher) {
        return new Api(store, tenant, fetcher);
    }

    Tenant tenant() {
        return tenant;
    }

    /** One operation instance, to call again and again as a warm function does. */
    Operation operation(Action action) {
        return action.on(Backends.builder().store(store).objects(Photos.objects()).fetcher(fetcher).recognizer(RECOGNIZER).build());
    }

    Map<String, Object> call(Action action, String... nameValues) {
        return call(operation(action), nameValues);
    }

    Map<String, Object> call(Operation operation, String... nameValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            params.put(nameValues[i], nameValues[i + 1]);
        }
        return operation.invoke(tenant, new Params(params));
    }

    /** Asserts the call fails with this code, and returns the message. */
    String fails(String code, Action action, String... nameValues) {
        return fails(code, operation(action), nameValues);
    }

    String fails(String code, Operation operation, String... nameValues) {
        ApiException e = assertThrows(ApiException.class, () -> call(operation, nameValues));
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

    /** A LabelPrompt sample: cheap, no model runs, for tests of what the store does with any sample. */
    String createPromptSample(String libId, String entityId, String labelPrompt) {
        return (String) call(Action.CREATE_RECOGNITION_SAMPLE, "Algorithm", "label", "LibId", libId, "EntityId", entityId,
            "LabelPrompt", labelPrompt).get("SampleId");
    }

    /**
     * Creates an image sample with these features, as CreateRecognitionSample does once the vision engine
     * computed them: the ClientToken (or null) first, then the entity, then the create. Null features store the
     * sample as the versions before features did.
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
            return store.createSample(tenant, Algorithm.parse(algorithm), features == null ? sample : sample.withFeatures(features),
                token);
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
