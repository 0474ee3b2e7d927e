package dev.openrecog.vision.face;

import dev.openrecog.vision.image.DecodedImage;
import dev.openrecog.vision.image.ImageDecoder;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Prints the time per image of the face pipeline on 640 px photos (not a test: timings on a shared machine are not
 * assertions):
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) dev.openrecog.vision.face.FaceLatencyBenchmark \
 *     &lt;face-api demo folder&gt; [runs, default 30] [ONNX Runtime threads, default available processors]
 * </pre>
 *
 * Each of face-api's {@code sample1..6.jpg}, scaled to 640 px wide and re-encoded (JPEG quality 90), then per run:
 * decode ({@link ImageDecoder}), {@link FaceAnalyzer#faces} (detect, and align and embed every face), and
 * detection alone; the p50 and p90 over all runs of all photos, after 5 warm-ups per photo. With one ONNX Runtime
 * thread, all of {@code faces()} runs on the calling thread, so its CPU time is the cost without the waiting that
 * a busy machine adds.
 */
public final class FaceLatencyBenchmark {
    private FaceLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path demo = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        ImageDecoder decoder = new ImageDecoder();
        int photos = 6;
        double[] decode = new double[photos * runs];
        double[] detect = new double[photos * runs];
        double[] all = new double[photos * runs];
        double[] perFace = new double[photos * runs];
        double[] cpu = new double[photos * runs];
        ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        try (FaceAnalyzer analyzer = new FaceAnalyzer(FaceModel.builtIn(FaceAnalyzer.DETECTOR, "detector"),
                FaceModel.builtIn(FaceAnalyzer.EMBEDDER, "embedder"), threads);
                BlazeFace detector = BlazeFace.load(FaceModel.builtIn(FaceAnalyzer.DETECTOR, "detector"), threads)) {
            analyzer.minFaceSize();
            analyzer.dimensions();
            System.out.printf(Locale.ROOT, "ONNX Runtime start and both sessions: %.0f ms%n",
                    (System.nanoTime() - t0) / 1e6);
            int i = 0;
            for (int p = 1; p <= photos; p++) {
                BufferedImage img = FaceTransforms.read(Files.readAllBytes(demo.resolve("sample" + p + ".jpg")));
                int h = img.getHeight() * 640 / img.getWidth();
                BufferedImage small = new BufferedImage(640, h, BufferedImage.TYPE_3BYTE_BGR);
                small.createGraphics().drawImage(img.getScaledInstance(640, h, Image.SCALE_AREA_AVERAGING), 0, 0,
                        null);
                byte[] jpeg = FaceTransforms.encode(small, 90);
                for (int r = -5; r < runs; r++) {
                    long a = System.nanoTime();
                    DecodedImage image = decoder.decode(jpeg, FaceAnalyzer.DECODE_SIZE, FaceAnalyzer.DECODE_SIZE);
                    long b = System.nanoTime();
                    long cpu0 = threadBean.getCurrentThreadCpuTime();
                    List<Face> faces = analyzer.faces(image);
                    long cpu1 = threadBean.getCurrentThreadCpuTime();
                    long c = System.nanoTime();
                    detector.detect(image);
                    long d = System.nanoTime();
                    if (r >= 0) {
                        decode[i] = (b - a) / 1e6;
                        all[i] = (c - b) / 1e6;
                        cpu[i] = (cpu1 - cpu0) / 1e6;
                        detect[i] = (d - c) / 1e6;
                        perFace[i] = (all[i] - detect[i]) / Math.max(1, faces.size());
                        i++;
                    }
                }
                System.out.printf(Locale.ROOT, "sample%d.jpg 640x%d: %d faces%n", p, h,
                        analyzer.faces(decoder.decode(jpeg, 640, 640)).size());
            }
        }
        System.out.printf(Locale.ROOT, "%d runs x %d photos, %d threads, p50 / p90 ms:%n", runs, photos, threads);
        print("decode (640 px JPEG)", decode);
        print("faces(): detect + align + embed every face", all);
        print("  its CPU time on the calling thread (all of it with 1 thread)", cpu);
        print("  of which detection (blazeface 256x256 + decoding + NMS)", detect);
        print("  align + embed, per face", perFace);
    }

    private static void print(String what, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf(Locale.ROOT, "  %-60s %6.1f / %6.1f%n", what, s[s.length / 2], s[s.length * 9 / 10]);
    }
}
