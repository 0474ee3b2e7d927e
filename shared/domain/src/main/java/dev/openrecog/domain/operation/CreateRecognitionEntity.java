package dev.openrecog.domain.operation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.openrecog.domain.Action;
import dev.openrecog.domain.Algorithm;
import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ClientToken;
import dev.openrecog.domain.Entity;
import dev.openrecog.domain.Ids;
import dev.openrecog.domain.Operation;
import dev.openrecog.domain.Params;
import dev.openrecog.domain.RecognitionStore;
import dev.openrecog.domain.Tenant;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

public final class CreateRecognitionEntity implements Operation {
    static final int MAX_NAME_BYTES = 64;
    static final int MAX_INFO_BYTES = 256;
    private static final JsonFactory JSON = new JsonFactory();

    private final RecognitionStore store;

    public CreateRecognitionEntity(RecognitionStore store) {
        this.store = store;
    }

    @Override
    public Map<String, Object> invoke(Tenant tenant, Params params) {
        Algorithm algorithm = params.algorithm();
        String libId = params.id("LibId");
        String name = params.requiredText("EntityName", MAX_NAME_BYTES);
        String info = params.optionalText("EntityInfo", MAX_INFO_BYTES);
        if (info != null) {
            requireJson(info);
        }
        ClientToken token = params.clientToken(Action.CREATE_RECOGNITION_ENTITY, "Algorithm", "LibId", "EntityName", "EntityInfo");
        String entityId = store.findCreated(tenant, token).orElseGet(() -> {
            Entity entity = new Entity(libId, Ids.newId(), name, info, System.currentTimeMillis());
            AtomicReference<String> created = new AtomicReference<>();
            Libraries.change(store, tenant, algorithm, libId, () -> created.set(store.createEntity(tenant, algorithm, entity, token)));
            return created.get();
        });
        return Responses.of("EntityId", entityId);
    }

    /** EntityInfo must be one complete JSON value and nothing after it. */
    private static void requireJson(String info) {
        try (JsonParser parser = JSON.createParser(info)) {
            if (parser.nextToken() == null) {
                throw notJson("it is empty");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw notJson("text follows the first JSON value");
            }
        } catch (IOException e) {
            throw notJson(e.getMessage().split("\n", 2)[0]);
        }
    }

    private static ApiException notJson(String why) {
        return ApiException.invalidParameter("The parameter EntityInfo must be a JSON text: " + why + ".");
    }
}
