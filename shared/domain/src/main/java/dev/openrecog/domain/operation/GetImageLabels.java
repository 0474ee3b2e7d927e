package dev.openrecog.domain.operation;

import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ErrorCode;
import dev.openrecog.domain.LabelResult;
import dev.openrecog.domain.LabelResultStore;
import dev.openrecog.domain.Language;
import dev.openrecog.domain.ObjectLocation;
import dev.openrecog.domain.Operation;
import dev.openrecog.domain.Params;
import dev.openrecog.domain.Tenant;

import java.time.Instant;
import java.util.Map;

/**
 * Reads back what the upload trigger stored for the object at SourceURI: its latest version's labels
 * and recognized entities, or the reason it could not be labelled.
 */
public final class GetImageLabels implements Operation {
    private final LabelResultStore results;

    public GetImageLabels(LabelResultStore results) {
        this.results = results;
    }

    @Override
    public Map<String, Object> invoke(Tenant tenant, Params params) {
        ObjectLocation source = ObjectLocation.parse("SourceURI", params.required("SourceURI"));
        Double threshold = params.fraction("Threshold");
        Language language = params.language();
        LabelResult result = results.latest(tenant, source).orElseThrow(() -> new ApiException(ErrorCode.LABEL_RESULT_NOT_FOUND,
            "No labels are stored for " + source + ": it was not uploaded to a bucket with the upload trigger, or not yet."));
        Map<String, Object> body = Responses.of("SourceURI", source.toString());
        body.put("Version", result.version());
        body.put("Status", result.status().name());
        body.put("ProcessedTime", Instant.ofEpochMilli(result.processedAt()).toString());
        if (result.status() == LabelResult.Status.FAILED) {
            body.put("ErrorCode", result.errorCode());
            body.put("ErrorMessage", result.errorMessage());
        }
        body.put("Labels", LabelsWire.of(result.labels(), language, threshold == null ? 0 : threshold));
        body.put("Matches", MatchesWire.of(result.matches()));
        return body;
    }
}
