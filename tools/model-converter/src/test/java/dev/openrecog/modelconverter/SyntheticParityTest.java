package dev.openrecog.modelconverter;

import static dev.openrecog.modelconverter.TfjsGraphWriter.A;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Parity on small hand-built TF.js graphs that exercise what the six real models do not: explicit and dilated
 * convolutions, every fused activation, uint8-quantized weights, average pooling, all resize modes, mirror
 * padding, StridedSlice masks, splits, integer floor division, comparisons and reductions.
 */
class SyntheticParityTest {
    private final Random random = new Random(42);

    @BeforeEach
    void nodeIsSetUp() {
        ParityHarness.assumeNodeSetUp();
    }

    private float[] rand(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * 0.5);
        }
        return v;
    }

    private static long[] s(long... dims) {
        return dims;
    }

    @Test
    void spatialOps() throws Exception {
        TfjsGraphWriter w = new TfjsGraphWriter();
        List<String> outs = new ArrayList<>();
        String x = w.placeholder("x", 1, 9, 11, 4);
        w.constF("w1", s(3, 3, 4, 5), rand(3 * 3 * 4 * 5));
        outs.add(w.op("Conv2D", "conv_explicit", List.of(x, "w1"), "padding", A.s("EXPLICIT"),
                "explicit_paddings", A.ints(0, 0, 1, 2, 2, 0, 0, 0), "strides", A.ints(1, 2, 2, 1),
                "data_format", A.s("NHWC"), "dilations", A.ints(1, 1, 1, 1)));
        w.constF("w2", s(3, 3, 4, 3), rand(3 * 3 * 4 * 3));
        outs.add(w.op("Conv2D", "conv_dilated", List.of(x, "w2"), "padding", A.s("SAME"),
                "dilations", A.ints(1, 2, 2, 1), "strides", A.ints(1, 1, 1, 1)));
        w.constF("w3", s(2, 2, 4, 6), rand(2 * 2 * 4 * 6));
        w.constF("b3", s(6), rand(6));
        w.constF("a3", s(6), rand(6));
        outs.add(w.op("_FusedConv2D", "fconv_relu6", List.of(x, "w3", "b3"), "padding", A.s("VALID"),
                "strides", A.ints(1, 1, 1, 1), "fused_ops", A.strs("BiasAdd", "Relu6"), "num_args", A.i(1), "dilations", A.ints(1, 1, 1, 1)));
        outs.add(w.op("_FusedConv2D", "fconv_leaky", List.of(x, "w3", "b3"), "padding", A.s("SAME"),
                "strides", A.ints(1, 2, 2, 1), "fused_ops", A.strs("BiasAdd", "LeakyRelu"), "num_args", A.i(1),
                "leakyrelu_alpha", A.f(0.3), "dilations", A.ints(1, 1, 1, 1)));
        outs.add(w.op("_FusedConv2D", "fconv_prelu", List.of(x, "w3", "b3", "a3"), "padding", A.s("SAME"),
                "strides", A.ints(1, 1, 1, 1), "fused_ops", A.strs("BiasAdd", "Prelu"), "num_args", A.i(2), "dilations", A.ints(1, 1, 1, 1)));
        w.constF16("dw", s(3, 3, 4, 2), rand(3 * 3 * 4 * 2));
        w.constF("db", s(8), rand(8));
        outs.add(w.op("FusedDepthwiseConv2dNative", "fdw_relu", List.of(x, "dw", "db"), "padding", A.s("SAME"),
                "strides", A.ints(1, 2, 2, 1), "fused_ops", A.strs("BiasAdd", "Relu"), "num_args", A.i(1),
                "dilations", A.ints(1, 1, 1, 1)));
        outs.add(w.op("DepthwiseConv2dNative", "dw_dilated", List.of(x, "dw"), "padding", A.s("VALID"),
                "strides", A.ints(1, 1, 1, 1), "dilations", A.ints(1, 2, 2, 1)));
        outs.add(w.op("AvgPool", "avg_same", List.of(x), "ksize", A.ints(1, 3, 3, 1), "strides", A.ints(1, 2, 2, 1),
                "padding", A.s("SAME")));
        outs.add(w.op("MaxPool", "max_valid", List.of(x), "ksize", A.ints(1, 2, 2, 1), "strides",
                A.ints(1, 2, 2, 1), "padding", A.s("VALID")));
        w.constI("size_a", s(2), 5, 7);
        w.constI("size_b", s(2), 13, 6);
        w.constI("size_c", s(2), 18, 22);
        w.constI("size_d", s(2), 4, 5);
        w.constI("size_e", s(2), 7, 3);
        outs.add(w.op("ResizeBilinear", "rb_align", List.of(x, "size_a"), "align_corners", A.b(true),
                "half_pixel_centers", A.b(false)));
        outs.add(w.op("ResizeBilinear", "rb_half", List.of(x, "size_b"), "align_corners", A.b(false),
                "half_pixel_centers", A.b(true)));
        outs.add(w.op("ResizeBilinear", "rb_plain", List.of(x, "size_c"), "align_corners", A.b(false),
                "half_pixel_centers", A.b(false)));
        outs.add(w.op("ResizeNearestNeighbor", "rn_plain", List.of(x, "size_c"), "align_corners", A.b(false),
                "half_pixel_centers", A.b(false)));
        outs.add(w.op("ResizeNearestNeighbor", "rn_align", List.of(x, "size_d"), "align_corners", A.b(true),
                "half_pixel_centers", A.b(false)));
        outs.add(w.op("ResizeNearestNeighbor", "rn_half", List.of(x, "size_e"), "align_corners", A.b(false),
                "half_pixel_centers", A.b(true)));
        w.constI("pads", s(4, 2), 0, 0, 1, 2, 2, 1, 0, 0);
        outs.add(w.op("MirrorPad", "mirror", List.of(x, "pads"), "mode", A.s("REFLECT")));
        w.constF("pad_value", s(), -1.5f);
        outs.add(w.op("PadV2", "padv2", List.of(x, "pads", "pad_value")));
        Path model = w.write(ParityHarness.WORK_DIR.resolve("synthetic-spatial-src"), outs);
        ParityHarness.check("synthetic-spatial", model, null, 7);
    }

    @Test
    void tensorOps() throws Exception {
        TfjsGraphWriter w = new TfjsGraphWriter();
        List<String> outs = new ArrayList<>();
        String x = w.placeholder("x", 2, 6, 5);
        w.constI("ss1_b", s(3), 0, 1, 4);
        w.constI("ss1_e", s(3), 2, 5, 0);
        w.constI("ss1_s", s(3), 1, 2, -1);
        outs.add(w.op("StridedSlice", "ss_masks", List.of(x, "ss1_b", "ss1_e", "ss1_s"), "begin_mask", A.i(1),
                "end_mask", A.i(4), "ellipsis_mask", A.i(0), "new_axis_mask", A.i(0), "shrink_axis_mask", A.i(0)));
        w.constI("ss2_b", s(3), 1, 0, -1);
        w.constI("ss2_e", s(3), 2, 6, 0);
        w.constI("ss2_s", s(3), 1, 1, 1);
        outs.add(w.op("StridedSlice", "ss_shrink", List.of(x, "ss2_b", "ss2_e", "ss2_s"), "begin_mask", A.i(0),
                "end_mask", A.i(0), "ellipsis_mask", A.i(0), "new_axis_mask", A.i(0), "shrink_axis_mask", A.i(5)));
        w.constI("ss3_b", s(3), 0, 0, 1);
        w.constI("ss3_e", s(3), 0, 0, 3);
        w.constI("ss3_s", s(3), 1, 1, 1);
        outs.add(w.op("StridedSlice", "ss_ellipsis_newaxis", List.of(x, "ss3_b", "ss3_e", "ss3_s"), "begin_mask",
                A.i(0), "end_mask", A.i(0), "ellipsis_mask", A.i(1), "new_axis_mask", A.i(2), "shrink_axis_mask",
                A.i(0)));
        w.constI("sl_b", s(3), 0, 2, 1);
        w.constI("sl_s", s(3), -1, 3, -1);
        outs.add(w.op("Slice", "slice", List.of(x, "sl_b", "sl_s")));
        w.constI("sv_sizes", s(2), 2, -1);
        w.constI("axis1", s(), 1);
        w.op("SplitV", "splitv", List.of(x, "sv_sizes", "axis1"), "num_split", A.i(2));
        outs.add("splitv");
        outs.add("splitv:1");
        w.constI("axis0", s(), 0);
        w.op("Split", "split", List.of("axis0", x), "num_split", A.i(2));
        outs.add("split:1");
        outs.add(w.op("Pack", "pack", List.of("ss_shrink", "ss_shrink"), "axis", A.i(1), "N", A.i(2)));
        String sq = w.op("Squeeze", "squeeze", List.of("split:1"), "squeeze_dims", A.ints(0));
        w.constI("minus1", s(), -1);
        outs.add(w.op("ExpandDims", "expand", List.of(sq, "minus1")));
        w.constI("perm", s(3), 2, 0, 1);
        outs.add(w.op("Transpose", "transpose", List.of(x, "perm")));
        outs.add(w.op("ConcatV2", "concat", List.of(x, "transpose_back", "minus1"), "N", A.i(2)));
        w.constI("perm_back", s(3), 1, 2, 0);
        w.op("Transpose", "transpose_back", List.of("transpose", "perm_back"));
        w.constI("rs_shape", s(2), 3, -1);
        outs.add(w.op("Reshape", "reshape", List.of(x, "rs_shape")));
        w.op("Shape", "shape_of_x", List.of(x));
        outs.add(w.op("Reshape", "reshape_by_shape", List.of("transpose_back", "shape_of_x")));
        w.constI("gidx", s(2, 2), 4, 0, 1, 1);
        outs.add(w.op("GatherV2", "gather", List.of(x, "gidx", "axis1"), "batch_dims", A.i(0)));
        w.constI("k3", s(), 3);
        w.op("TopKV2", "topk", List.of(x, "k3"), "sorted", A.b(true));
        outs.add("topk");
        outs.add("topk:1");
        outs.add(w.op("Softmax", "softmax", List.of(x)));
        w.constI("ax02", s(2), 0, 2);
        outs.add(w.op("Mean", "mean_keep", List.of(x, "axis1"), "keep_dims", A.b(true)));
        outs.add(w.op("Sum", "sum", List.of(x, "ax02"), "keep_dims", A.b(false)));
        outs.add(w.op("Max", "max", List.of(x, "minus1"), "keep_dims", A.b(false)));
        outs.add(w.op("Min", "min", List.of(x, "axis1"), "keep_dims", A.b(false)));
        outs.add(w.op("Prod", "prod", List.of(x, "minus1"), "keep_dims", A.b(true)));
        w.constI("dims23", s(2), 2, 3);
        w.constF("two_and_half", s(), 2.5f);
        w.op("Fill", "fill", List.of("dims23", "two_and_half"));
        w.op("Reshape", "shrink_2x3", List.of("ss_shrink", "dims23"));
        outs.add(w.op("AddV2", "fill_add", List.of("shrink_2x3", "fill")));
        Path model = w.write(ParityHarness.WORK_DIR.resolve("synthetic-tensor-src"), outs);
        ParityHarness.check("synthetic-tensor", model, null, 11);
    }

    @Test
    void arithmeticOps() throws Exception {
        TfjsGraphWriter w = new TfjsGraphWriter();
        List<String> outs = new ArrayList<>();
        String x = w.placeholder("x", 3, 4);
        w.constF("ten", s(), 10f);
        w.constF("five", s(), 5f);
        w.constF("three", s(), 3f);
        w.constF("minus3", s(), -3f);
        w.constF("one", s(), 1f);
        w.constF("zero", s(), 0f);
        w.constF("half", s(), 0.5f);
        w.constF("minus2", s(), -2f);
        w.constF("two_and_half", s(), 2.5f);
        w.op("Mul", "x10", List.of(x, "ten"));
        String y = w.op("Sub", "y", List.of("x10", "five"));
        String x1 = w.op("AddV2", "x1", List.of(x, "one"));
        outs.add(w.op("FloorDiv", "floordiv_f", List.of(y, "three")));
        outs.add(w.op("FloorMod", "floormod_f", List.of(y, "three")));
        outs.add(w.op("FloorMod", "floormod_fneg", List.of(y, "minus3")));
        String yi = w.op("Cast", "yi", List.of(y), "SrcT", A.type("DT_FLOAT"), "DstT", A.type("DT_INT32"));
        w.constI("i3", s(), 3);
        w.constI("im3", s(), -3);
        w.constI("i2", s(), 2);
        w.constI("i1", s(), 1);
        outs.add(yi);
        outs.add(w.op("FloorDiv", "floordiv_i", List.of(yi, "i3")));
        outs.add(w.op("FloorDiv", "floordiv_ineg", List.of(yi, "im3")));
        outs.add(w.op("FloorMod", "floormod_i", List.of(yi, "i3")));
        outs.add(w.op("FloorMod", "floormod_ineg", List.of(yi, "im3")));
        outs.add(w.op("Div", "div_i", List.of(yi, "i2")));
        outs.add(w.op("Equal", "equal", List.of(yi, "i1")));
        outs.add(w.op("NotEqual", "not_equal", List.of(yi, "i1")));
        outs.add(w.op("GreaterEqual", "greater_equal", List.of(y, "half")));
        outs.add(w.op("LessEqual", "less_equal", List.of(y, "half")));
        String lt = w.op("Less", "less", List.of(y, "zero"));
        String gt = w.op("Greater", "greater", List.of(y, "minus2"));
        outs.add(w.op("LogicalAnd", "and", List.of(lt, gt)));
        outs.add(w.op("LogicalOr", "or", List.of(lt, "and")));
        outs.add(w.op("LogicalNot", "not", List.of(lt)));
        outs.add(w.op("Cast", "less_as_float", List.of(lt), "SrcT", A.type("DT_BOOL"), "DstT", A.type("DT_FLOAT")));
        outs.add(w.op("Maximum", "maximum", List.of(y, x)));
        outs.add(w.op("Minimum", "minimum", List.of(y, "zero")));
        outs.add(w.op("RealDiv", "realdiv", List.of(y, x1)));
        outs.add(w.op("SquaredDifference", "sqdiff", List.of(y, x)));
        outs.add(w.op("Pow", "pow", List.of(x1, "two_and_half")));
        for (String u : List.of("Neg", "Abs", "Exp", "Sigmoid", "Tanh", "Elu", "Relu", "Relu6", "Floor", "Ceil",
                "Round", "Square")) {
            outs.add(w.op(u, "u_" + u.toLowerCase(java.util.Locale.ROOT), List.of(y)));
        }
        outs.add(w.op("LeakyRelu", "u_leakyrelu", List.of(y), "alpha", A.f(0.1)));
        for (String u : List.of("Log", "Sqrt", "Rsqrt", "Reciprocal")) {
            outs.add(w.op(u, "u_" + u.toLowerCase(java.util.Locale.ROOT), List.of(x1)));
        }
        int[] codes = new int[5 * 4];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = random.nextInt(256);
        }
        w.constU8("wq", s(5, 4), -0.8, 0.00625, codes);
        outs.add(w.op("MatMul", "matmul_tb", List.of(x, "wq"), "transpose_a", A.b(false), "transpose_b", A.b(true)));
        w.constF("wm", s(4, 6), rand(24));
        w.constF("bm", s(6), rand(6));
        outs.add(w.op("_FusedMatMul", "fused_matmul", List.of(x, "wm", "bm"), "transpose_a", A.b(false),
                "transpose_b", A.b(false), "fused_ops", A.strs("BiasAdd", "Relu"), "num_args", A.i(1)));
        w.constI("s143", s(3), 1, 4, 3);
        w.op("Reshape", "xr", List.of(x, "s143"));
        outs.add(w.op("BatchMatMulV2", "bmm_adjx", List.of("xr", "xr"), "adj_x", A.b(true), "adj_y", A.b(false)));
        w.constI("sp_idx", s(2, 1), 0, 2);
        w.constI("sp_shape", s(1), 4);
        w.constF("sp_vals", s(2), 1.5f, -2f);
        w.constF("sp_default", s(), 0.25f);
        w.op("SparseToDense", "sparse", List.of("sp_idx", "sp_shape", "sp_vals", "sp_default"),
                "validate_indices", A.b(true));
        outs.add(w.op("AddV2", "sparse_add", List.of(x, "sparse")));
        Path model = w.write(ParityHarness.WORK_DIR.resolve("synthetic-arith-src"), outs);
        ParityHarness.check("synthetic-arith", model, null, 5);
    }
}
