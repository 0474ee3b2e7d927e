package dev.openrecog.vision.detect;

import java.util.Locale;

/**
 * One detected object: a class of the model's label map, its score and its box as fractions (0..1) of the
 * model input ({@code x1,y1} top left, {@code x2,y2} bottom right). Mapping the box back to the original
 * image (undoing a letterbox) is the image preprocessing's job, not the detector's.
 */
public final class Detection {
    private final int classIndex;
    private final String label;
    private final float score;
    private final float x1;
    private final float y1;
    private final float x2;
    private final float y2;

    public Detection(int classIndex, String label, float score, float x1, float y1, float x2, float y2) {
        this.classIndex = classIndex;
        this.label = label;
        this.score = score;
        this.x1 = x1;
        this.y1 = y1;
        this.x2 = x2;
        this.y2 = y2;
    }

    /** The class index in model output order (the line of the label map). */
    public int classIndex() {
        return classIndex;
    }

    /** The label key: the label map's entry for {@link #classIndex()} (for {@code coco80}, the coco.names line). */
    public String label() {
        return label;
    }

    public float score() {
        return score;
    }

    public float x1() {
        return x1;
    }

    public float y1() {
        return y1;
    }

    public float x2() {
        return x2;
    }

    public float y2() {
        return y2;
    }

    public float width() {
        return Math.max(0f, x2 - x1);
    }

    public float height() {
        return Math.max(0f, y2 - y1);
    }

    public float area() {
        return width() * height();
    }

    public float centerX() {
        return (x1 + x2) / 2f;
    }

    public float centerY() {
        return (y1 + y2) / 2f;
    }

    /** Intersection over union of the two boxes (0 when either is empty). */
    public float iou(Detection other) {
        float ix = Math.min(x2, other.x2) - Math.max(x1, other.x1);
        float iy = Math.min(y2, other.y2) - Math.max(y1, other.y1);
        if (ix <= 0f || iy <= 0f) {
            return 0f;
        }
        float inter = ix * iy;
        float union = area() + other.area() - inter;
        return union <= 0f ? 0f : inter / union;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s(%d) %.3f [%.3f, %.3f, %.3f, %.3f]", label, classIndex, score, x1, y1,
                x2, y2);
    }
}
