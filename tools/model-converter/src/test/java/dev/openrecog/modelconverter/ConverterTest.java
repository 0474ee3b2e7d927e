package dev.openrecog.modelconverter;

import static dev.openrecog.modelconverter.TfjsGraphWriter.A;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Converter behaviour that needs no Node.js: errors, hand-computed results in ONNX Runtime, slice specs. */
class ConverterTest {
    @TempDir
    Path tmp;

    @Test
    void unsupportedOpNamesOpAndNode() throws Exception {
        TfjsGraphWriter w = new TfjsGraphWriter();
        w.placeholder("x", 1, 4);
        w.op("Erf", "block/erf", List.of("x"));
        Path json = w.write(tmp, List.of("block/erf"));
        UnsupportedOpException e = assertThrows(UnsupportedOpException.class,
                () -> Converter.convert(TfjsModel.load(json), "m"));
        assertEquals("Erf", e.op());
        assertEquals("block/erf", e.nodeName());
        assertTrue(e.getMessage().contains("unsupported op Erf at node 'block/erf'"), e.getMessage());
    }

    @Test
    void runTimeFilterIsRefusedWithTheNodeName() throws Exception {
        TfjsGraphWriter w = new TfjsGraphWriter();
        w.placeholder("x", 1, 3, 3, 1);
        w.constI("begin", new long[] {4}, 0, 0, 0, 0);
        w.constI("size", new long[] {4}, 1, 2, 2, 1);
        w.constI("shape", new long[] {4}, 2, 2, 1, 1);
        w.op("Slice", "corner", List.of("x", "begin", "size"));
        w.op("Reshape", "filter", List.of("corner", "shape")); // not constant: depends on the input
        w.op("Conv2D", "conv", List.of("x", "filter"), "padding", A.s("VALID"), "strides", A.ints(1, 1, 1, 1));
        Path json = w.write(tmp, List.of("conv"));
        UnsupportedOpException e = assertThrows(UnsupportedOpException.class,
                () -> Converter.convert(TfjsModel.load(json), "m"));
        assertEquals("conv", e.nodeName());
        assertTrue(e.getMessage().contains("filter"), e.getMessage());
    }

    @Test
    void sameConvolutionMatchesHandComputation() throws Exception {
        // 3x3 single-channel image, 2x2 filter, SAME, stride 1: TF pads one column/row after.
        TfjsGraphWriter w = new TfjsGraphWriter();
        w.placeholder("img", 1, 3, 3, 1);
        w.constF("k", new long[] {2, 2, 1, 1}, 1f, 2f, 3f, 4f);
        w.constF("bias", new long[] {1}, -10f);
        w.op("_FusedConv2D", "conv", List.of("img", "k", "bias"), "padding", A.s("SAME"),
                "strides", A.ints(1, 1, 1, 1), "fused_ops", A.strs("BiasAdd", "Relu"), "num_args", A.i(1));
        Path json = w.write(tmp, List.of("conv"));
        Path onnx = tmp.resolve("m.onnx");
        Main.convert(json, onnx);

        float[] img = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] expected = new float[9];
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 3; x++) {
                float s = 0;
                float[] k = {1, 2, 3, 4};
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        if (y + dy < 3 && x + dx < 3) {
                            s += img[(y + dy) * 3 + x + dx] * k[dy * 2 + dx];
                        }
                    }
                }
                expected[y * 3 + x] = Math.max(0, s - 10);
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
                OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(img), new long[] {1, 3, 3, 1});
                OrtSession.Result r = s.run(Map.of("img", in))) {
            OnnxTensor out = (OnnxTensor) r.get("conv").orElseThrow();
            assertArrayEquals(new long[] {1, 3, 3, 1}, out.getInfo().getShape());
            float[] got = new float[9];
            out.getFloatBuffer().get(got);
            assertArrayEquals(expected, got, 1e-6f);
        }
    }

    @Test
    void stridedSliceShapesFollowTensorFlow() {
        long[] in = {2, 6, 5};
        // x[:, 1:5:2, 4::-1]
        StridedSliceSpec a = StridedSliceSpec.of(in, new long[] {0, 1, 4}, new long[] {2, 5, 0},
                new long[] {1, 2, -1}, 1, 4, 0, 0, 0, "a");
        assertArrayEquals(new long[] {2, 2, 5}, a.outShape);
        // x[1, :, -1]
        StridedSliceSpec b = StridedSliceSpec.of(in, new long[] {1, 0, -1}, new long[] {2, 6, 0},
                new long[] {1, 1, 1}, 2, 2, 0, 0, 5, "b");
        assertArrayEquals(new long[] {6}, b.outShape);
        assertArrayEquals(new long[] {0, 2}, b.shrinkAxes);
        // x[..., tf.newaxis, 1:3]
        StridedSliceSpec c = StridedSliceSpec.of(in, new long[] {0, 0, 1}, new long[] {0, 0, 3},
                new long[] {1, 1, 1}, 0, 0, 1, 2, 0, "c");
        assertArrayEquals(new long[] {2, 6, 1, 2}, c.outShape);
        assertArrayEquals(new long[] {2}, c.newAxes);
        // x[::-2] on the first axis only (implicit ellipsis after)
        StridedSliceSpec d = StridedSliceSpec.of(new long[] {7, 3}, new long[] {0}, new long[] {0},
                new long[] {-2}, 1, 1, 0, 0, 0, "d");
        assertArrayEquals(new long[] {4, 3}, d.outShape);
    }

    @Test
    void foldsConstantSubgraphs() {
        Tensor a = Tensor.ofInts(new long[] {3}, 1, -7, 8);
        Tensor b = Tensor.ofInts(new long[] {}, 3);
        assertArrayEquals(new int[] {0, -3, 2}, Fold.binary("FloorDiv", a, b, "t").ints());
        assertArrayEquals(new int[] {1, 2, 2}, Fold.binary("FloorMod", a, b, "t").ints());
        Tensor t = Tensor.ofFloats(new long[] {2, 3}, 1, 2, 3, 4, 5, 6);
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, Fold.transpose(t, new long[] {1, 0}).floats());
        Tensor c = Fold.concat(List.of(t, Tensor.ofFloats(new long[] {2, 1}, 7, 8)), 1, "t");
        assertArrayEquals(new long[] {2, 4}, c.shape());
        assertArrayEquals(new float[] {1, 2, 3, 7, 4, 5, 6, 8}, c.floats());
        Tensor dense = Fold.sparseToDense(Tensor.ofInts(new long[] {2, 1}, 0, 2), Tensor.ofInts(new long[] {1}, 4),
                Tensor.ofInts(new long[] {2}, 5, 6), Tensor.ofInts(new long[] {}, -1), "t");
        assertArrayEquals(new int[] {5, -1, 6, -1}, dense.ints());
    }
}
