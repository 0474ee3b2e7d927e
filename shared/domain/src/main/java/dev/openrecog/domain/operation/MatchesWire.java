package dev.openrecog.domain.operation;

import dev.openrecog.domain.recognition.RecognitionMatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Recognition matches as RecognizeImage and GetImageLabels answer them: {"Matches":{"Match":[...]}}. */
final class MatchesWire {
    private MatchesWire() {
    }

    static Map<String, Object> of(List<RecognitionMatch> matches) {
        List<Map<String, Object>> wire = new ArrayList<>();
        for (RecognitionMatch match : matches) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("LibId", match.libId());
            item.put("EntityId", match.entityId());
            item.put("EntityName", match.entityName());
            item.put("SampleId", match.sampleId());
            item.put("Score", LabelsWire.round(match.score()));
            item.put("Boundary", LabelsWire.boundary(match.region()));
            wire.add(item);
        }
        return Responses.of("Match", wire);
    }
}
