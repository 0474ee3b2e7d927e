package dev.openrecog.domain.operation;

import dev.openrecog.domain.Action;
import dev.openrecog.domain.Algorithm;
import dev.openrecog.domain.ClientToken;
import dev.openrecog.domain.Ids;
import dev.openrecog.domain.Library;
import dev.openrecog.domain.Operation;
import dev.openrecog.domain.Params;
import dev.openrecog.domain.RecognitionStore;
import dev.openrecog.domain.Tenant;

import java.util.Map;

public final class CreateRecognitionLib implements Operation {
    static final int MAX_NAME_BYTES = 64;
    static final int MAX_DESCRIPTION_BYTES = 128;

    private final RecognitionStore store;

    public CreateRecognitionLib(RecognitionStore store) {
        this.store = store;
    }

    @Override
    public Map<String, Object> invoke(Tenant tenant, Params params) {
        Algorithm algorithm = params.algorithm();
        String name = params.requiredText("LibName", MAX_NAME_BYTES);
        String description = params.optionalText("LibDescription", MAX_DESCRIPTION_BYTES);
        ClientToken token = params.clientToken(Action.CREATE_RECOGNITION_LIB, "Algorithm", "LibName", "LibDescription");
        String libId = store.findCreated(tenant, token).orElseGet(() -> store.createLibrary(tenant,
            new Library(Ids.newId(), algorithm, name, description, System.currentTimeMillis()), token));
        return Responses.of("LibId", libId);
    }
}
