package dev.openrecog.vision.image;

import dev.openrecog.domain.ApiException;
import java.util.Locale;

/**
 * What an accepted image may be, checked from the bytes and the headers before any pixel is decoded. Immutable;
 * {@link #DEFAULT} or a variant made with the {@code with...} methods.
 *
 * <p>The first three limits are those of Alibaba Cloud IMM: at most {@value #MAX_BYTES} bytes (20 MB), at most
 * {@value #MAX_SIDE} pixels a side, at most {@value #MAX_PIXELS} pixels. The others keep memory and time bounded
 * where the decoder, not this code, works on the whole image however much it is subsampled:
 * <ul>
 *   <li>WebP: the TwelveMonkeys VP8 decoder keeps every macroblock of the frame (about 25 bytes of Java heap a
 *       pixel, and several seconds for 8 megapixels), the VP8L decoder the full ARGB frame; WebP images are limited
 *       to {@value #MAX_WEBP_PIXELS} pixels (4096 x 2048; a 3840 x 2160 frame fits).</li>
 *   <li>progressive JPEG: libjpeg buffers every DCT coefficient (2 bytes a sample, 3 to 6 bytes a pixel of native
 *       memory), so at most {@value #MAX_PROGRESSIVE_JPEG_PIXELS} pixels; and the JDK's reader decodes the whole
 *       image once per scan, so pixels x scans is at most {@value #MAX_PROGRESSIVE_JPEG_SCAN_PIXELS} (50 megapixels
 *       with the usual 10 scans; a crafted file with hundreds of scans would otherwise take minutes).</li>
 * </ul>
 * Baseline JPEG, PNG, BMP and TIFF decode row by row, so only the subsampled result is held.
 */
public final class ImageLimits {
    /** 20 MB: 20 x 1024 x 1024 bytes. */
    public static final int MAX_BYTES = 20 * 1024 * 1024;
    public static final int MAX_SIDE = 30_000;
    public static final long MAX_PIXELS = 250_000_000L;
    public static final long MAX_WEBP_PIXELS = 4096L * 2048L;
    public static final long MAX_PROGRESSIVE_JPEG_PIXELS = 50_000_000L;
    public static final long MAX_PROGRESSIVE_JPEG_SCAN_PIXELS = 500_000_000L;

    /** The limits above. */
    public static final ImageLimits DEFAULT = new ImageLimits(MAX_BYTES, MAX_SIDE, MAX_PIXELS, MAX_WEBP_PIXELS,
            MAX_PROGRESSIVE_JPEG_PIXELS, MAX_PROGRESSIVE_JPEG_SCAN_PIXELS);

    private final int maxBytes;
    private final int maxSide;
    private final long maxPixels;
    private final long maxWebpPixels;
    private final long maxProgressiveJpegPixels;
    private final long maxProgressiveJpegScanPixels;

    private ImageLimits(int maxBytes, int maxSide, long maxPixels, long maxWebpPixels, long maxProgressiveJpegPixels,
            long maxProgressiveJpegScanPixels) {
        if (maxBytes <= 0 || maxSide <= 0 || maxPixels <= 0 || maxWebpPixels <= 0 || maxProgressiveJpegPixels <= 0
                || maxProgressiveJpegScanPixels <= 0) {
            throw new IllegalArgumentException("image limits must be positive");
        }
        this.maxBytes = maxBytes;
        this.maxSide = maxSide;
        this.maxPixels = maxPixels;
        this.maxWebpPixels = maxWebpPixels;
        this.maxProgressiveJpegPixels = maxProgressiveJpegPixels;
        this.maxProgressiveJpegScanPixels = maxProgressiveJpegScanPixels;
    }

    public ImageLimits withMaxBytes(int bytes) {
        return new ImageLimits(bytes, maxSide, maxPixels, maxWebpPixels, maxProgressiveJpegPixels,
                maxProgressiveJpegScanPixels);
    }

    public ImageLimits withMaxSide(int pixels) {
        return new ImageLimits(maxBytes, pixels, maxPixels, maxWebpPixels, maxProgressiveJpegPixels,
                maxProgressiveJpegScanPixels);
    }

    public ImageLimits withMaxPixels(long pixels) {
        return new ImageLimits(maxBytes, maxSide, pixels, maxWebpPixels, maxProgressiveJpegPixels,
                maxProgressiveJpegScanPixels);
    }

    public ImageLimits withMaxWebpPixels(long pixels) {
        return new ImageLimits(maxBytes, maxSide, maxPixels, pixels, maxProgressiveJpegPixels,
                maxProgressiveJpegScanPixels);
    }

    /** Progressive JPEG: at most {@code pixels} pixels, and at most {@code scanPixels} pixels x scans. */
    public ImageLimits withProgressiveJpegLimits(long pixels, long scanPixels) {
        return new ImageLimits(maxBytes, maxSide, maxPixels, maxWebpPixels, pixels, scanPixels);
    }

    public int maxBytes() {
        return maxBytes;
    }

    public int maxSide() {
        return maxSide;
    }

    public long maxPixels() {
        return maxPixels;
    }

    public long maxWebpPixels() {
        return maxWebpPixels;
    }

    public long maxProgressiveJpegPixels() {
        return maxProgressiveJpegPixels;
    }

    public long maxProgressiveJpegScanPixels() {
        return maxProgressiveJpegScanPixels;
    }

    void checkSize(int length) {
        if (length > maxBytes) {
            throw ApiException.invalidParameter(String.format(Locale.ROOT,
                    "The image is %,d bytes; at most %,d bytes (%s) are accepted.", length, maxBytes,
                    megabytes(maxBytes)));
        }
    }

    void checkDimensions(ImageFormat format, int width, int height, ImageHeaders.Info info) {
        if (width <= 0 || height <= 0) {
            throw ImageDecoder.corrupt(format);
        }
        if (width > maxSide || height > maxSide) {
            throw ApiException.invalidParameter(String.format(Locale.ROOT,
                    "The image is %d x %d pixels; each side may be at most %,d pixels.", width, height, maxSide));
        }
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            throw ApiException.invalidParameter(String.format(Locale.ROOT,
                    "The image has %,d pixels (%d x %d); at most %,d pixels are accepted.", pixels, width, height,
                    maxPixels));
        }
        if (format == ImageFormat.WEBP && pixels > maxWebpPixels) {
            throw ApiException.invalidParameter(String.format(Locale.ROOT,
                    "The WebP image has %,d pixels (%d x %d); WebP images may have at most %,d pixels.", pixels,
                    width, height, maxWebpPixels));
        }
        if (format == ImageFormat.JPEG && info.progressive) {
            if (pixels > maxProgressiveJpegPixels) {
                throw ApiException.invalidParameter(String.format(Locale.ROOT,
                        "The progressive JPEG has %,d pixels (%d x %d); progressive JPEGs may have at most %,d"
                                + " pixels (baseline JPEGs up to %,d).", pixels, width, height,
                        maxProgressiveJpegPixels, maxPixels));
            }
            if (pixels * info.scans > maxProgressiveJpegScanPixels) {
                throw ApiException.invalidParameter(String.format(Locale.ROOT,
                        "The progressive JPEG has %d scans of %,d pixels; progressive JPEGs may have at most %,d"
                                + " pixels x scans (%,d here), as every scan is decoded in full.", info.scans, pixels,
                        maxProgressiveJpegScanPixels, pixels * info.scans));
            }
        }
    }

    private static String megabytes(int bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : String.format(Locale.ROOT, "%,d B", bytes);
    }

    @Override
    public String toString() {
        return "ImageLimits[maxBytes=" + maxBytes + ", maxSide=" + maxSide + ", maxPixels=" + maxPixels
                + ", maxWebpPixels=" + maxWebpPixels + ", maxProgressiveJpegPixels=" + maxProgressiveJpegPixels
                + ", maxProgressiveJpegScanPixels=" + maxProgressiveJpegScanPixels + "]";
    }
}
