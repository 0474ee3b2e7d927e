package dev.openrecog.vision.detect;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Prints inference times of the built-in models (not a test; timings on a shared machine are not assertions):
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) dev.openrecog.vision.detect.InferenceBenchmark \
 *     [runs, default 30] [intra-op threads, default available processors] [models, default all built-in]
 * </pre>
 *
 * For each model: session load, then {@code runs} timed calls of {@link Detector#detect} (inference plus
 * decoding and NMS) after 5 warm-ups, on darknet's dog.jpg when installed (else a grey image), preprocessed once.
 */
public final class InferenceBenchmark {
    private InferenceBenchmark() {
    }

    /** Times of the bare ONNX Runtime call that fetches the decoder's outputs (no copying out, no decoding). */
    private static double[] rawRuns(ModelManifest m, FloatBuffer input, int threads, int runs) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(threads);
            try (OrtSession s = env.createSession(m.modelBytes(), so);
                    OnnxTensor t = OnnxTensor.createTensor(env, input.duplicate(), m.input().shape())) {
                Set<String> outs = new LinkedHashSet<>(m.decoder().outputs());
                double[] ms = new double[runs];
                for (int i = 0; i < runs + 5; i++) {
                    long st = System.nanoTime();
                    try (OrtSession.Result r = s.run(Map.of(m.input().tensor(), t), outs)) {
                        if (i >= 5) {
                            ms[i - 5] = (System.nanoTime() - st) / 1e6;
                        }
                    }
                }
                Arrays.sort(ms);
                return ms;
            }
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        List<String> models = args.length > 2 ? List.of(args[2].split(",")) : ModelManifest.builtInNames();
        System.out.printf(Locale.ROOT, "%d runs, %d intra-op threads, %d processors%n", runs, threads,
                Runtime.getRuntime().availableProcessors());
        long e0 = System.nanoTime();
        OrtEnvironment.getEnvironment();
        System.out.printf(Locale.ROOT, "ONNX Runtime environment start %.0f ms%n", (System.nanoTime() - e0) / 1e6);
        for (String name : models) {
            ModelManifest m = ModelManifest.builtIn(name);
            long t0 = System.nanoTime();
            try (Detector d = Detector.create(m, Detector.Options.defaults().intraOpThreads(threads))) {
                long load = System.nanoTime() - t0;
                FloatBuffer input;
                if (TestImages.darknetInstalled()) {
                    input = TestImages.prepare(TestImages.DARKNET_DATA.resolve("dog.jpg"), m.input()).tensor;
                } else {
                    float[] grey = new float[m.input().size()];
                    Arrays.fill(grey, 0.5f);
                    input = FloatBuffer.wrap(grey);
                }
                for (int i = 0; i < 5; i++) {
                    d.detect(input);
                }
                double[] ms = new double[runs];
                int found = 0;
                for (int i = 0; i < runs; i++) {
                    long s = System.nanoTime();
                    found = d.detect(input).size();
                    ms[i] = (System.nanoTime() - s) / 1e6;
                }
                Arrays.sort(ms);
                double[] raw = rawRuns(m, input, threads, runs);
                System.out.printf(Locale.ROOT, "%-10s %dx%d  session load %5.0f ms  detect p50 %6.1f ms  p90 %6.1f ms"
                        + "  min %6.1f ms  (%d detections)  of which session.run p50 %6.1f ms%n", name,
                        m.input().width(), m.input().height(), load / 1e6, ms[runs / 2],
                        ms[(int) Math.min(runs - 1, Math.round(runs * 0.9))], ms[0], found, raw[runs / 2]);
            }
        }
    }
}
