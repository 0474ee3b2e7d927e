package dev.openrecog.vision.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.Objects;

/**
 * A decoded image, possibly subsampled: packed 8-bit pixels in B, G, R order, row-major without padding (the layout
 * of {@link BufferedImage#TYPE_3BYTE_BGR}), upright (EXIF orientation applied), transparency composited over white.
 *
 * <p>It also knows the image it came from: the {@link #originalWidth()} x {@link #originalHeight()} of the upright
 * original, and where each of its pixels lies there, so that coordinates found in it, or in a tensor made from it,
 * map back to the original image. Decoded pixel column {@code x} (pixel edges at integers) covers original
 * x {@code originX + x * stepX}; likewise for rows.
 */
public final class DecodedImage {
    private final ImageFormat format;
    private final int originalWidth;
    private final int originalHeight;
    private final int width;
    private final int height;
    private final byte[] bgr;
    private final int orientation;
    private final double originX;
    private final double originY;
    private final double stepX;
    private final double stepY;

    DecodedImage(ImageFormat format, int originalWidth, int originalHeight, int width, int height, byte[] bgr,
            int orientation, double originX, double originY, double stepX, double stepY) {
        if (bgr.length != width * height * 3) {
            throw new IllegalArgumentException("pixel array of " + bgr.length + " bytes for " + width + "x" + height);
        }
        this.format = format;
        this.originalWidth = originalWidth;
        this.originalHeight = originalHeight;
        this.width = width;
        this.height = height;
        this.bgr = bgr;
        this.orientation = orientation;
        this.originX = originX;
        this.originY = originY;
        this.stepX = stepX;
        this.stepY = stepY;
    }

    /**
     * An image that was decoded elsewhere, taken as its own original (no subsampling, orientation 1). Pixels are
     * converted to the packed BGR layout (no copy when the image already is {@code TYPE_3BYTE_BGR} and compact).
     */
    public static DecodedImage of(BufferedImage image, ImageFormat format) {
        Objects.requireNonNull(image, "image");
        byte[] bgr = Pixels.toBgr(image);
        return new DecodedImage(format, image.getWidth(), image.getHeight(), image.getWidth(), image.getHeight(),
                bgr, 1, 0, 0, 1, 1);
    }

    /** The format sniffed from the content. */
    public ImageFormat format() {
        return format;
    }

    /** Width of the original image, upright (after EXIF orientation). */
    public int originalWidth() {
        return originalWidth;
    }

    /** Height of the original image, upright (after EXIF orientation). */
    public int originalHeight() {
        return originalHeight;
    }

    /** Width of these pixels (the original's, or less when subsampled). */
    public int width() {
        return width;
    }

    /** Height of these pixels (the original's, or less when subsampled). */
    public int height() {
        return height;
    }

    /**
     * The pixels, {@code width * height * 3} bytes B, G, R, row-major. This is the image's own array, not a copy:
     * treat it as read-only.
     */
    public byte[] bgr() {
        return bgr;
    }

    /** The EXIF orientation (1..8) that was applied; 1 when there was none. */
    public int orientation() {
        return orientation;
    }

    /** Original pixels per decoded pixel, horizontally (1 when not subsampled): the subsampling step. */
    public double stepX() {
        return stepX;
    }

    /** Original pixels per decoded pixel, vertically (1 when not subsampled): the subsampling step. */
    public double stepY() {
        return stepY;
    }

    /** The original x (pixel edges at integers) of decoded x. */
    public double toOriginalX(double x) {
        return originX + x * stepX;
    }

    /** The original y (pixel edges at integers) of decoded y. */
    public double toOriginalY(double y) {
        return originY + y * stepY;
    }

    double originX() {
        return originX;
    }

    double originY() {
        return originY;
    }

    /**
     * A {@code TYPE_3BYTE_BGR} image over the same pixel array: no copy, so drawing on it changes this image too.
     */
    public BufferedImage toBufferedImage() {
        DataBufferByte buffer = new DataBufferByte(bgr, bgr.length);
        WritableRaster raster = Raster.createInterleavedRaster(buffer, width, height, width * 3, 3,
                new int[] {2, 1, 0}, null);
        ColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), new int[] {8, 8, 8},
                false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        return new BufferedImage(model, raster, false, null);
    }

    @Override
    public String toString() {
        return "DecodedImage[" + format + " " + originalWidth + "x" + originalHeight + " -> " + width + "x" + height
                + (orientation != 1 ? ", orientation " + orientation : "") + "]";
    }
}
