package dev.openrecog.vision.prompt;

import dev.openrecog.domain.ImageLabel;
import java.util.ArrayList;
import java.util.List;

/** How a label prompt applies to an image: the detected labels it selected, best first. */
public final class LabelMatch {
    private final List<ImageLabel> labels;

    LabelMatch(List<ImageLabel> labels) {
        List<ImageLabel> sorted = new ArrayList<>(labels);
        sorted.sort((a, b) -> Double.compare(b.confidence(), a.confidence()));
        this.labels = List.copyOf(sorted);
    }

    /** The confidence of the best detection of a selected class, 0 to 1. */
    public double score() {
        return labels.get(0).confidence();
    }

    /** The selected labels as the labeler gave them (detected classes, with their instances); never empty. */
    public List<ImageLabel> labels() {
        return labels;
    }

    /** Where the selected classes were seen: every instance of every selected label, in original image pixels. */
    public List<ImageLabel.Instance> instances() {
        List<ImageLabel.Instance> out = new ArrayList<>();
        labels.forEach(label -> out.addAll(label.instances()));
        return out;
    }
}
