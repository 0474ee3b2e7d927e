package dev.openrecog.benchmarks.invoker;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.io.InputStream;

/**
 * Cold-start floor of the vision functions: a fresh JVM, on the function jar's class path, that only starts ONNX
 * Runtime (the process-wide {@code OrtEnvironment}: extracting and loading its native library) and creates one
 * {@code OrtSession} from each built-in model its arguments name (default {@code centernet.onnx}), with the session
 * options {@code Detector.create} uses (intra-op threads = available processors, 1 inter-op thread, sequential, all
 * optimizations), then exits. It touches no openrecog class, no manifest and no JSON.
 *
 * <p>The line it prints: init = the environment, request = reading the model from the jar plus creating the
 * sessions, {@code read=} the reading alone, {@code hwm=} the peak RSS in kB just before exiting. Arguments: the
 * models' file names in {@code dev/openrecog/vision/models/}. ONNX
 * Runtime's own system property {@code onnxruntime.native.path} (a folder holding its native libraries, already
 * extracted) is the way to see what extracting them from the jar costs.
 */
public final class OrtSessionOnly {
    static final String MODELS = "/dev/openrecog/vision/models/";

    private OrtSessionOnly() {
    }

    public static void main(String[] args) throws OrtException, IOException {
        long mainAt = System.nanoTime();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long started = System.nanoTime();
        long reading = 0;
        for (String model : args.length == 0 ? new String[] {"centernet.onnx"} : args) {
            long before = System.nanoTime();
            byte[] bytes = readModel(MODELS + model);
            reading += System.nanoTime() - before;
            if (createSession(env, bytes).getInputNames().isEmpty()) {
                throw new IllegalStateException(model + " has no input");
            }
        }
        long created = System.nanoTime();
        StringBuilder extra = new StringBuilder(" read=").append(reading).append(" hwm=").append(Result.peakRssKb());
        Result.print(mainAt, started, created, 200, extra);
        System.exit(0);
    }

    static byte[] readModel(String resource) throws IOException {
        try (InputStream in = OrtSessionOnly.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("No class path resource " + resource);
            }
            return in.readAllBytes();
        }
    }

    /** A session set up as dev.openrecog.vision.detect.Detector#create sets up its own (default Options). */
    static OrtSession createSession(OrtEnvironment env, byte[] model) throws OrtException {
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(Runtime.getRuntime().availableProcessors());
            so.setInterOpNumThreads(1);
            so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return env.createSession(model, so);
        }
    }
}
