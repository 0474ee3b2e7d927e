package dev.openrecog.domain.operation;

import dev.openrecog.domain.Algorithm;
import dev.openrecog.domain.Operation;
import dev.openrecog.domain.Params;
import dev.openrecog.domain.RecognitionStore;
import dev.openrecog.domain.Tenant;

import java.util.Map;

public final class DeleteRecognitionSample implements Operation {
    private final RecognitionStore store;

    public DeleteRecognitionSample(RecognitionStore store) {
        this.store = store;
    }

    @Override
    public Map<String, Object> invoke(Tenant tenant, Params params) {
        Algorithm algorithm = params.algorithm();
        String libId = params.id("LibId");
        String entityId = params.id("EntityId");
        String sampleId = params.id("SampleId");
        store.deleteSample(tenant, Libraries.require(store, tenant, algorithm, libId), entityId, sampleId);
        return Responses.empty();
    }
}
