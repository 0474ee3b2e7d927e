package dev.openrecog.vision.image;

import java.nio.FloatBuffer;

/**
 * A model input made by {@link Preprocess}: the floats, their shape, and the mapping between tensor pixel
 * coordinates and the original (upright) image, so that boxes found in the tensor map back.
 *
 * <p>The tensor x of original x is {@code padX + x * scaleX} (pixel edges at integers); likewise for y.
 */
public final class ImageTensor {
    private final FloatBuffer data;
    private final InputSpec spec;
    private final int originalWidth;
    private final int originalHeight;
    private final double scaleX;
    private final double scaleY;
    private final int padX;
    private final int padY;
    private final int contentWidth;
    private final int contentHeight;

    ImageTensor(FloatBuffer data, InputSpec spec, int originalWidth, int originalHeight, double scaleX,
            double scaleY, int padX, int padY, int contentWidth, int contentHeight) {
        this.data = data;
        this.spec = spec;
        this.originalWidth = originalWidth;
        this.originalHeight = originalHeight;
        this.scaleX = scaleX;
        this.scaleY = scaleY;
        this.padX = padX;
        this.padY = padY;
        this.contentWidth = contentWidth;
        this.contentHeight = contentHeight;
    }

    /**
     * The floats, position 0, limit {@link InputSpec#size()}: a direct, native-order buffer (unless the caller passed
     * another), ready for {@code OnnxTensor.createTensor(env, data(), shape())}, which uses a direct buffer without
     * copying, so do not reuse the buffer for the next image while that tensor is in use.
     */
    public FloatBuffer data() {
        return data;
    }

    /** {@code [1, H, W, 3]} (NHWC) or {@code [1, 3, H, W]} (NCHW). */
    public long[] shape() {
        return spec.shape();
    }

    public InputSpec spec() {
        return spec;
    }

    public int originalWidth() {
        return originalWidth;
    }

    public int originalHeight() {
        return originalHeight;
    }

    /** Tensor pixels per original pixel, horizontally. */
    public double scaleX() {
        return scaleX;
    }

    /** Tensor pixels per original pixel, vertically. */
    public double scaleY() {
        return scaleY;
    }

    /** Left border of a letterbox, in tensor pixels (0 when stretched). */
    public int padX() {
        return padX;
    }

    /** Top border of a letterbox, in tensor pixels (0 when stretched). */
    public int padY() {
        return padY;
    }

    /** Width of the image within the tensor (the tensor's width when stretched). */
    public int contentWidth() {
        return contentWidth;
    }

    /** Height of the image within the tensor (the tensor's height when stretched). */
    public int contentHeight() {
        return contentHeight;
    }

    /** The original x of tensor x (both with pixel edges at integers); not clamped. */
    public double toOriginalX(double tensorX) {
        return (tensorX - padX) / scaleX;
    }

    /** The original y of tensor y (both with pixel edges at integers); not clamped. */
    public double toOriginalY(double tensorY) {
        return (tensorY - padY) / scaleY;
    }

    /**
     * A box in tensor pixels, {@code x1, y1, x2, y2}, as a box in original pixels clamped to the image; a box
     * wholly in the letterbox border collapses to zero size at the image's edge.
     */
    public double[] toOriginalBox(double x1, double y1, double x2, double y2) {
        return new double[] {
            clamp(toOriginalX(x1), originalWidth), clamp(toOriginalY(y1), originalHeight),
            clamp(toOriginalX(x2), originalWidth), clamp(toOriginalY(y2), originalHeight)
        };
    }

    private static double clamp(double v, int max) {
        return v < 0 ? 0 : v > max ? max : v;
    }

    @Override
    public String toString() {
        return "ImageTensor[" + spec.width() + "x" + spec.height() + " " + spec.layout() + ", original "
                + originalWidth + "x" + originalHeight + ", content " + contentWidth + "x" + contentHeight + " at "
                + padX + "," + padY + "]";
    }
}
