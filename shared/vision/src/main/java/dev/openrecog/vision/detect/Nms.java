package dev.openrecog.vision.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Greedy class-wise non-maximum suppression. */
public final class Nms {
    private Nms() {
    }

    /**
     * Keeps the best-scoring boxes: a box is dropped when a better box of the same class overlaps it by more than
     * {@code iou}. Boxes of different classes never suppress each other.
     *
     * @return at most {@code max} detections, best score first (ties in input order)
     */
    public static List<Detection> classWise(List<Detection> candidates, float iou, int max) {
        List<Detection> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(d -> -d.score()));
        List<Detection> kept = new ArrayList<>();
        for (Detection d : sorted) {
            if (kept.size() >= max) {
                break;
            }
            boolean suppressed = false;
            for (Detection k : kept) {
                if (k.classIndex() == d.classIndex() && k.iou(d) > iou) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                kept.add(d);
            }
        }
        return kept;
    }
}
