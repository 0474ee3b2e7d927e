package dev.openrecog.vision.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openrecog.vision.image.InputSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two decoders and NMS on small hand-made tensors (no model). */
class DecodersTest {
    private static final List<String> LABELS = List.of("a", "b");

    private static ModelInput input(int w, int h, InputSpec.Layout layout) {
        return new ModelInput("in", InputSpec.of(w, h).withLayout(layout));
    }

    private static Fields fields(Map<String, Object> m) {
        return new Fields("test", "decoder", m);
    }

    private static OutputDecoder.Outputs outputs(Map<String, float[]> data) {
        return new OutputDecoder.Outputs() {
            @Override
            public float[] data(String name) {
                return data.get(name);
            }

            @Override
            public long[] shape(String name) {
                return null;
            }
        };
    }

    private static Map<String, Object> centernetParams() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("heatmap", "hm");
        m.put("boxes", "wh");
        m.put("stride", 4);
        return m;
    }

    @Test
    void centernetFindsPeaksAndBuildsBoxesFromEdgeDistances() {
        // input 16x16, stride 4: a 4x4 grid, NHWC heatmap [1,4,4,2], boxes [1,4,4,4]
        CenterNetDecoder dec = CenterNetDecoder.parse(fields(centernetParams()), input(16, 16, InputSpec.Layout.NHWC),
                2);
        float[] hm = new float[4 * 4 * 2];
        float[] wh = new float[4 * 4 * 4];
        // class 0 peak at (x=1, y=2) 0.9 with a weaker neighbour at (2, 2) 0.8: only the peak survives
        hm[(2 * 4 + 1) * 2] = 0.9f;
        hm[(2 * 4 + 2) * 2] = 0.8f;
        // class 1 at the same cell as the neighbour: classes do not suppress each other
        hm[(2 * 4 + 2) * 2 + 1] = 0.7f;
        // class 1 below the threshold
        hm[(0 * 4 + 0) * 2 + 1] = 0.2f;
        // distances l, t, r, b in input pixels for cell (1, 2): centre (4, 8)
        System.arraycopy(new float[] {2, 3, 4, 5}, 0, wh, (2 * 4 + 1) * 4, 4);
        System.arraycopy(new float[] {1, 1, 1, 1}, 0, wh, (2 * 4 + 2) * 4, 4);
        List<Detection> out = dec.decode(outputs(Map.of("hm", hm, "wh", wh)), 0.5f, LABELS);
        assertEquals(2, out.size(), out.toString());
        Detection d = out.get(0);
        assertEquals(0, d.classIndex());
        assertEquals("a", d.label());
        assertEquals(0.9f, d.score(), 1e-6);
        assertEquals((4 - 2) / 16f, d.x1(), 1e-6);
        assertEquals((8 - 3) / 16f, d.y1(), 1e-6);
        assertEquals((4 + 4) / 16f, d.x2(), 1e-6);
        assertEquals((8 + 5) / 16f, d.y2(), 1e-6);
        Detection e = out.get(1);
        assertEquals(1, e.classIndex());
        assertEquals(7 / 16f, e.x1(), 1e-6); // centre (8, 8) minus 1
    }

    @Test
    void centernetNchwLayoutSigmoidAndClipping() {
        Map<String, Object> p = centernetParams();
        p.put("layout", "NCHW");
        p.put("scoreActivation", "sigmoid");
        p.put("centerOffset", 0.5);
        p.put("boxScale", 2.0);
        CenterNetDecoder dec = CenterNetDecoder.parse(fields(p), input(16, 16, InputSpec.Layout.NCHW), 2);
        float[] hm = new float[2 * 4 * 4];
        java.util.Arrays.fill(hm, -10f);
        float[] wh = new float[4 * 4 * 4];
        // class 1 at (x=0, y=3): logit 2 -> sigmoid 0.8808
        hm[(1 * 4 + 3) * 4 + 0] = 2f;
        for (int k = 0; k < 4; k++) {
            wh[(k * 4 + 3) * 4 + 0] = 10f; // 20 px each way after boxScale: clipped to the input
        }
        List<Detection> out = dec.decode(outputs(Map.of("hm", hm, "wh", wh)), 0.5f, LABELS);
        assertEquals(1, out.size());
        Detection d = out.get(0);
        assertEquals("b", d.label());
        assertEquals(0.8808f, d.score(), 1e-4);
        assertEquals(0f, d.x1());
        assertEquals(0f, d.y1());
        assertEquals(1f, d.x2());
        assertEquals(1f, d.y2());
    }

    @Test
    void centernetKeepsAtMostMaxCandidatesBestFirst() {
        Map<String, Object> p = centernetParams();
        p.put("maxCandidates", 2);
        CenterNetDecoder dec = CenterNetDecoder.parse(fields(p), input(16, 16, InputSpec.Layout.NHWC), 2);
        float[] hm = new float[4 * 4 * 2];
        hm[(0 * 4 + 0) * 2] = 0.6f;
        hm[(0 * 4 + 3) * 2] = 0.9f;
        hm[(3 * 4 + 0) * 2] = 0.7f;
        hm[(3 * 4 + 3) * 2] = 0.8f;
        List<Detection> out = dec.decode(outputs(Map.of("hm", hm, "wh", new float[64])), 0.1f, LABELS);
        assertEquals(2, out.size());
        assertEquals(0.9f, out.get(0).score(), 1e-6);
        assertEquals(0.8f, out.get(1).score(), 1e-6);
    }

    private static Map<String, Object> nanodetParams() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> levels = new ArrayList<>();
        levels.add(new HashMap<>(Map.of("stride", 8, "scores", "s8", "boxes", "b8")));
        levels.add(new HashMap<>(Map.of("stride", 16, "scores", "s16", "boxes", "b16")));
        m.put("levels", levels);
        m.put("regMax", 3);
        return m;
    }

    @Test
    void nanodetTakesTheExpectedDistanceOfEachSide() {
        // input 32x24: stride 8 -> 4x3 cells, stride 16 -> 2x2 cells (ceil)
        NanoDetDecoder dec = NanoDetDecoder.parse(fields(nanodetParams()), input(32, 24, InputSpec.Layout.NCHW), 2);
        Map<String, long[]> shapes = new HashMap<>();
        shapes.put("s8", new long[] {1, 12, 2});
        shapes.put("b8", new long[] {1, 12, 16});
        shapes.put("s16", new long[] {1, 4, 2});
        shapes.put("b16", new long[] {1, 4, 16});
        dec.check(shapes);
        float[] s8 = new float[12 * 2];
        float[] b8 = new float[12 * 16];
        float[] s16 = new float[4 * 2];
        float[] b16 = new float[4 * 16];
        // stride 8, cell 6 = (x=2, y=1): centre (20, 12); class 1 score 0.9
        s8[6 * 2 + 1] = 0.9f;
        float big = 50f; // a one-hot distribution: softmax puts ~all weight on one bin
        b8[6 * 16 + 0 * 4 + 1] = big; // left: bin 1 -> 8 px
        b8[6 * 16 + 1 * 4 + 0] = big; // top: bin 0 -> 0 px
        b8[6 * 16 + 2 * 4 + 3] = big; // right: bin 3 -> 24 px, clipped at the right edge
        // bottom: uniform over 0..3 -> expectation 1.5 bins = 12 px
        List<Detection> out = dec.decode(outputs(Map.of("s8", s8, "b8", b8, "s16", s16, "b16", b16)), 0.5f, LABELS);
        assertEquals(1, out.size(), out.toString());
        Detection d = out.get(0);
        assertEquals("b", d.label());
        assertEquals((20 - 8) / 32f, d.x1(), 1e-5);
        assertEquals(12 / 24f, d.y1(), 1e-5);
        assertEquals(1f, d.x2(), 1e-5);
        assertEquals(1f, d.y2(), 1e-5); // 12 + 12 = 24: the bottom edge
    }

    @Test
    void nanodetEmitsEveryClassAboveTheThresholdOfACell() {
        NanoDetDecoder dec = NanoDetDecoder.parse(fields(nanodetParams()), input(32, 24, InputSpec.Layout.NCHW), 2);
        float[] s16 = new float[4 * 2];
        s16[3 * 2] = 0.6f;
        s16[3 * 2 + 1] = 0.7f;
        List<Detection> out = dec.decode(outputs(Map.of("s8", new float[24], "b8", new float[192], "s16", s16,
                "b16", new float[64])), 0.5f, LABELS);
        assertEquals(2, out.size());
        // uniform distributions: 1.5 bins * 16 px = 24 px around the centre (24, 24) of cell (1, 1)
        for (Detection d : out) {
            assertEquals(0f, d.x1(), 1e-5);
            assertEquals(0f, d.y1(), 1e-5);
            assertEquals(1f, d.x2(), 1e-5);
            assertEquals(1f, d.y2(), 1e-5);
        }
    }

    @Test
    void nanodetCheckRefusesWrongShapes() {
        NanoDetDecoder dec = NanoDetDecoder.parse(fields(nanodetParams()), input(32, 24, InputSpec.Layout.NCHW), 2);
        Map<String, long[]> shapes = new HashMap<>();
        shapes.put("s8", new long[] {1, 12, 2});
        shapes.put("b8", new long[] {1, 12, 44});
        shapes.put("s16", new long[] {1, 4, 2});
        shapes.put("b16", new long[] {1, 4, 16});
        ModelManifestException e = assertThrows(ModelManifestException.class, () -> dec.check(shapes));
        assertTrue(e.getMessage().contains("'b8'") && e.getMessage().contains("regMax 3"), e.getMessage());
    }

    @Test
    void nmsIsClassWise() {
        Detection a = new Detection(0, "a", 0.9f, 0f, 0f, 0.5f, 0.5f);
        Detection a2 = new Detection(0, "a", 0.8f, 0.05f, 0.05f, 0.5f, 0.5f); // IoU 0.81 with a
        Detection b = new Detection(1, "b", 0.7f, 0f, 0f, 0.5f, 0.5f); // same box, other class
        Detection a3 = new Detection(0, "a", 0.6f, 0.5f, 0.5f, 1f, 1f); // no overlap
        List<Detection> kept = Nms.classWise(List.of(a3, b, a2, a), 0.5f, 10);
        assertEquals(List.of(a, b, a3), kept);
        assertEquals(List.of(a, b), Nms.classWise(List.of(a3, b, a2, a), 0.5f, 2));
        assertEquals(List.of(a, a2, b, a3), Nms.classWise(List.of(a3, b, a2, a), 0.9f, 10));
    }

    @Test
    void detectionGeometry() {
        Detection a = new Detection(0, "a", 0.9f, 0f, 0f, 0.5f, 0.5f);
        Detection b = new Detection(0, "a", 0.9f, 0.25f, 0.25f, 0.75f, 0.75f);
        assertEquals(0.25f, a.area(), 1e-6);
        assertEquals(0.0625f / (0.5f - 0.0625f), a.iou(b), 1e-6);
        assertEquals(0f, a.iou(new Detection(0, "a", 1f, 0.6f, 0.6f, 0.7f, 0.7f)));
        assertEquals(0.25f, a.centerX(), 1e-6);
    }
}
