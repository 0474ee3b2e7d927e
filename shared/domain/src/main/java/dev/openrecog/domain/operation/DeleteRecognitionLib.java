package dev.openrecog.domain.operation;

import dev.openrecog.domain.Algorithm;
import dev.openrecog.domain.Operation;
import dev.openrecog.domain.Params;
import dev.openrecog.domain.RecognitionStore;
import dev.openrecog.domain.Tenant;

import java.util.Map;

public final class DeleteRecognitionLib implements Operation {
    private final RecognitionStore store;

    public DeleteRecognitionLib(RecognitionStore store) {
        this.store = store;
    }

    @Override
    public Map<String, Object> invoke(Tenant tenant, Params params) {
        Algorithm algorithm = params.algorithm();
        String libId = params.id("LibId");
        Libraries.change(store, tenant, algorithm, libId, () -> store.deleteLibrary(tenant, algorithm, libId));
        return Responses.empty();
    }
}
