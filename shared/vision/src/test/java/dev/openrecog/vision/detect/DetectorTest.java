package dev.openrecog.vision.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detector on the real models: loading, checks of manifest against model, and the decoders' agreement. */
class DetectorTest {
    @TempDir
    Path dir;

    private static FloatBuffer noise(ModelInput in, long seed) {
        Random r = new Random(seed);
        float[] a = new float[in.size()];
        float[] mean = in.spec().mean();
        float[] std = in.spec().std();
        for (int i = 0; i < a.length; i++) {
            a[i] = (r.nextInt(256) * in.spec().scale() - mean[i % 3]) / std[i % 3];
        }
        return FloatBuffer.wrap(a);
    }

    @Test
    void bothBuiltInModelsLoadAndRun() {
        for (String name : ModelManifest.builtInNames()) {
            ModelManifest m = ModelManifest.builtIn(name);
            try (Detector d = Detector.create(m, Detector.Options.defaults().intraOpThreads(1))) {
                assertEquals(m, d.manifest());
                FloatBuffer in = noise(m.input(), 1);
                List<Detection> out = d.detect(in, 0.05f);
                assertEquals(0, in.position(), "the caller's buffer position is left alone");
                assertTrue(out.size() <= m.maxDetections());
                for (Detection det : out) {
                    assertTrue(det.score() >= 0.05f && det.score() <= 1f, det.toString());
                    assertTrue(det.x1() >= 0 && det.x1() <= det.x2() && det.x2() <= 1, det.toString());
                    assertTrue(det.y1() >= 0 && det.y1() <= det.y2() && det.y2() <= 1, det.toString());
                    assertEquals(m.labels().get(det.classIndex()), det.label());
                }
            }
        }
    }

    @Test
    void inputOfTheWrongSizeOrScoreOutOfRangeIsRefused() {
        ModelManifest m = ModelManifest.builtIn("nanodet");
        try (Detector d = Detector.create(m)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> d.detect(FloatBuffer.allocate(10)));
            assertTrue(e.getMessage().contains("[1, 3, 416, 416]"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> d.detect(noise(m.input(), 2), 1.5f));
            assertThrows(IllegalArgumentException.class, () -> d.detect(noise(m.input(), 2), Float.NaN));
        }
        assertThrows(IllegalArgumentException.class, () -> Detector.Options.defaults().intraOpThreads(0));
    }

    @Test
    void aDirectBufferWithAPositionIsReadFromItsPosition() {
        ModelManifest m = ModelManifest.builtIn("nanodet");
        try (Detector d = Detector.create(m)) {
            FloatBuffer heap = noise(m.input(), 3);
            FloatBuffer direct = java.nio.ByteBuffer.allocateDirect((m.input().size() + 5) * 4)
                    .order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
            direct.put(new float[5]);
            direct.put(heap.duplicate());
            direct.position(5);
            assertEquals(d.detect(heap, 0.1f).toString(), d.detect(direct, 0.1f).toString());
        }
    }

    /** Copies a built-in manifest and its model into the temp folder, changed by {@code edit}. */
    private Path userManifest(String builtIn, UnaryOperator<Map<String, Object>> edit) throws IOException {
        Map<String, Object> m = JSON.std.mapFrom(DetectorTest.class.getResourceAsStream(
                "/dev/openrecog/vision/models/" + builtIn + ".json"));
        Files.write(dir.resolve(builtIn + ".onnx"), ModelManifest.builtIn(builtIn).modelBytes());
        Path file = dir.resolve(builtIn + ".json");
        Files.writeString(file, JSON.std.asString(edit.apply(m)));
        return file;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sub(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    @Test
    void aUserManifestFromADirectoryRunsLikeTheBuiltIn() throws IOException {
        Path file = userManifest("centernet", m -> m);
        ModelManifest user = ModelManifest.load(file);
        ModelManifest builtIn = ModelManifest.builtIn("centernet");
        try (Detector a = Detector.create(user); Detector b = Detector.create(builtIn)) {
            FloatBuffer in = noise(builtIn.input(), 4);
            assertEquals(b.detect(in, 0.05f).toString(), a.detect(in, 0.05f).toString());
        }
    }

    private void mismatch(String builtIn, UnaryOperator<Map<String, Object>> edit, String... expected)
            throws IOException {
        ModelManifest m = ModelManifest.load(userManifest(builtIn, edit));
        ModelManifestException e = assertThrows(ModelManifestException.class, () -> Detector.create(m));
        for (String s : expected) {
            assertTrue(e.getMessage().contains(s), "'" + e.getMessage() + "' lacks '" + s + "'");
        }
    }

    @Test
    void aManifestThatDoesNotFitItsModelFailsAtCreation() throws IOException {
        mismatch("centernet", m -> {
            sub(m, "input").put("tensor", "images");
            return m;
        }, "no input 'images'", "tower_0/images");
        mismatch("centernet", m -> {
            sub(m, "input").put("layout", "NCHW");
            return m;
        }, "[1, 512, 512, 3]", "[1, 3, 512, 512]");
        mismatch("nanodet", m -> {
            sub(m, "input").put("width", 320);
            sub(m, "input").put("height", 320);
            return m;
        }, "input_1", "[1, 3, 320, 320]");
        mismatch("centernet", m -> {
            sub(m, "decoder").put("boxes", "tower_0/whh");
            return m;
        }, "no output 'tower_0/whh'");
        mismatch("centernet", m -> {
            sub(m, "decoder").put("stride", 8);
            return m;
        }, "tower_0/keypoints", "[1, 64, 64, 80]");
        mismatch("nanodet", m -> {
            sub(m, "decoder").put("regMax", 7);
            return m;
        }, "Identity_3", "regMax 7");
        mismatch("centernet", m -> {
            m.put("labels", List.of("a", "b"));
            m.remove("taxonomy");
            return m;
        }, "[1, 128, 128, 2]");
        Path junk = dir.resolve("junk.onnx");
        Files.write(junk, new byte[] {1, 2, 3});
        mismatch("centernet", m -> {
            m.put("model", "junk.onnx");
            return m;
        }, "cannot load model junk.onnx");
    }

    /**
     * The centernet graph decodes itself too ({@code tower_0/detections}: 3x3 max-pool peaks, top 100, boxes from
     * {@code wh}); the Java decoder must agree with it on the same heatmap.
     */
    @Test
    void centernetDecoderAgreesWithTheGraphsOwnDetections() throws Exception {
        ModelManifest m = ModelManifest.builtIn("centernet");
        FloatBuffer input = TestImages.darknetInstalled()
                ? TestImages.prepare(TestImages.DARKNET_DATA.resolve("dog.jpg"), m.input()).tensor
                : noise(m.input(), 5);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(m.modelBytes(), new OrtSession.SessionOptions());
                OnnxTensor t = OnnxTensor.createTensor(env, input, m.input().shape());
                OrtSession.Result r = s.run(Map.of("tower_0/images", t),
                        Set.of("tower_0/keypoints", "tower_0/wh", "tower_0/detections"))) {
            float[] hm = floats(r, "tower_0/keypoints");
            float[] wh = floats(r, "tower_0/wh");
            float[] graph = floats(r, "tower_0/detections");
            float minScore = 0.1f;
            List<Detection> mine = m.decoder().decode(new OutputDecoder.Outputs() {
                @Override
                public float[] data(String name) {
                    return name.equals("tower_0/keypoints") ? hm : wh;
                }

                @Override
                public long[] shape(String name) {
                    return null;
                }
            }, minScore, m.labels());
            List<float[]> theirs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                if (graph[i * 6 + 4] >= minScore) {
                    theirs.add(java.util.Arrays.copyOfRange(graph, i * 6, i * 6 + 6));
                }
            }
            assertTrue(!theirs.isEmpty() || !TestImages.darknetInstalled(), "dog.jpg yields detections");
            assertEquals(theirs.size(), mine.size());
            for (int i = 0; i < mine.size(); i++) {
                Detection d = mine.get(i);
                float[] g = theirs.get(i);
                assertEquals(g[4], d.score(), 1e-6f);
                assertEquals((int) g[5], d.classIndex());
                assertEquals(clamp(g[0] / 512), d.x1(), 1e-5f);
                assertEquals(clamp(g[1] / 512), d.y1(), 1e-5f);
                assertEquals(clamp(g[2] / 512), d.x2(), 1e-5f);
                assertEquals(clamp(g[3] / 512), d.y2(), 1e-5f);
            }
        }
    }

    private static float clamp(float v) {
        return Math.max(0f, Math.min(1f, v));
    }

    private static float[] floats(OrtSession.Result r, String name) {
        FloatBuffer b = ((OnnxTensor) r.get(name).orElseThrow()).getFloatBuffer();
        float[] a = new float[b.remaining()];
        b.get(a);
        return a;
    }
}
