package dev.openrecog.vision.detect;

import dev.openrecog.vision.image.InputSpec;
import java.util.Map;
import java.util.Objects;

/**
 * The input section of a model manifest: the name of the graph's image input tensor and the {@link InputSpec}
 * (size, layout, channel order, resize mode, normalization) that {@code dev.openrecog.vision.image.Preprocess}
 * turns an image into. The manifest's {@code input} object is exactly what {@link InputSpec#fromMap(Map)} reads,
 * plus {@code tensor}.
 */
public final class ModelInput {
    private final String tensor;
    private final InputSpec spec;

    public ModelInput(String tensor, InputSpec spec) {
        if (tensor == null || tensor.isEmpty()) {
            throw new IllegalArgumentException("input tensor name required");
        }
        this.tensor = tensor;
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    static ModelInput parse(Fields f) {
        String tensor = f.string("tensor");
        try {
            return new ModelInput(tensor, InputSpec.fromMap(f.rawMap()));
        } catch (IllegalArgumentException e) {
            throw new ModelManifestException(f.source() + ": " + e.getMessage(), e);
        }
    }

    /** The name of the image input tensor in the ONNX graph. */
    public String tensor() {
        return tensor;
    }

    /** How to preprocess an image for this model ({@code Preprocess.toTensor(image, spec())}). */
    public InputSpec spec() {
        return spec;
    }

    public int width() {
        return spec.width();
    }

    public int height() {
        return spec.height();
    }

    /** The tensor shape, batch 1. */
    public long[] shape() {
        return spec.shape();
    }

    /** Floats in one input tensor: {@code width * height * 3}. */
    public int size() {
        return spec.size();
    }

    /** The same tensor with another preprocessing (to try a variant of a manifest). */
    public ModelInput withSpec(InputSpec other) {
        return new ModelInput(tensor, other);
    }

    @Override
    public String toString() {
        return tensor + " " + spec;
    }
}
