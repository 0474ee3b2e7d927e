package dev.openrecog.vision.face;

import dev.openrecog.domain.recognition.Region;
import java.util.Locale;

/**
 * A face found in an image: its box in pixels of the original (upright) image, the detector's score and the
 * face's embedding, an L2-normalized float vector: the cosine similarity of two faces is the dot product of their
 * embeddings ({@link #similarity}), and two faces are the same person when it reaches
 * {@link FaceAnalyzer#matchThreshold()}.
 */
public final class Face {
    private final Region region;
    private final float score;
    private final float[] embedding;

    Face(int left, int top, int width, int height, float score, float[] embedding) {
        this.region = new Region(left, top, width, height);
        this.score = score;
        this.embedding = embedding;
    }

    /** The face's box, in pixels of the original (upright) image. */
    public Region region() {
        return region;
    }

    /** The detector's confidence, 0..1. */
    public float score() {
        return score;
    }

    /** The embedding (a copy): L2-normalized, {@link FaceAnalyzer#dimensions()} floats. */
    public float[] embedding() {
        return embedding.clone();
    }

    /** The cosine similarity of this face and another, -1..1: the dot product of the embeddings. */
    public float similarity(Face other) {
        return similarity(embedding, other.embedding);
    }

    /** The dot product of two embeddings of the same length (their cosine similarity, as both are normalized). */
    public static float similarity(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("embeddings of " + a.length + " and " + b.length + " dimensions");
        }
        float dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Face[%s, score %.3f]", region, score);
    }
}
