package dev.openrecog.vision.detect;

import java.util.List;
import java.util.Map;

/**
 * Turns a model's raw output tensors into candidate detections (before non-maximum suppression). One
 * implementation per manifest {@code decoder.kind}; {@link #create} is the only place that maps a kind to a class.
 */
abstract class OutputDecoder {
    /** The kinds {@link #create} knows. */
    static final List<String> KINDS = List.of("centernet", "nanodet");

    /**
     * Reads the decoder section of a manifest.
     *
     * @param f the {@code decoder} object (its {@code kind} already read)
     * @param classes the number of labels, which the score tensors must match
     */
    static OutputDecoder create(String kind, Fields f, ModelInput input, int classes) {
        switch (kind) {
            case "centernet":
                return CenterNetDecoder.parse(f, input, classes);
            case "nanodet":
                return NanoDetDecoder.parse(f, input, classes);
            default:
                throw f.bad("kind", "is '" + kind + "'; known decoder kinds: " + KINDS);
        }
    }

    /** The output tensors this decoder reads; the detector fetches exactly these. */
    abstract List<String> outputs();

    /**
     * Checks the model's declared output shapes (dimensions of -1 are dynamic and pass) against what this decoder
     * expects, so a manifest that does not fit its model fails when the detector is created, not per image.
     *
     * @throws ModelManifestException naming the tensor and the mismatch
     */
    abstract void check(Map<String, long[]> outputShapes);

    /**
     * Decodes one image's outputs into candidates with {@code score >= minScore}, boxes as fractions of the model
     * input clipped to 0..1. The candidates overlap; NMS comes after.
     *
     * @param outputs the tensors named by {@link #outputs()}, flattened in row-major order
     */
    abstract List<Detection> decode(Outputs outputs, float minScore, List<String> labels);

    /** Raw output tensors by name. */
    interface Outputs {
        float[] data(String name);

        long[] shape(String name);
    }

    static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    /** The inverse of {@link #sigmoid}, for thresholding logits; clamps 0 and 1 to infinities. */
    static float logit(float p) {
        if (p <= 0f) {
            return Float.NEGATIVE_INFINITY;
        }
        if (p >= 1f) {
            return Float.POSITIVE_INFINITY;
        }
        return (float) Math.log(p / (1.0 - p));
    }

    static ModelManifestException shapeError(String decoder, String tensor, long[] actual, String expected) {
        return new ModelManifestException(decoder + " decoder: output '" + tensor + "' has shape "
                + java.util.Arrays.toString(actual) + ", expected " + expected);
    }

    /** True when {@code actual} matches {@code expected}, where -1 on either side matches anything. */
    static boolean shapeMatches(long[] actual, long... expected) {
        if (actual == null || actual.length != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (actual[i] >= 0 && expected[i] >= 0 && actual[i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    static float clamp01(float v) {
        return v < 0f ? 0f : (v > 1f ? 1f : v);
    }
}
