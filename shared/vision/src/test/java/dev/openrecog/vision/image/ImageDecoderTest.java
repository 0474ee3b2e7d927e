package dev.openrecog.vision.image;

import static dev.openrecog.vision.image.ImageFixtures.bytes;
import static dev.openrecog.vision.image.ImageFixtures.photo;
import static dev.openrecog.vision.image.ImageFixtures.reference;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ErrorCode;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageDecoderTest {
    private static final String NOT_SUPPORTED = "The data is not a supported image (JPEG, PNG, WebP, BMP, TIFF).";

    private final ImageDecoder decoder = new ImageDecoder();

    // ---- real photos -------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"dog", "horses", "eagle", "giraffe", "person"})
    void decodesRealPhotosExactlyAsImageIoDoes(String name) {
        byte[] jpeg = photo(name);
        BufferedImage ref = reference(jpeg);

        DecodedImage img = decoder.decode(jpeg, 224, 224);

        assertEquals(ImageFormat.JPEG, img.format());
        assertEquals(ref.getWidth(), img.originalWidth());
        assertEquals(ref.getHeight(), img.originalHeight());
        int s = Math.max(1, Math.min(ref.getWidth() / 224, ref.getHeight() / 224));
        assertEquals(s, img.stepX());
        assertTrue(img.width() >= 224 && img.height() >= 224, img.toString());
        assertArrayEquals(subsample(ref, s, s), img.bgr(), name + ": pixels differ from ImageIO's");
        ImageInfo info = decoder.probe(jpeg);
        assertEquals(ref.getWidth(), info.width());
        assertEquals(ref.getHeight(), info.height());
    }

    @Test
    void decodesABigPhotoSubsampledToAtLeastTheTarget() {
        BufferedImage big = ImageFixtures.scaled(reference(photo("dog")), 4000, 3000);
        byte[] jpeg = ImageFixtures.jpeg(big, 0.9f, false);
        BufferedImage ref = reference(jpeg);

        DecodedImage img = decoder.decode(jpeg, 512, 512);

        assertEquals(4000, img.originalWidth());
        assertEquals(3000, img.originalHeight());
        assertEquals(800, img.width()); // every 5th pixel: 3000 / 5 = 600 >= 512
        assertEquals(600, img.height());
        assertArrayEquals(subsample(ref, 5, 5), img.bgr());
        assertEquals(5.0, img.stepX());
        assertEquals(0.0, img.toOriginalX(0)); // block-centred samples: decoded pixel j covers [5j, 5j + 5)
        assertEquals(4000.0, img.toOriginalX(800));
    }

    @Test
    void decodesForAModelInputAsFarAsTheResizeModeAllows() {
        byte[] png = ImageFixtures.encode(ImageFixtures.pattern(4000, 3000), "png");
        InputSpec spec = InputSpec.of(512, 512);

        DecodedImage stretch = decoder.decode(png, spec);
        DecodedImage letterbox = decoder.decode(png, spec.withResize(InputSpec.Resize.LETTERBOX));

        assertEquals(7.0, stretch.stepX()); // 4000 / 512 = 7.8
        assertEquals(5.0, stretch.stepY()); // 3000 / 512 = 5.9
        assertTrue(stretch.width() >= 512 && stretch.height() >= 512, stretch.toString());
        assertEquals(7.0, letterbox.stepX()); // the limiting axis: 512 x 384 of content
        assertEquals(7.0, letterbox.stepY());
        assertTrue(letterbox.width() >= 512 && letterbox.height() >= 384, letterbox.toString());
    }

    @Test
    void aSmallImageIsDecodedWhole() {
        byte[] png = ImageFixtures.encode(ImageFixtures.pattern(96, 64), "png");
        DecodedImage img = decoder.decode(png, 512, 512);
        assertEquals(96, img.width());
        assertEquals(64, img.height());
        assertArrayEquals(bytes(ImageFixtures.pattern(96, 64)), img.bgr());
    }

    // ---- formats, sniffed not named --------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"png", "bmp", "tiff"})
    void losslessFormatsMatchImageIoPixelForPixel(String format) {
        BufferedImage src = ImageFixtures.scaled(reference(photo("horses")), 1600, 1200);
        byte[] encoded = ImageFixtures.encode(src, format);

        DecodedImage img = decoder.decode(encoded, 400, 400); // every 3rd pixel, offset 1

        assertEquals(ImageFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT)), img.format());
        assertEquals(1600, img.originalWidth());
        assertEquals(1200, img.originalHeight());
        assertEquals(3.0, img.stepX());
        byte[] expected = format.equals("png") ? subsample(src, 3, 3) : subsampleFromCorner(src, 3, 3);
        assertArrayEquals(expected, img.bgr(), format);
    }

    /**
     * The TwelveMonkeys readers get some subsampling requests wrong (3.12.0: BMP offsets and partial blocks, TIFF
     * offsets, lossy WebP steps that do not divide 16); the decoder asks them only what they get right. This checks
     * it across their variants: a subsampled decode equals the full decode, subsampled.
     */
    @Test
    void twelveMonkeysReadersSubsampleCorrectlyAsAsked() throws Exception {
        BufferedImage src = ImageFixtures.scaled(reference(photo("horses")), 1001, 751);
        java.util.Map<String, byte[]> variants = new java.util.LinkedHashMap<>();
        javax.imageio.ImageWriter tiffWriter = null;
        for (var it = javax.imageio.ImageIO.getImageWritersByFormatName("tiff"); it.hasNext();) {
            javax.imageio.ImageWriter w = it.next();
            if (w.getClass().getName().startsWith("com.twelvemonkeys")) {
                tiffWriter = w;
            }
        }
        for (String compression : new String[] {"None", "LZW", "Deflate", "PackBits", "JPEG"}) {
            variants.put("tiff " + compression, write(tiffWriter, src, compression));
        }
        javax.imageio.ImageWriter bmpWriter = javax.imageio.ImageIO.getImageWritersByFormatName("bmp").next();
        BufferedImage indexed = new BufferedImage(1001, 751, BufferedImage.TYPE_BYTE_INDEXED);
        indexed.createGraphics().drawImage(src, 0, 0, null);
        BufferedImage binary = new BufferedImage(1001, 751, BufferedImage.TYPE_BYTE_BINARY);
        binary.createGraphics().drawImage(src, 0, 0, null);
        variants.put("bmp 24-bit", ImageFixtures.encode(src, "bmp"));
        variants.put("bmp 8-bit", ImageFixtures.encode(indexed, "bmp"));
        variants.put("bmp 1-bit", ImageFixtures.encode(binary, "bmp"));
        variants.put("bmp RLE8", write(bmpWriter, indexed, "BI_RLE8"));
        variants.put("webp lossy", ImageFixtures.resource("dog-lossy.webp"));
        variants.put("webp lossless", ImageFixtures.resource("pattern-lossless.webp"));

        for (var v : variants.entrySet()) {
            DecodedImage full = decoder.decode(v.getValue(), 1001, 751);
            BufferedImage whole = full.toBufferedImage();
            for (int step : new int[] {2, 3, 5}) {
                DecodedImage img = decoder.decode(v.getValue(), full.width() / step, full.height() / step);
                int s = (int) img.stepX();
                assertTrue(s == step || v.getKey().startsWith("webp") && s == Integer.highestOneBit(step),
                        v.getKey() + " step " + s);
                assertArrayEquals(subsampleFromCorner(whole, s, s), img.bgr(), v.getKey() + " step " + step);
            }
        }
    }

    private static byte[] write(javax.imageio.ImageWriter writer, BufferedImage img, String compression)
            throws java.io.IOException {
        javax.imageio.ImageWriter w = writer.getOriginatingProvider().createWriterInstance();
        javax.imageio.ImageWriteParam param = w.getDefaultWriteParam();
        param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionType(compression);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var ios = javax.imageio.ImageIO.createImageOutputStream(out)) {
            w.setOutput(ios);
            w.write(null, new javax.imageio.IIOImage(img, null, null), param);
        } finally {
            w.dispose();
        }
        return out.toByteArray();
    }

    @Test
    void webpLosslessDecodesExactlyAlsoSubsampled() {
        byte[] webp = ImageFixtures.resource("pattern-lossless.webp");
        BufferedImage pattern = ImageFixtures.pattern(96, 64);

        DecodedImage full = decoder.decode(webp, 96, 64);
        DecodedImage half = decoder.decode(webp, 40, 30); // every 2nd pixel

        assertEquals(ImageFormat.WEBP, full.format());
        assertArrayEquals(bytes(pattern), full.bgr());
        assertEquals(2.0, half.stepX());
        assertArrayEquals(subsampleFromCorner(pattern, 2, 2), half.bgr());
    }

    @Test
    void webpLossyDecodesCloseToTheJpegItWasMadeFrom() {
        byte[] jpeg = photo("dog");
        DecodedImage webp = decoder.decode(ImageFixtures.resource("dog-lossy.webp"), 192, 144);
        assertEquals(ImageFormat.WEBP, webp.format());
        assertEquals(192, webp.width());
        assertEquals(144, webp.height());

        // The JPEG brought to the same size by our own resampler.
        DecodedImage photo = decoder.decode(jpeg, 192, 144);
        java.nio.FloatBuffer t = Preprocess.toTensor(photo, InputSpec.of(192, 144)).data();
        byte[] w = webp.bgr();
        double diff = 0;
        for (int i = 0; i < 192 * 144; i++) {
            for (int c = 0; c < 3; c++) {
                diff += Math.abs(t.get(i * 3 + c) - (w[i * 3 + 2 - c] & 0xFF));
            }
        }
        double mean = diff / (192 * 144 * 3);
        assertTrue(mean < 12, "mean absolute difference " + mean);
    }

    @Test
    void webpAlphaIsCompositedOverWhite() {
        DecodedImage img = decoder.decode(ImageFixtures.resource("alpha-lossy.webp"), 64, 48);
        assertEquals(64, img.width());
        assertPixel(img, 8, 24, 255, 0, 0, 24); // opaque red
        assertPixel(img, 56, 24, 255, 255, 255, 2); // transparent
    }

    @Test
    void aPngNamedJpgIsAPng(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("photo.jpg");
        Files.write(file, ImageFixtures.encode(ImageFixtures.pattern(96, 64), "png"));
        assertEquals(ImageFormat.PNG, decoder.decode(Files.readAllBytes(file), 96, 64).format());
    }

    @Test
    void aTextFileNamedJpgIsNotAnImage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cat.jpg");
        Files.writeString(file, "This is not a picture of a cat.\n");
        assertInvalid(NOT_SUPPORTED, () -> decoder.decode(Files.readAllBytes(file), 512, 512));
    }

    @Test
    void otherFormatsAndEmptyInputAreRefused() {
        assertInvalid(NOT_SUPPORTED, () -> decoder.decode("GIF89a\1\0\1\0".getBytes(StandardCharsets.ISO_8859_1),
                64, 64));
        assertInvalid(NOT_SUPPORTED, () -> decoder.decode("BM is not a bitmap".getBytes(StandardCharsets.US_ASCII),
                64, 64));
        assertInvalid("The image is empty (0 bytes).", () -> decoder.decode(new byte[0], 64, 64));
    }

    // ---- polyglots ---------------------------------------------------------------------------------------------

    @Test
    void htmlFollowedByAJpegIsNotAnImage() {
        byte[] html = "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] polyglot = concat(html, photo("dog"));
        assertInvalid(NOT_SUPPORTED, () -> decoder.decode(polyglot, 512, 512));
    }

    @Test
    void aJpegCarryingHtmlInItsHeaderIsRefused() {
        byte[] polyglot = ImageFixtures.withComment(photo("dog"), "<html><script>alert(1)</script></html>");
        ApiException e = assertThrows(ApiException.class, () -> decoder.decode(polyglot, 512, 512));
        assertEquals(ErrorCode.INVALID_PARAMETER, e.errorCode());
        assertTrue(e.getMessage().contains("polyglot"), e.getMessage());
        // An ordinary comment is fine.
        byte[] commented = ImageFixtures.withComment(photo("dog"), "Taken in 2024 <3, (c) someone");
        assertEquals(768, decoder.decode(commented, 512, 512).originalWidth());
    }

    // ---- truncated and corrupt ---------------------------------------------------------------------------------

    @Test
    void aTruncatedJpegIsRefused() {
        byte[] jpeg = photo("dog");
        assertInvalid("The JPEG image is truncated or corrupt.",
                () -> decoder.decode(Arrays.copyOf(jpeg, jpeg.length / 2), 512, 512));
        // Cut inside the header: the reader cannot even size it.
        assertInvalid("The JPEG image is truncated or corrupt.",
                () -> decoder.decode(Arrays.copyOf(jpeg, 100), 512, 512));
    }

    @Test
    void aJpegMissingOnlyItsEndMarkerIsAccepted() {
        byte[] jpeg = photo("dog");
        DecodedImage img = decoder.decode(Arrays.copyOf(jpeg, jpeg.length - 2), 512, 512);
        assertArrayEquals(decoder.decode(jpeg, 512, 512).bgr(), img.bgr());
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "bmp", "tiff"})
    void truncatedLosslessFilesAreRefused(String format) {
        byte[] full = ImageFixtures.encode(ImageFixtures.scaled(reference(photo("eagle")), 640, 480), format);
        String name = format.toUpperCase(java.util.Locale.ROOT);
        assertInvalid("The " + name + " image is truncated or corrupt.",
                () -> decoder.decode(Arrays.copyOf(full, full.length * 7 / 10), 512, 512));
    }

    @Test
    void truncatedWebpIsRefusedBeforeDecoding() {
        byte[] webp = ImageFixtures.resource("dog-lossy.webp");
        assertInvalid("The WebP image is truncated or corrupt.",
                () -> decoder.decode(Arrays.copyOf(webp, webp.length * 7 / 10), 512, 512));
    }

    @Test
    void garbageAfterAnImageSignatureIsCorrupt() {
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        garbage[0] = (byte) 0xFF;
        garbage[1] = (byte) 0xD8;
        garbage[2] = (byte) 0xFF;
        assertInvalid("The JPEG image is truncated or corrupt.", () -> decoder.decode(garbage, 64, 64));
        byte[] png = ImageFixtures.pngHeader(64, 64);
        png[png.length - 20] ^= 0x55; // break the IDAT data
        ApiException e = assertThrows(ApiException.class, () -> decoder.decode(png, 64, 64));
        assertEquals(ErrorCode.INVALID_PARAMETER, e.errorCode());
    }

    // ---- limits, checked before decoding ----------------------------------------------------------------------

    @Test
    void aDecompressionBombFailsFastWithoutAllocating() {
        byte[] bomb = ImageFixtures.pngHeader(100_000, 100_000); // 30 billion bytes of pixels, a few hundred bytes
        assertTrue(bomb.length < 200, "bomb is " + bomb.length + " bytes");
        decoder.probe(ImageFixtures.pngHeader(64, 64)); // load classes first, so that they do not count

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
                .getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        ApiException e = assertThrows(ApiException.class, () -> decoder.decode(bomb, 512, 512));
        long millis = (System.nanoTime() - start) / 1_000_000;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;

        assertEquals("The image is 100000 x 100000 pixels; each side may be at most 30,000 pixels.", e.getMessage());
        assertTrue(millis < 1000, "took " + millis + " ms");
        assertTrue(allocated < 2_000_000, "allocated " + allocated + " bytes");
    }

    @Test
    void aSideOver30000PixelsIsRefused() {
        assertInvalid("The image is 30001 x 10 pixels; each side may be at most 30,000 pixels.",
                () -> decoder.decode(ImageFixtures.pngHeader(30_001, 10), 512, 512));
        assertInvalid("The image is 10 x 30001 pixels; each side may be at most 30,000 pixels.",
                () -> decoder.probe(ImageFixtures.pngHeader(10, 30_001)));
        byte[] jpeg = ImageFixtures.withJpegSize(photo("dog"), 30_001, 576);
        assertInvalid("The image is 30001 x 576 pixels; each side may be at most 30,000 pixels.",
                () -> decoder.decode(jpeg, 512, 512));
        // 30,000 itself is fine as far as the header goes (the tiny PNG then turns out to be short of data).
        assertInvalid("The PNG image is truncated or corrupt.",
                () -> decoder.decode(ImageFixtures.pngHeader(30_000, 10), 512, 512));
    }

    @Test
    void moreThan250MegapixelsAreRefused() {
        assertInvalid("The image has 250,020,000 pixels (20000 x 12501); at most 250,000,000 pixels are accepted.",
                () -> decoder.decode(ImageFixtures.pngHeader(20_000, 12_501), 512, 512));
        byte[] jpeg = ImageFixtures.withJpegSize(photo("dog"), 20_000, 15_000);
        assertInvalid("The image has 300,000,000 pixels (20000 x 15000); at most 250,000,000 pixels are accepted.",
                () -> decoder.decode(jpeg, 512, 512));
    }

    @Test
    void moreThan20MegabytesAreRefusedAndExactly20AreNot() {
        byte[] jpeg = photo("dog");
        byte[] exactly = Arrays.copyOf(jpeg, ImageLimits.MAX_BYTES); // zero padding after the end marker
        byte[] over = Arrays.copyOf(jpeg, ImageLimits.MAX_BYTES + 1);

        assertInvalid("The image is 20,971,521 bytes; at most 20,971,520 bytes (20 MB) are accepted.",
                () -> decoder.decode(over, 512, 512));
        assertEquals(768, decoder.decode(exactly, 512, 512).originalWidth());
    }

    @Test
    void webpAboveItsOwnPixelLimitIsRefused() {
        assertInvalid("The WebP image has 12,000,000 pixels (4000 x 3000); WebP images may have at most 8,388,608"
                + " pixels.", () -> decoder.decode(ImageFixtures.webpLosslessHeader(4000, 3000), 512, 512));
    }

    @Test
    void progressiveJpegHasItsOwnPixelLimit() {
        BufferedImage src = ImageFixtures.scaled(reference(photo("giraffe")), 1000, 750);
        byte[] progressive = ImageFixtures.jpeg(src, 0.9f, true);
        byte[] baseline = ImageFixtures.jpeg(src, 0.9f, false);
        ImageDecoder strict = new ImageDecoder(ImageLimits.DEFAULT.withProgressiveJpegLimits(500_000,
                ImageLimits.MAX_PROGRESSIVE_JPEG_SCAN_PIXELS));
        int scans = ImageHeaders.read(ImageFormat.JPEG, progressive).scans;
        ImageDecoder fewScans = new ImageDecoder(ImageLimits.DEFAULT.withProgressiveJpegLimits(1_000_000,
                750_000L * scans - 1));

        assertTrue(scans >= 2 && scans < 20, "scans " + scans);
        assertEquals(1, ImageHeaders.read(ImageFormat.JPEG, baseline).scans);
        assertInvalid("The progressive JPEG has 750,000 pixels (1000 x 750); progressive JPEGs may have at most"
                + " 500,000 pixels (baseline JPEGs up to 250,000,000).", () -> strict.decode(progressive, 512, 512));
        assertInvalid(String.format(java.util.Locale.ROOT, "The progressive JPEG has %d scans of 750,000 pixels;"
                + " progressive JPEGs may have at most %,d pixels x scans (%,d here), as every scan is decoded in"
                + " full.", scans, 750_000L * scans - 1, 750_000L * scans), () -> fewScans.decode(progressive, 64, 64));
        assertEquals(1000, strict.decode(baseline, 512, 512).originalWidth());
        assertEquals(1000, fewScans.decode(baseline, 512, 512).originalWidth());
        DecodedImage img = decoder.decode(progressive, 512, 512);
        assertEquals(1000, img.originalWidth());
        assertArrayEquals(bytes(reference(progressive)), img.bgr());
    }

    // ---- orientation -------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void exifOrientationIsApplied(int orientation) {
        byte[] jpeg = ImageFixtures.withExifOrientation(ImageFixtures.jpeg(ImageFixtures.quadrants(64, 32), 0.95f,
                false), orientation);
        // Colours of the upright top-left, top-right, bottom-left, bottom-right quadrants (R G B W stored).
        String[] expected = {"", "RGBW", "GRWB", "WBGR", "BWRG", "RBGW", "BRWG", "WGBR", "GWRB"};

        DecodedImage img = decoder.decode(jpeg, 16, 16);
        ImageInfo info = decoder.probe(jpeg);

        boolean transposed = orientation >= 5;
        assertEquals(transposed ? 32 : 64, img.originalWidth());
        assertEquals(transposed ? 64 : 32, img.originalHeight());
        assertEquals(img.originalWidth(), info.width());
        assertEquals(orientation, img.orientation());
        assertEquals(orientation, info.orientation());
        int w = img.width();
        int h = img.height();
        String seen = "" + colour(img, w / 4, h / 4) + colour(img, 3 * w / 4, h / 4) + colour(img, w / 4, 3 * h / 4)
                + colour(img, 3 * w / 4, 3 * h / 4);
        assertEquals(expected[orientation], seen);
    }

    @Test
    void tiffAndWebpOrientationIsAppliedToo() {
        byte[] tiff = ImageFixtures.withTiffOrientation(ImageFixtures.encode(ImageFixtures.quadrants(64, 32),
                "tiff"), 6);
        byte[] webp = ImageFixtures.resource("quad-exif6.webp");
        for (byte[] bytes : new byte[][] {tiff, webp}) {
            DecodedImage img = decoder.decode(bytes, 16, 16);
            assertEquals(6, img.orientation());
            assertEquals(32, img.originalWidth());
            assertEquals(64, img.originalHeight());
            int w = img.width();
            int h = img.height();
            assertEquals("BRWG", "" + colour(img, w / 4, h / 4) + colour(img, 3 * w / 4, h / 4)
                    + colour(img, w / 4, 3 * h / 4) + colour(img, 3 * w / 4, 3 * h / 4), img.format().name());
        }
    }

    // ---- colour models ---------------------------------------------------------------------------------------

    @Test
    void greyStaysGreyAt8And16Bits() {
        BufferedImage grey8 = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        grey8.getRaster().setSample(1, 1, 0, 100);
        BufferedImage grey16 = new BufferedImage(4, 4, BufferedImage.TYPE_USHORT_GRAY);
        grey16.getRaster().setSample(1, 1, 0, 100 * 257);

        for (BufferedImage img : new BufferedImage[] {grey8, grey16}) {
            DecodedImage d = decoder.decode(ImageFixtures.encode(img, "png"), 4, 4);
            assertPixel(d, 1, 1, 100, 100, 100, 0);
            assertPixel(d, 0, 0, 0, 0, 0, 0);
        }
    }

    @Test
    void transparencyIsCompositedOverWhite() {
        BufferedImage rgba = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        rgba.setRGB(0, 0, 0xFFFF0000); // opaque red
        rgba.setRGB(1, 0, 0x000000FF); // transparent blue
        rgba.setRGB(2, 0, 0x80000000); // half-transparent black

        DecodedImage d = decoder.decode(ImageFixtures.encode(rgba, "png"), 3, 1);

        assertPixel(d, 0, 0, 255, 0, 0, 0);
        assertPixel(d, 1, 0, 255, 255, 255, 0);
        assertPixel(d, 2, 0, 127, 127, 127, 1);
    }

    @Test
    void palettesWithTransparencyAndOneBitImagesDecode() {
        byte[] r = {(byte) 255, 0, 0};
        byte[] g = {0, (byte) 200, 0};
        byte[] b = {0, 0, 0};
        byte[] a = {(byte) 255, (byte) 255, 0};
        BufferedImage indexed = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 3, r, g, b, a));
        WritableRaster raster = indexed.getRaster();
        raster.setSample(0, 0, 0, 0);
        raster.setSample(1, 0, 0, 1);
        raster.setSample(2, 0, 0, 2);
        DecodedImage d = decoder.decode(ImageFixtures.encode(indexed, "png"), 3, 1);
        assertPixel(d, 0, 0, 255, 0, 0, 0);
        assertPixel(d, 1, 0, 0, 200, 0, 0);
        assertPixel(d, 2, 0, 255, 255, 255, 0);

        BufferedImage binary = new BufferedImage(9, 2, BufferedImage.TYPE_BYTE_BINARY);
        binary.getRaster().setSample(8, 1, 0, 1);
        for (String format : new String[] {"png", "bmp", "tiff"}) {
            DecodedImage bw = decoder.decode(ImageFixtures.encode(binary, format), 9, 2);
            assertPixel(bw, 8, 1, 255, 255, 255, 0);
            assertPixel(bw, 7, 1, 0, 0, 0, 0);
        }
    }

    @Test
    void otherColourSpacesGoThroughOneJava2dDraw() {
        java.awt.color.ColorSpace linear = java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace
                .CS_LINEAR_RGB);
        java.awt.image.ComponentColorModel cm = new java.awt.image.ComponentColorModel(linear, false, false,
                java.awt.Transparency.OPAQUE, java.awt.image.DataBuffer.TYPE_BYTE);
        BufferedImage img = new BufferedImage(cm, cm.createCompatibleWritableRaster(2, 1), false, null);
        img.getRaster().setPixel(1, 0, new int[] {255, 255, 255});

        DecodedImage d = DecodedImage.of(img, ImageFormat.PNG);

        assertPixel(d, 0, 0, 0, 0, 0, 1);
        assertPixel(d, 1, 0, 255, 255, 255, 1);
    }

    @Test
    void aCompactBgrImageIsTakenWithoutCopying() {
        BufferedImage img = ImageFixtures.pattern(8, 8);
        DecodedImage d = DecodedImage.of(img, ImageFormat.JPEG);
        assertSame(bytes(img), d.bgr());
        assertSame(d.bgr(), bytes(d.toBufferedImage()));
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, d.toBufferedImage().getType());
    }

    @Test
    void targetSizeMustBePositive() {
        byte[] png = ImageFixtures.encode(ImageFixtures.pattern(8, 8), "png");
        assertThrows(IllegalArgumentException.class, () -> decoder.decode(png, 0, 10));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** Every s-th pixel from the middle of each block, as the decoder asks the readers for. */
    static byte[] subsample(BufferedImage bgr, int sx, int sy) {
        byte[] src = bytes(bgr);
        int w = bgr.getWidth();
        int h = bgr.getHeight();
        int offX = (sx - 1) / 2;
        int offY = (sy - 1) / 2;
        int dw = (w - offX + sx - 1) / sx;
        int dh = (h - offY + sy - 1) / sy;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int y = 0; y < dh; y++) {
            for (int x = 0; x < dw; x++) {
                out.write(src, ((offY + y * sy) * w + offX + x * sx) * 3, 3);
            }
        }
        return out.toByteArray();
    }

    /** Every s-th pixel from the first of each whole block, as the decoder asks the TwelveMonkeys readers for. */
    static byte[] subsampleFromCorner(BufferedImage image, int sx, int sy) {
        BufferedImage bgr = image.getType() == BufferedImage.TYPE_3BYTE_BGR ? image : ImageFixtures.toBgr(image);
        byte[] src = bytes(bgr);
        int w = bgr.getWidth();
        int dw = w / sx;
        int dh = bgr.getHeight() / sy;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int y = 0; y < dh; y++) {
            for (int x = 0; x < dw; x++) {
                out.write(src, (y * sy * w + x * sx) * 3, 3);
            }
        }
        return out.toByteArray();
    }

    private static char colour(DecodedImage img, int x, int y) {
        byte[] px = img.bgr();
        int p = (y * img.width() + x) * 3;
        int b = px[p] & 0xFF;
        int g = px[p + 1] & 0xFF;
        int r = px[p + 2] & 0xFF;
        if (r > 200 && g > 200 && b > 200) {
            return 'W';
        }
        if (r > 200 && g < 60 && b < 60) {
            return 'R';
        }
        if (g > 200 && r < 60 && b < 60) {
            return 'G';
        }
        if (b > 200 && r < 60 && g < 60) {
            return 'B';
        }
        return '?';
    }

    static void assertPixel(DecodedImage img, int x, int y, int r, int g, int b, int tolerance) {
        byte[] px = img.bgr();
        int p = (y * img.width() + x) * 3;
        int[] seen = {px[p + 2] & 0xFF, px[p + 1] & 0xFF, px[p] & 0xFF};
        int[] want = {r, g, b};
        for (int c = 0; c < 3; c++) {
            if (Math.abs(seen[c] - want[c]) > tolerance) {
                fail("pixel " + x + "," + y + " is " + Arrays.toString(seen) + ", expected " + Arrays.toString(want)
                        + " +-" + tolerance);
            }
        }
    }

    static void assertInvalid(String message, org.junit.jupiter.api.function.Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(ErrorCode.INVALID_PARAMETER, e.errorCode());
        assertEquals(message, e.getMessage());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
