package dev.openrecog.domain.operation;

import dev.openrecog.domain.ImageLabel;
import dev.openrecog.domain.Language;
import dev.openrecog.domain.recognition.Region;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Labels in the shape of IMM's DetectImageLabels response, plus the instances where objects were found. */
final class LabelsWire {
    private LabelsWire() {
    }

    static List<Map<String, Object>> of(List<ImageLabel> labels, Language language, double threshold) {
        return labels.stream()
            .filter(label -> label.language() == language && label.confidence() >= threshold)
            .map(LabelsWire::toWire)
            .collect(Collectors.toList());
    }

    private static Map<String, Object> toWire(ImageLabel label) {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("LabelName", label.name());
        wire.put("LabelLevel", label.level());
        wire.put("ParentLabelName", label.parentName());
        wire.put("LabelConfidence", round(label.confidence()));
        wire.put("CentricScore", round(label.centricScore()));
        wire.put("Language", label.language().wireValue());
        wire.put("LabelAlias", label.alias());
        if (!label.instances().isEmpty()) {
            wire.put("Instances", label.instances().stream().map(instance -> {
                Map<String, Object> wireInstance = new LinkedHashMap<>();
                wireInstance.put("Confidence", round(instance.confidence()));
                wireInstance.put("Boundary", boundary(instance.region()));
                return wireInstance;
            }).collect(Collectors.toList()));
        }
        return wire;
    }

    /** A region as IMM writes it: {"Left","Top","Width","Height"} in pixels. */
    static Map<String, Object> boundary(Region region) {
        Map<String, Object> boundary = new LinkedHashMap<>();
        boundary.put("Left", region.left());
        boundary.put("Top", region.top());
        boundary.put("Width", region.width());
        boundary.put("Height", region.height());
        return boundary;
    }

    /** Scores and confidences go out with three decimals. */
    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
