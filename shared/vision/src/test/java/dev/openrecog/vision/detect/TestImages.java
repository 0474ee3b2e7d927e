package dev.openrecog.vision.detect;

import dev.openrecog.vision.image.ImageDecoder;
import dev.openrecog.vision.image.ImageTensor;
import dev.openrecog.vision.image.InputSpec;
import dev.openrecog.vision.image.Preprocess;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Test images for the detector: by default through the service's own pipeline ({@link ImageDecoder} and
 * {@link Preprocess}); optionally ({@code tfjs = true}) through a plain bilinear resize without antialiasing, as
 * TensorFlow.js' {@code resizeBilinear} feeds these models in the library they come from, to compare the two.
 */
final class TestImages {
    static final Path DARKNET_DATA = Path.of("/usr/share/darknet/data");
    private static final ImageDecoder DECODER = new ImageDecoder();

    private TestImages() {
    }

    /** A preprocessed image and how model-input fractions map back to fractions of the original image. */
    static final class Prepared {
        final FloatBuffer tensor;
        private final ImageTensor mapping;
        private final int width;
        private final int height;

        Prepared(FloatBuffer tensor, ImageTensor mapping, int width, int height) {
            this.tensor = tensor;
            this.mapping = mapping;
            this.width = width;
            this.height = height;
        }

        /** A detection's box as fractions of the original image. */
        float[] toImage(Detection d) {
            if (mapping == null) {
                return new float[] {d.x1(), d.y1(), d.x2(), d.y2()};
            }
            int w = mapping.spec().width();
            int h = mapping.spec().height();
            double[] b = mapping.toOriginalBox(d.x1() * w, d.y1() * h, d.x2() * w, d.y2() * h);
            return new float[] {(float) (b[0] / width), (float) (b[1] / height), (float) (b[2] / width),
                (float) (b[3] / height)};
        }
    }

    static boolean darknetInstalled() {
        return Files.isRegularFile(DARKNET_DATA.resolve("dog.jpg"));
    }

    static Prepared prepare(Path file, ModelInput in) {
        return prepare(file, in, false);
    }

    static Prepared prepare(Path file, ModelInput in, boolean tfjs) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!tfjs) {
            ImageTensor t = Preprocess.toTensor(DECODER.decode(bytes, in.spec()), in.spec());
            return new Prepared(t.data(), t, t.originalWidth(), t.originalHeight());
        }
        if (in.spec().resize() != InputSpec.Resize.STRETCH) {
            throw new IllegalArgumentException("the tfjs-style path only stretches");
        }
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            return new Prepared(bilinear(img, in.spec()), null, img.getWidth(), img.getHeight());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stretch with TF's legacy bilinear sampling (source = destination * in/out, no antialiasing). */
    private static FloatBuffer bilinear(BufferedImage img, InputSpec spec) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        int ow = spec.width();
        int oh = spec.height();
        float[] out = new float[spec.size()];
        boolean bgr = spec.channelOrder() == InputSpec.ChannelOrder.BGR;
        boolean nhwc = spec.layout() == InputSpec.Layout.NHWC;
        float[] mean = spec.mean();
        float[] std = spec.std();
        float[] px = new float[3];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double sx = x * (double) w / ow;
                double sy = y * (double) h / oh;
                int x0 = Math.min((int) sx, w - 1);
                int y0 = Math.min((int) sy, h - 1);
                int x1 = Math.min(x0 + 1, w - 1);
                int y1 = Math.min(y0 + 1, h - 1);
                double fx = sx - x0;
                double fy = sy - y0;
                for (int c = 0; c < 3; c++) {
                    int shift = 16 - 8 * c;
                    double a = (argb[y0 * w + x0] >> shift) & 0xff;
                    double b = (argb[y0 * w + x1] >> shift) & 0xff;
                    double cc = (argb[y1 * w + x0] >> shift) & 0xff;
                    double d = (argb[y1 * w + x1] >> shift) & 0xff;
                    double top = a + (b - a) * fx;
                    px[c] = (float) (top + (cc + (d - cc) * fx - top) * fy);
                }
                for (int c = 0; c < 3; c++) {
                    float v = (px[bgr ? 2 - c : c] * spec.scale() - mean[c]) / std[c];
                    out[nhwc ? (y * ow + x) * 3 + c : c * ow * oh + y * ow + x] = v;
                }
            }
        }
        return FloatBuffer.wrap(out);
    }
}
