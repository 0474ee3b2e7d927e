package dev.openrecog.vision.image;

import static dev.openrecog.vision.image.ImageFixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PreprocessTest {
    private final ImageDecoder decoder = new ImageDecoder();

    @Test
    void sameSizeNhwcRgbIsThePixelsThemselves() {
        BufferedImage img = ImageFixtures.pattern(8, 6);
        ImageTensor t = Preprocess.toTensor(DecodedImage.of(img, ImageFormat.PNG), InputSpec.of(8, 6));

        FloatBuffer data = t.data();
        assertTrue(data.isDirect());
        assertEquals(ByteOrder.nativeOrder(), data.order());
        assertEquals(0, data.position());
        assertEquals(8 * 6 * 3, data.limit());
        assertArrayEquals(new long[] {1, 6, 8, 3}, t.shape());
        byte[] px = bytes(img);
        for (int i = 0; i < 8 * 6; i++) {
            assertEquals(px[i * 3 + 2] & 0xFF, data.get(i * 3), 0f); // R
            assertEquals(px[i * 3 + 1] & 0xFF, data.get(i * 3 + 1), 0f); // G
            assertEquals(px[i * 3] & 0xFF, data.get(i * 3 + 2), 0f); // B
        }
    }

    @Test
    void nchwAndBgrPermuteTheSameValues() {
        DecodedImage img = DecodedImage.of(ImageFixtures.pattern(8, 6), ImageFormat.PNG);
        FloatBuffer nhwc = Preprocess.toTensor(img, InputSpec.of(8, 6)).data();
        ImageTensor t = Preprocess.toTensor(img, InputSpec.of(8, 6).withLayout(InputSpec.Layout.NCHW)
                .withChannelOrder(InputSpec.ChannelOrder.BGR));
        FloatBuffer nchw = t.data();

        assertArrayEquals(new long[] {1, 3, 6, 8}, t.shape());
        int plane = 8 * 6;
        for (int i = 0; i < plane; i++) {
            assertEquals(nhwc.get(i * 3 + 2), nchw.get(i), 0f); // B first
            assertEquals(nhwc.get(i * 3 + 1), nchw.get(plane + i), 0f);
            assertEquals(nhwc.get(i * 3), nchw.get(2 * plane + i), 0f);
        }
    }

    @Test
    void normalizationIsScaleThenMeanAndStdPerTensorChannel() {
        DecodedImage img = DecodedImage.of(ImageFixtures.pattern(8, 6), ImageFormat.PNG);
        float[] mean = {0.485f, 0.456f, 0.406f};
        float[] std = {0.229f, 0.224f, 0.225f};
        FloatBuffer raw = Preprocess.toTensor(img, InputSpec.of(8, 6)).data();
        FloatBuffer unit = Preprocess.toTensor(img, InputSpec.of(8, 6).withNormalization(InputSpec.UNIT_SCALE, mean,
                std)).data();
        FloatBuffer centred = Preprocess.toTensor(img, InputSpec.of(8, 6).withNormalization(1f,
                new float[] {127.5f, 127.5f, 127.5f}, new float[] {127.5f, 127.5f, 127.5f})).data();

        for (int i = 0; i < 8 * 6 * 3; i++) {
            int c = i % 3;
            float p = raw.get(i);
            assertEquals((p / 255f - mean[c]) / std[c], unit.get(i), 1e-5f);
            assertEquals((p - 127.5f) / 127.5f, centred.get(i), 1e-6f);
        }
    }

    @Test
    void letterboxCentresTheImageAndRecordsTheMapping() {
        BufferedImage wide = new BufferedImage(200, 100, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = wide.createGraphics();
        g.setColor(new Color(10, 20, 30));
        g.fillRect(0, 0, 200, 100);
        g.dispose();
        InputSpec spec = InputSpec.of(64, 64).withResize(InputSpec.Resize.LETTERBOX).withPadValue(114)
                .withNormalization(InputSpec.UNIT_SCALE, new float[] {0, 0, 0}, new float[] {1, 1, 1});

        ImageTensor t = Preprocess.toTensor(DecodedImage.of(wide, ImageFormat.PNG), spec);

        assertEquals(64, t.contentWidth());
        assertEquals(32, t.contentHeight());
        assertEquals(0, t.padX());
        assertEquals(16, t.padY());
        assertEquals(0.32, t.scaleX(), 1e-12);
        FloatBuffer d = t.data();
        float pad = 114 / 255f;
        for (int y = 0; y < 64; y++) {
            boolean content = y >= 16 && y < 48;
            for (int x = 0; x < 64; x++) {
                int i = (y * 64 + x) * 3;
                assertEquals(content ? 10 / 255f : pad, d.get(i), 1e-6f, "R at " + x + "," + y);
                assertEquals(content ? 30 / 255f : pad, d.get(i + 2), 1e-6f, "B at " + x + "," + y);
            }
        }
        assertEquals(0, t.toOriginalX(0), 1e-9);
        assertEquals(0, t.toOriginalY(16), 1e-9);
        assertEquals(200, t.toOriginalX(64), 1e-9);
        assertEquals(100, t.toOriginalY(48), 1e-9);
        assertArrayEquals(new double[] {0, 0, 100, 100}, t.toOriginalBox(-5, 0, 32, 60), 1e-9);
    }

    @Test
    void shrinkingAveragesInsteadOfAliasing() {
        BufferedImage checker = new BufferedImage(256, 256, BufferedImage.TYPE_3BYTE_BGR);
        byte[] px = bytes(checker);
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                if ((x + y) % 2 == 0) {
                    int p = (y * 256 + x) * 3;
                    px[p] = (byte) 255;
                    px[p + 1] = (byte) 255;
                    px[p + 2] = (byte) 255;
                }
            }
        }
        FloatBuffer d = Preprocess.toTensor(DecodedImage.of(checker, ImageFormat.PNG), InputSpec.of(50, 70)).data();
        for (int i = 0; i < 50 * 70 * 3; i++) {
            assertEquals(127.5f, d.get(i), 8f, "sample " + i);
        }
    }

    @Test
    void growingIsBilinearWithHalfPixelCentres() {
        BufferedImage two = new BufferedImage(2, 1, BufferedImage.TYPE_3BYTE_BGR);
        byte[] px = bytes(two);
        px[3] = (byte) 255;
        px[4] = (byte) 255;
        px[5] = (byte) 255;
        FloatBuffer d = Preprocess.toTensor(DecodedImage.of(two, ImageFormat.PNG), InputSpec.of(4, 1)).data();
        float[] expected = {0f, 63.75f, 191.25f, 255f};
        for (int x = 0; x < 4; x++) {
            assertEquals(expected[x], d.get(x * 3), 1e-3f, "x " + x);
        }
    }

    /**
     * End to end: a white rectangle in a big image, subsampled by the decoder, resized into the tensor, found there
     * and mapped back lands where it was, within about one tensor pixel.
     */
    @ParameterizedTest
    @EnumSource(InputSpec.Resize.class)
    void boxesMapBackToTheOriginalThroughSubsampling(InputSpec.Resize resize) {
        BufferedImage big = new BufferedImage(4000, 3000, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = big.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(1000, 700, 600, 400);
        g.dispose();
        byte[] png = ImageFixtures.encode(big, "png");
        InputSpec spec = InputSpec.of(512, 512).withResize(resize);

        DecodedImage img = decoder.decode(png, spec);
        ImageTensor t = Preprocess.toTensor(img, spec);

        assertTrue(img.width() < 1000, img.toString());
        double[] box = brightBox(t);
        double tolerance = 1.5 / Math.min(t.scaleX(), t.scaleY());
        assertArrayEquals(new double[] {1000, 700, 1600, 1100}, box, tolerance);
    }

    @Test
    void boxesMapBackThroughExifRotationToo() {
        BufferedImage stored = new BufferedImage(4000, 3000, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = stored.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(1000, 700, 600, 400);
        g.dispose();
        // Orientation 6: shown rotated 90 degrees clockwise, upright (x, y) = (3000 - stored y, stored x).
        byte[] jpeg = ImageFixtures.withExifOrientation(ImageFixtures.jpeg(stored, 0.9f, false), 6);
        InputSpec spec = InputSpec.of(512, 512).withResize(InputSpec.Resize.LETTERBOX);

        DecodedImage img = decoder.decode(jpeg, spec);
        ImageTensor t = Preprocess.toTensor(img, spec);

        assertEquals(3000, t.originalWidth());
        assertEquals(4000, t.originalHeight());
        double[] box = brightBox(t);
        assertArrayEquals(new double[] {3000 - 1100, 1000, 3000 - 700, 1600}, box, 1.5 / t.scaleX());
    }

    @Test
    void aBufferThatFitsIsReused() {
        DecodedImage img = DecodedImage.of(ImageFixtures.pattern(8, 6), ImageFormat.PNG);
        FloatBuffer buffer = FloatBuffer.allocate(1000);
        buffer.position(17);

        ImageTensor t = Preprocess.toTensor(img, InputSpec.of(8, 6), buffer);
        ImageTensor fresh = Preprocess.toTensor(img, InputSpec.of(20, 20), buffer);

        assertSame(buffer, t.data());
        assertEquals(0, buffer.position());
        assertEquals(8 * 6 * 3, buffer.limit());
        assertNotSame(buffer, fresh.data());
        assertEquals(Preprocess.toTensor(img, InputSpec.of(8, 6)).data(), t.data());
    }

    @Test
    void inputSpecMapsFromAManifestInputObject() throws Exception {
        String json = "{\"tensor\": \"input_1\", \"width\": 512, \"height\": 384, \"layout\": \"NCHW\","
                + " \"channels\": \"BGR\", \"resize\": \"letterbox\", \"pad\": 114,"
                + " \"normalize\": {\"scale\": 0.00392156862745098, \"mean\": [0.406, 0.456, 0.485],"
                + " \"std\": 0.25}}";
        InputSpec spec = InputSpec.fromMap(JSON.std.mapFrom(json));

        assertEquals(512, spec.width());
        assertEquals(384, spec.height());
        assertEquals(InputSpec.Layout.NCHW, spec.layout());
        assertEquals(InputSpec.ChannelOrder.BGR, spec.channelOrder());
        assertEquals(InputSpec.Resize.LETTERBOX, spec.resize());
        assertEquals(114, spec.padValue());
        assertEquals(InputSpec.UNIT_SCALE, spec.scale(), 0f);
        assertArrayEquals(new float[] {0.406f, 0.456f, 0.485f}, spec.mean());
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f}, spec.std());
        assertArrayEquals(new long[] {1, 3, 384, 512}, spec.shape());
        assertEquals(spec, InputSpec.fromMap(JSON.std.mapFrom(JSON.std.asString(spec.toMap()))));

        InputSpec defaults = InputSpec.fromMap(JSON.std.mapFrom("{\"width\": 64, \"height\": 64, \"layout\":"
                + " \"nhwc\"}"));
        assertEquals(InputSpec.of(64, 64), defaults);
    }

    @Test
    void inputSpecRefusesWhatDoesNotFit() {
        assertRefused("{\"width\": 64, \"height\": 64}", "layout is required");
        assertRefused("{\"width\": 64, \"height\": 64, \"layout\": \"HWC\"}", "input.layout is 'HWC'");
        assertRefused("{\"width\": 64, \"height\": 64, \"layout\": \"NHWC\", \"colour\": \"RGB\"}",
                "unknown key 'colour'");
        assertRefused("{\"width\": 64.5, \"height\": 64, \"layout\": \"NHWC\"}", "whole number");
        assertRefused("{\"width\": 0, \"height\": 64, \"layout\": \"NHWC\"}", "input size");
        assertRefused("{\"width\": 64, \"height\": 64, \"layout\": \"NHWC\", \"pad\": 300}", "pad value");
        assertRefused("{\"width\": 64, \"height\": 64, \"layout\": \"NHWC\", \"normalize\": {\"std\": [1, 0, 1]}}",
                "std");
        assertRefused("{\"width\": 64, \"height\": 64, \"layout\": \"NHWC\", \"normalize\": {\"mean\": [1, 2]}}",
                "list of three");
    }

    private static void assertRefused(String json, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InputSpec.fromMap(JSON.std.mapFrom(json)));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    /** The original-image box of the tensor pixels brighter than half, by their edges. */
    private static double[] brightBox(ImageTensor t) {
        int w = t.spec().width();
        int h = t.spec().height();
        FloatBuffer d = t.data();
        int x1 = w;
        int y1 = h;
        int x2 = -1;
        int y2 = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (d.get((y * w + x) * 3) > 127.5f) {
                    x1 = Math.min(x1, x);
                    y1 = Math.min(y1, y);
                    x2 = Math.max(x2, x + 1);
                    y2 = Math.max(y2, y + 1);
                }
            }
        }
        assertTrue(x2 > 0, "no bright pixel");
        return t.toOriginalBox(x1, y1, x2, y2);
    }

    @Test
    void worksOnEveryRealPhoto() {
        InputSpec spec = InputSpec.of(320, 320).withResize(InputSpec.Resize.LETTERBOX).withLayout(
                InputSpec.Layout.NCHW).withNormalization(InputSpec.UNIT_SCALE, new float[] {0.5f, 0.5f, 0.5f},
                        new float[] {0.5f, 0.5f, 0.5f});
        for (String name : ImageFixtures.PHOTOS) {
            DecodedImage img = decoder.decode(ImageFixtures.photo(name), spec);
            ImageTensor t = Preprocess.toTensor(img, spec);
            FloatBuffer d = t.data();
            double sum = 0;
            for (int i = 0; i < spec.size(); i++) {
                float v = d.get(i);
                assertTrue(v >= -1.0001f && v <= 1.0001f, name + " value " + v);
                sum += v;
            }
            assertTrue(Math.abs(sum / spec.size()) < 0.9, name + " mean " + sum / spec.size());
            assertEquals(img.originalWidth(), t.toOriginalX(t.padX() + t.contentWidth()), 1.0);
        }
    }
}
