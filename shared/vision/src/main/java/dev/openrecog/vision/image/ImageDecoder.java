package dev.openrecog.vision.image;

import com.twelvemonkeys.imageio.plugins.bmp.BMPImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import dev.openrecog.domain.ApiException;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.spi.ImageReaderSpi;

/**
 * Decodes untrusted image bytes within {@link ImageLimits}, reading no more pixels than the caller needs.
 *
 * <p>In order: the byte count; the format, sniffed from the magic bytes ({@link ImageFormat#sniff}); HTML or script
 * markup in the first bytes (an image/HTML polyglot); the container (a WebP's RIFF length, a JPEG's frame type and
 * EXIF orientation); the dimensions from the image header. Only then are pixels decoded, subsampled by the reader
 * itself ({@link ImageReadParam#setSourceSubsampling}) so that the result is just at least the size asked for. Every
 * failure is an {@link ApiException#invalidParameter InvalidParameter} with a message that says what is wrong.
 *
 * <p>JPEG and PNG use the JDK's readers; WebP, BMP and TIFF the TwelveMonkeys ImageIO plugins, instantiated
 * directly, so that neither the ImageIO registry nor a shaded jar's service files decide which reader runs. Readers
 * never see metadata (a PNG text chunk can inflate to gigabytes). Instances are immutable and thread-safe.
 */
public final class ImageDecoder {
    private static final String NOT_SUPPORTED = "The data is not a supported image (" + ImageFormat.SUPPORTED + ").";

    private final ImageLimits limits;

    /** A decoder with the {@linkplain ImageLimits#DEFAULT default limits}. */
    public ImageDecoder() {
        this(ImageLimits.DEFAULT);
    }

    public ImageDecoder(ImageLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public ImageLimits limits() {
        return limits;
    }

    /** Format and upright size of an image, checked against the limits, without decoding pixels. */
    public ImageInfo probe(byte[] bytes) {
        Opened opened = open(bytes);
        opened.reader.dispose();
        boolean t = Pixels.transposes(opened.orientation);
        return new ImageInfo(opened.format, t ? opened.height : opened.width, t ? opened.width : opened.height,
                opened.orientation);
    }

    /**
     * Decodes an image to at least {@code targetWidth x targetHeight} (upright) where the original is larger: the
     * reader keeps every n-th pixel in both directions, the largest n that leaves both sides at least the target (a
     * power of two for WebP), so the aspect ratio is kept. An image no larger than the target is decoded whole.
     */
    public DecodedImage decode(byte[] bytes, int targetWidth, int targetHeight) {
        return decode(bytes, targetWidth, targetHeight, Fit.COVER);
    }

    /**
     * Decodes an image for a model input: subsampled as far as {@link Preprocess} can go for this spec without
     * upscaling (per axis for {@code STRETCH}, by the limiting axis for {@code LETTERBOX}).
     */
    public DecodedImage decode(byte[] bytes, InputSpec spec) {
        return decode(bytes, spec.width(), spec.height(),
                spec.resize() == InputSpec.Resize.LETTERBOX ? Fit.CONTAIN : Fit.STRETCH);
    }

    private enum Fit {
        COVER, STRETCH, CONTAIN
    }

    private DecodedImage decode(byte[] bytes, int targetWidth, int targetHeight, Fit fit) {
        if (targetWidth <= 0 || targetHeight <= 0) {
            throw new IllegalArgumentException("target size must be positive: " + targetWidth + "x" + targetHeight);
        }
        Opened o = open(bytes);
        ImageReader reader = o.reader;
        try {
            int orientation = o.orientation;
            boolean transpose = Pixels.transposes(orientation);
            int tw = transpose ? targetHeight : targetWidth; // the target along the stored axes
            int th = transpose ? targetWidth : targetHeight;
            int sx;
            int sy;
            switch (fit) {
                case STRETCH:
                    sx = Math.max(1, o.width / tw);
                    sy = Math.max(1, o.height / th);
                    break;
                case CONTAIN:
                    sx = Math.max(1, Math.max(o.width / tw, o.height / th));
                    sy = sx;
                    break;
                default:
                    sx = Math.max(1, Math.min(o.width / tw, o.height / th));
                    sy = sx;
                    break;
            }
            // The JDK's JPEG and PNG readers subsample exactly as asked, so they sample the middle of each block.
            // The TwelveMonkeys readers do not, reliably: BMP gets a subsampling offset and a partial last block
            // wrong, TIFF the offset, lossy WebP any step that does not divide its 16-pixel macroblocks (all seen
            // in 3.12.0; ImageDecoderTest keeps checking). For them: no offset, whole blocks only, WebP steps that
            // are powers of two. DecodedImage's origin records where the samples came from either way.
            boolean exact = o.format == ImageFormat.JPEG || o.format == ImageFormat.PNG;
            if (o.format == ImageFormat.WEBP) {
                sx = Integer.highestOneBit(sx);
                sy = Integer.highestOneBit(sy);
            }
            int offX = exact ? (sx - 1) / 2 : 0;
            int offY = exact ? (sy - 1) / 2 : 0;
            ImageReadParam param = reader.getDefaultReadParam();
            if (sx > 1 || sy > 1) {
                param.setSourceSubsampling(sx, sy, offX, offY);
                if (!exact) {
                    param.setSourceRegion(new Rectangle(0, 0, o.width / sx * sx, o.height / sy * sy));
                }
            }
            Warnings warnings = new Warnings();
            reader.addIIOReadWarningListener(warnings);
            BufferedImage image = reader.read(0, param);
            if (warnings.truncated) {
                throw corrupt(o.format);
            }
            int w = image.getWidth();
            int h = image.getHeight();
            byte[] bgr = Pixels.orient(Pixels.toBgr(image), w, h, orientation);

            // Where decoded pixels lie in the stored original, then in the upright one.
            double storedOriginX = offX + 0.5 - sx / 2.0;
            double storedOriginY = offY + 0.5 - sy / 2.0;
            double originX = transpose ? storedOriginY : storedOriginX;
            double originY = transpose ? storedOriginX : storedOriginY;
            double stepX = transpose ? sy : sx;
            double stepY = transpose ? sx : sy;
            int width = transpose ? h : w;
            int height = transpose ? w : h;
            int originalWidth = transpose ? o.height : o.width;
            int originalHeight = transpose ? o.width : o.height;
            if (Pixels.flipsX(orientation)) {
                originX = originalWidth - originX - width * stepX;
            }
            if (Pixels.flipsY(orientation)) {
                originY = originalHeight - originY - height * stepY;
            }
            return new DecodedImage(o.format, originalWidth, originalHeight, width, height, bgr, orientation, originX,
                    originY, stepX, stepY);
        } catch (ApiException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw failure(o.format, e);
        } finally {
            reader.dispose();
        }
    }

    /** Everything before the pixels: size, format, polyglot, container and header checks; a reader positioned. */
    private Opened open(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        limits.checkSize(bytes.length);
        if (bytes.length == 0) {
            throw ApiException.invalidParameter("The image is empty (0 bytes).");
        }
        ImageFormat format = ImageFormat.sniff(bytes);
        if (format == null) {
            throw ApiException.invalidParameter(NOT_SUPPORTED);
        }
        String markup = ImageHeaders.markup(bytes);
        if (markup != null) {
            throw ApiException.invalidParameter("The " + name(format) + " image carries HTML or script markup ('"
                    + markup.trim() + "') in its first bytes, as an image/HTML polyglot does; it is rejected.");
        }
        ImageHeaders.Info info = ImageHeaders.read(format, bytes);
        if (info.truncated) {
            throw corrupt(format);
        }
        ImageReader reader = null;
        try {
            reader = newReader(format);
            reader.setInput(new ByteArrayImageInputStream(bytes), false, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            limits.checkDimensions(format, width, height, info);
            return new Opened(format, reader, width, height, info.orientation);
        } catch (ApiException e) {
            dispose(reader);
            throw e;
        } catch (IOException | RuntimeException e) {
            dispose(reader);
            throw failure(format, e);
        }
    }

    private static void dispose(ImageReader reader) {
        if (reader != null) {
            reader.dispose();
        }
    }

    /** Whatever a reader threw on these bytes (IOException, or a runtime exception on hostile input). */
    private static ApiException failure(ImageFormat format, Exception e) {
        return corrupt(format);
    }

    static ApiException corrupt(ImageFormat format) {
        return ApiException.invalidParameter("The " + name(format) + " image is truncated or corrupt.");
    }

    private static String name(ImageFormat format) {
        return format == ImageFormat.WEBP ? "WebP" : format.name();
    }

    private static ImageReader newReader(ImageFormat format) throws IOException {
        switch (format) {
            case WEBP:
                return WebpSpi.SPI.createReaderInstance(null);
            case BMP:
                return BmpSpi.SPI.createReaderInstance(null);
            case TIFF:
                return TiffSpi.SPI.createReaderInstance(null);
            case JPEG:
                return JpegSpi.SPI.createReaderInstance(null);
            case PNG:
                return PngSpi.SPI.createReaderInstance(null);
            default:
                throw new IllegalStateException("no reader for " + format);
        }
    }

    /** The registry's first reader for a format name (the JDK's, unless a better plugin is on the class path). */
    private static ImageReaderSpi registered(String formatName) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(formatName);
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + formatName);
        }
        ImageReader reader = readers.next();
        ImageReaderSpi spi = reader.getOriginatingProvider();
        reader.dispose();
        return spi;
    }

    // One holder per format, so that a JPEG-only workload never loads the other plugins.
    private static final class JpegSpi {
        static final ImageReaderSpi SPI = registered("jpeg");
    }

    private static final class PngSpi {
        static final ImageReaderSpi SPI = registered("png");
    }

    private static final class WebpSpi {
        static final ImageReaderSpi SPI = new WebPImageReaderSpi();
    }

    private static final class BmpSpi {
        static final ImageReaderSpi SPI = new BMPImageReaderSpi();
    }

    private static final class TiffSpi {
        static final ImageReaderSpi SPI = new TIFFImageReaderSpi();
    }

    private static final class Opened {
        final ImageFormat format;
        final ImageReader reader;
        final int width;
        final int height;
        final int orientation;

        Opened(ImageFormat format, ImageReader reader, int width, int height, int orientation) {
            this.format = format;
            this.reader = reader;
            this.width = width;
            this.height = height;
            this.orientation = orientation;
        }
    }

    /**
     * The JDK's JPEG reader does not fail on a truncated file: it warns and fills the rest with grey. A missing EOI
     * marker alone is tolerated (the scans are complete); missing scan data is not.
     */
    private static final class Warnings implements IIOReadWarningListener {
        boolean truncated;

        @Override
        public void warningOccurred(ImageReader source, String warning) {
            if (warning != null && warning.toLowerCase(Locale.ROOT).contains("premature end")) {
                truncated = true;
            }
        }
    }
}
