package dev.openrecog.modelconverter;

import dev.openrecog.modelconverter.OnnxGraph.Attr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Converts a {@link TfjsModel} into an ONNX graph at opset {@value #OPSET}.
 *
 * <p>Layout: tensors stay NHWC as in TensorFlow. Each convolution, pooling and resize is wrapped in a pair of
 * Transposes (NHWC to NCHW and back), which ONNX Runtime's transpose optimizer cancels out between neighbouring
 * ops. The graph inputs and outputs therefore have exactly the TF.js shapes.
 *
 * <p>Types: TF.js has only float32, int32 and bool at run time (int64 is int32 there), so the ONNX graph carries
 * the same types; int64 appears only where ONNX demands it (shapes, axes, pads, TopK's k), and TopK's int64
 * indices are cast back to int32.
 *
 * <p>Constants: operands that ONNX needs as constants (filters, shapes, axes, paddings, perms, sizes) must be
 * constant in the TF graph, possibly after folding; nodes whose inputs are all constant are folded when the op
 * is one {@link Fold} implements.
 */
public final class Converter {
    public static final int OPSET = 17;

    /** The ops this converter maps (Const and Placeholder included). */
    public static final Set<String> SUPPORTED_OPS = Set.copyOf(new TreeSet<>(Arrays.asList(
            "Const", "Placeholder", "PlaceholderWithDefault", "Identity", "StopGradient", "Snapshot",
            "Conv2D", "_FusedConv2D", "DepthwiseConv2dNative", "FusedDepthwiseConv2dNative",
            "MatMul", "BatchMatMul", "BatchMatMulV2", "_FusedMatMul",
            "MaxPool", "AvgPool", "ResizeBilinear", "ResizeNearestNeighbor",
            "Relu", "Relu6", "Elu", "LeakyRelu", "Prelu", "Sigmoid", "Tanh", "Softmax",
            "Abs", "Neg", "Exp", "Log", "Sqrt", "Rsqrt", "Square", "Floor", "Ceil", "Round", "Reciprocal",
            "Add", "AddV2", "Sub", "Mul", "RealDiv", "Div", "FloorDiv", "FloorMod", "Maximum", "Minimum", "Pow",
            "SquaredDifference", "Equal", "NotEqual", "Less", "LessEqual", "Greater", "GreaterEqual",
            "LogicalAnd", "LogicalOr", "LogicalNot",
            "Mean", "Sum", "Max", "Min", "Prod",
            "Pad", "PadV2", "MirrorPad", "ConcatV2", "Pack", "Reshape", "Transpose", "Squeeze", "ExpandDims",
            "StridedSlice", "Slice", "SplitV", "Split", "GatherV2", "TopKV2", "Cast", "Shape", "Fill",
            "SparseToDense")));

    private static final long[] TO_NCHW = {0, 3, 1, 2};
    private static final long[] TO_NHWC = {0, 2, 3, 1};

    /** A TF tensor as it exists in the ONNX graph (or as a constant not yet written). */
    private static final class Value {
        final DType type;
        final long[] shape;
        final Tensor constant;
        String onnx;
        final String hint;

        Value(DType type, long[] shape, Tensor constant, String onnx, String hint) {
            this.type = type;
            this.shape = shape;
            this.constant = constant;
            this.onnx = onnx;
            this.hint = hint;
        }

        static Value constant(Tensor t, String hint) {
            return new Value(t.type(), t.shape(), t, null, hint);
        }

        int rank() {
            return shape == null ? -1 : shape.length;
        }
    }

    private final TfjsModel model;
    private final OnnxGraph g;
    private final Map<String, Value> values = new HashMap<>();
    private final Set<String> tfNodeNames = new HashSet<>();

    private Converter(TfjsModel model, String graphName) {
        this.model = model;
        this.g = new OnnxGraph(graphName);
    }

    /** Converts the model; the graph keeps the TF.js input and output names (a {@code :0} suffix dropped). */
    public static OnnxGraph convert(TfjsModel model, String graphName) {
        Converter c = new Converter(model, graphName);
        c.run();
        return c.g;
    }

    // ---------------------------------------------------------------- driver

    private void run() {
        for (String n : model.nodes().keySet()) {
            g.reserve(n);
            tfNodeNames.add(n);
        }
        List<String> outputs = new ArrayList<>(new LinkedHashSet<>(model.outputs()));
        for (TfjsModel.Node n : topoOrder(outputs)) {
            try {
                convertNode(n);
            } catch (UnsupportedOpException e) {
                throw e;
            } catch (ConversionException e) {
                throw new ConversionException(e.getMessage() + " [at " + n + "]", e);
            } catch (RuntimeException e) {
                throw new ConversionException("failed to convert " + n + ": " + e, e);
            }
        }
        for (String out : outputs) {
            String name = TfjsModel.canonical(out);
            Value v = values.get(name);
            if (v == null) {
                throw new ConversionException("output " + out + " was not produced (no such node output)");
            }
            if (v.onnx == null) {
                v.onnx = g.initializer(name + "__const", v.constant);
            }
            if (!v.onnx.equals(name)) {
                // A folded constant: give the output its own name.
                if (TfjsModel.outputIndex(name) != 0) {
                    g.reserve(name);
                }
                g.node("Identity", name, List.of(v.onnx), List.of(name));
            }
            g.output(name, v.type, v.shape);
        }
    }

    /** Nodes needed for {@code outputs}, inputs before consumers. */
    private List<TfjsModel.Node> topoOrder(List<String> outputs) {
        Map<String, TfjsModel.Node> nodes = model.nodes();
        List<TfjsModel.Node> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> onStack = new HashSet<>();
        Deque<Object[]> stack = new ArrayDeque<>();
        for (String out : outputs) {
            String start = TfjsModel.nodeName(out);
            if (!nodes.containsKey(start)) {
                throw new ConversionException("output " + out + " names no node of the graph");
            }
            if (done.contains(start)) {
                continue;
            }
            stack.push(new Object[] {start, 0});
            onStack.add(start);
            while (!stack.isEmpty()) {
                Object[] top = stack.peek();
                TfjsModel.Node n = nodes.get((String) top[0]);
                int next = (Integer) top[1];
                if (next < n.inputs.size()) {
                    top[1] = next + 1;
                    String dep = TfjsModel.nodeName(n.inputs.get(next));
                    if (!nodes.containsKey(dep)) {
                        throw new ConversionException(n + " reads " + n.inputs.get(next) + ", which no node makes");
                    }
                    if (done.contains(dep)) {
                        continue;
                    }
                    if (!onStack.add(dep)) {
                        throw new ConversionException("cycle through " + n + " (control flow is not supported)");
                    }
                    stack.push(new Object[] {dep, 0});
                } else {
                    stack.pop();
                    onStack.remove(n.name);
                    done.add(n.name);
                    order.add(n);
                }
            }
        }
        return order;
    }

    // ---------------------------------------------------------------- helpers

    private Value in(TfjsModel.Node n, int i) {
        if (i >= n.inputs.size()) {
            throw new ConversionException(n + " has " + n.inputs.size() + " inputs, needs at least " + (i + 1));
        }
        String name = TfjsModel.canonical(n.inputs.get(i));
        Value v = values.get(name);
        if (v == null) {
            throw new ConversionException(n + " reads " + name + ", which its producer does not output");
        }
        return v;
    }

    private Tensor constIn(TfjsModel.Node n, int i, String what) {
        Value v = in(n, i);
        if (v.constant == null) {
            throw new UnsupportedOpException(n.op, n.name, "input " + i + " (" + what
                    + ") must be a constant (or fold to one), it is computed at run time");
        }
        return v.constant;
    }

    private boolean allConst(TfjsModel.Node n) {
        for (int i = 0; i < n.inputs.size(); i++) {
            if (in(n, i).constant == null) {
                return false;
            }
        }
        return true;
    }

    /** The ONNX name of a value, writing a constant as an initializer the first time it is used. */
    private String ref(Value v) {
        if (v.onnx == null) {
            String base = v.hint;
            // The TF node name of a Const is reserved and unused: take it as is.
            if (tfNodeNames.contains(base) && !g.initializers().containsKey(base) && !used.contains(base)) {
                used.add(base);
                v.onnx = base;
                g.initializerExact(base, v.constant);
            } else {
                v.onnx = g.initializer(base + "__const", v.constant);
            }
        }
        return v.onnx;
    }

    private final Set<String> used = new HashSet<>();

    private static String tensorName(TfjsModel.Node n, int k) {
        return k == 0 ? n.name : n.name + ":" + k;
    }

    /** Reserves the ONNX name of output k of node n. */
    private String outName(TfjsModel.Node n, int k) {
        String name = tensorName(n, k);
        if (k != 0) {
            g.reserve(name);
        }
        used.add(n.name);
        return name;
    }

    private void define(TfjsModel.Node n, int k, Value v) {
        values.put(tensorName(n, k), v);
    }

    private void defineConst(TfjsModel.Node n, int k, Tensor t) {
        define(n, k, Value.constant(t, tensorName(n, k)));
    }

    /** Emits the final node of a TF node, producing its output k. */
    private Value emit(TfjsModel.Node n, int k, String op, DType type, long[] shape, List<String> ins,
            Attr... attrs) {
        String out = outName(n, k);
        g.node(op, out, ins, List.of(out), attrs);
        Value v = new Value(type, shape, null, out, out);
        define(n, k, v);
        return v;
    }

    /** Emits a helper node with a fresh output name; returns that name. */
    private String tmp(TfjsModel.Node n, String op, List<String> ins, Attr... attrs) {
        String out = g.fresh(n.name + "__" + op.toLowerCase(Locale.ROOT));
        g.node(op, out, ins, List.of(out), attrs);
        return out;
    }

    private String i64(TfjsModel.Node n, String label, long... v) {
        return g.initializer(n.name + "__" + label, Tensor.ofLongs(new long[] {v.length}, v));
    }

    private String f32(TfjsModel.Node n, String label, float v) {
        return g.initializer(n.name + "__" + label, Tensor.ofFloats(new long[0], v));
    }

    private static UnsupportedOpException unsupported(TfjsModel.Node n, String detail) {
        return new UnsupportedOpException(n.op, n.name, detail);
    }

    private static long[] withDim(long[] shape, int i, long d) {
        long[] s = shape.clone();
        s[i] = d;
        return s;
    }

    // ---------------------------------------------------------------- dispatch

    private void convertNode(TfjsModel.Node n) {
        switch (n.op) {
            case "Const": {
                Tensor t = model.weights().get(n.name);
                if (t == null) {
                    throw new ConversionException("Const node '" + n.name + "' has no weight in the manifest");
                }
                define(n, 0, Value.constant(t, n.name));
                return;
            }
            case "Placeholder":
            case "PlaceholderWithDefault": {
                DType t = n.attrType("dtype", DType.FLOAT);
                long[] shape = n.attrShape("shape");
                used.add(n.name);
                g.input(n.name, t, shape);
                define(n, 0, new Value(t, shape, null, n.name, n.name));
                return;
            }
            case "Identity":
            case "StopGradient":
            case "Snapshot": {
                Value x = in(n, 0);
                if (x.constant != null) {
                    defineConst(n, 0, x.constant);
                } else {
                    emit(n, 0, "Identity", x.type, x.shape, List.of(ref(x)));
                }
                return;
            }
            case "Conv2D":
            case "_FusedConv2D":
                conv(n, false);
                return;
            case "DepthwiseConv2dNative":
            case "FusedDepthwiseConv2dNative":
                conv(n, true);
                return;
            case "MatMul":
            case "BatchMatMul":
            case "BatchMatMulV2":
            case "_FusedMatMul":
                matMul(n);
                return;
            case "MaxPool":
            case "AvgPool":
                pool(n);
                return;
            case "ResizeBilinear":
            case "ResizeNearestNeighbor":
                resize(n);
                return;
            case "Relu":
            case "Sigmoid":
            case "Tanh":
            case "Abs":
            case "Neg":
            case "Exp":
            case "Log":
            case "Sqrt":
            case "Floor":
            case "Ceil":
            case "Round":
            case "Reciprocal": {
                Value x = in(n, 0);
                emit(n, 0, n.op, x.type, x.shape, List.of(ref(x)));
                return;
            }
            case "Elu": {
                Value x = in(n, 0);
                emit(n, 0, "Elu", x.type, x.shape, List.of(ref(x)), Attr.f("alpha", 1f));
                return;
            }
            case "Relu6": {
                Value x = in(n, 0);
                emit(n, 0, "Clip", x.type, x.shape, List.of(ref(x), f32(n, "min", 0f), f32(n, "max", 6f)));
                return;
            }
            case "LeakyRelu": {
                Value x = in(n, 0);
                emit(n, 0, "LeakyRelu", x.type, x.shape, List.of(ref(x)), Attr.f("alpha", n.attrFloat("alpha", 0.2f)));
                return;
            }
            case "Prelu": {
                Value x = in(n, 0);
                Value a = in(n, 1);
                emit(n, 0, "PRelu", x.type, x.shape, List.of(ref(x), ref(a)));
                return;
            }
            case "Rsqrt": {
                Value x = in(n, 0);
                String s = tmp(n, "Sqrt", List.of(ref(x)));
                emit(n, 0, "Reciprocal", x.type, x.shape, List.of(s));
                return;
            }
            case "Square": {
                Value x = in(n, 0);
                emit(n, 0, "Mul", x.type, x.shape, List.of(ref(x), ref(x)));
                return;
            }
            case "Softmax": {
                Value x = in(n, 0);
                emit(n, 0, "Softmax", x.type, x.shape, List.of(ref(x)), Attr.i("axis", -1));
                return;
            }
            case "Add":
            case "AddV2":
            case "Sub":
            case "Mul":
            case "RealDiv":
            case "Div":
            case "FloorDiv":
            case "FloorMod":
            case "Maximum":
            case "Minimum":
            case "Pow":
            case "SquaredDifference":
                binary(n);
                return;
            case "Equal":
            case "NotEqual":
            case "Less":
            case "LessEqual":
            case "Greater":
            case "GreaterEqual":
            case "LogicalAnd":
            case "LogicalOr":
                compare(n);
                return;
            case "LogicalNot": {
                Value x = in(n, 0);
                emit(n, 0, "Not", DType.BOOL, x.shape, List.of(ref(x)));
                return;
            }
            case "Mean":
            case "Sum":
            case "Max":
            case "Min":
            case "Prod":
                reduce(n);
                return;
            case "Pad":
            case "PadV2":
            case "MirrorPad":
                pad(n);
                return;
            case "ConcatV2":
                concat(n);
                return;
            case "Pack":
                pack(n);
                return;
            case "Reshape":
                reshape(n);
                return;
            case "Transpose":
                transpose(n);
                return;
            case "Squeeze":
                squeeze(n);
                return;
            case "ExpandDims":
                expandDims(n);
                return;
            case "StridedSlice":
                stridedSlice(n);
                return;
            case "Slice":
                slice(n);
                return;
            case "SplitV":
            case "Split":
                split(n);
                return;
            case "GatherV2":
                gather(n);
                return;
            case "TopKV2":
                topK(n);
                return;
            case "Cast":
                cast(n);
                return;
            case "Shape":
                shape(n);
                return;
            case "Fill": {
                if (!allConst(n)) {
                    throw unsupported(n, "Fill with a run-time shape or value");
                }
                long[] dims = constIn(n, 0, "dims").toLongs();
                Tensor value = constIn(n, 1, "value");
                Tensor t = Fold.sparseToDense(Tensor.ofInts(new long[] {0, dims.length}), Tensor.ofLongs(
                        new long[] {dims.length}, dims), value, value, n.name);
                defineConst(n, 0, t);
                return;
            }
            case "SparseToDense": {
                if (!allConst(n)) {
                    throw unsupported(n, "SparseToDense is converted only when all its operands are constant");
                }
                defineConst(n, 0, Fold.sparseToDense(constIn(n, 0, "indices"), constIn(n, 1, "output_shape"),
                        constIn(n, 2, "values"), constIn(n, 3, "default_value"), n.name));
                return;
            }
            default:
                throw unsupported(n, "no ONNX mapping; supported ops: " + new TreeSet<>(SUPPORTED_OPS));
        }
    }

    // ---------------------------------------------------------------- convolution family

    private static final class Padding {
        long[] pads; // ONNX [top, left, bottom, right], or null for auto_pad
        String autoPad;
        long outH;
        long outW;
    }

    /** TF padding (SAME, VALID, EXPLICIT) for the two spatial dims of an NHWC input. */
    private static Padding padding(TfjsModel.Node n, long[] xShape, long kh, long kw, long sh, long sw, long dh,
            long dw) {
        String mode = n.attrString("padding", "VALID");
        long inH = xShape == null ? -1 : xShape[1];
        long inW = xShape == null ? -1 : xShape[2];
        long ekh = (kh - 1) * dh + 1;
        long ekw = (kw - 1) * dw + 1;
        Padding p = new Padding();
        switch (mode) {
            case "SAME": {
                if (inH < 0 || inW < 0) {
                    p.autoPad = "SAME_UPPER"; // same split as TF: the extra pixel goes after
                    p.outH = inH < 0 ? -1 : ceilDiv(inH, sh);
                    p.outW = inW < 0 ? -1 : ceilDiv(inW, sw);
                    return p;
                }
                p.outH = ceilDiv(inH, sh);
                p.outW = ceilDiv(inW, sw);
                long th = Math.max((p.outH - 1) * sh + ekh - inH, 0);
                long tw = Math.max((p.outW - 1) * sw + ekw - inW, 0);
                p.pads = new long[] {th / 2, tw / 2, th - th / 2, tw - tw / 2};
                return p;
            }
            case "VALID":
                p.pads = new long[] {0, 0, 0, 0};
                break;
            case "EXPLICIT": {
                long[] e = n.attrInts("explicit_paddings");
                if (e == null || e.length != 8) {
                    throw unsupported(n, "EXPLICIT padding needs 8 explicit_paddings");
                }
                if (e[0] != 0 || e[1] != 0 || e[6] != 0 || e[7] != 0) {
                    throw unsupported(n, "explicit padding of the batch or channel dimension");
                }
                p.pads = new long[] {e[2], e[4], e[3], e[5]};
                break;
            }
            default:
                throw unsupported(n, "padding mode " + mode);
        }
        p.outH = inH < 0 ? -1 : (inH + p.pads[0] + p.pads[2] - ekh) / sh + 1;
        p.outW = inW < 0 ? -1 : (inW + p.pads[1] + p.pads[3] - ekw) / sw + 1;
        return p;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static void requireNhwc(TfjsModel.Node n) {
        String fmt = n.attrString("data_format", "NHWC");
        if (!fmt.equals("NHWC")) {
            throw unsupported(n, "data_format " + fmt + " (only NHWC)");
        }
    }

    private static void requireRank(TfjsModel.Node n, Value x, int rank) {
        if (x.shape != null && x.shape.length != rank) {
            throw unsupported(n, "input of rank " + x.shape.length + ", expected " + rank);
        }
    }

    private void conv(TfjsModel.Node n, boolean depthwise) {
        requireNhwc(n);
        Value x = in(n, 0);
        requireRank(n, x, 4);
        Tensor f = constIn(n, 1, "filter");
        if (f.type() != DType.FLOAT || f.rank() != 4) {
            throw unsupported(n, "filter must be a float32 4-D constant");
        }
        long[] fs = f.shape();
        long kh = fs[0];
        long kw = fs[1];
        long[] strides = orDefault(n.attrInts("strides"), new long[] {1, 1, 1, 1});
        long[] dil = orDefault(n.attrInts("dilations"), new long[] {1, 1, 1, 1});
        Padding p = padding(n, x.shape, kh, kw, strides[1], strides[2], dil[1], dil[2]);

        Tensor w;
        long group;
        long outC;
        if (depthwise) {
            long cin = fs[2];
            long mult = fs[3];
            w = Fold.transpose(f, new long[] {2, 3, 0, 1}).reshape(new long[] {cin * mult, 1, kh, kw});
            group = cin;
            outC = cin * mult;
        } else {
            w = Fold.transpose(f, new long[] {3, 2, 0, 1});
            outC = fs[3];
            long inC = x.shape == null ? -1 : x.shape[3];
            group = inC > 0 ? inC / fs[2] : 1;
            if (inC > 0 && inC % fs[2] != 0) {
                throw new ConversionException("input channels " + inC + " not a multiple of filter depth " + fs[2]);
            }
        }

        // Fused ops (TF.js: [BiasAdd, activation] or [activation]; args follow the filter).
        List<String> fused = new ArrayList<>();
        for (String s : n.attrStrings("fused_ops")) {
            fused.add(TfjsModel.lower(s));
        }
        Value bias = null;
        Value preluAlpha = null;
        String activation = null;
        if (!fused.isEmpty()) {
            int arg = 2;
            int at = 0;
            if (fused.get(0).equals("biasadd")) {
                bias = in(n, arg++);
                at = 1;
            } else if (fused.get(0).equals("fusedbatchnorm")) {
                throw unsupported(n, "fused FusedBatchNorm (TF.js does not run it either)");
            }
            if (fused.size() > at) {
                activation = fused.get(at);
                if (activation.equals("prelu")) {
                    preluAlpha = in(n, arg);
                }
            }
            if (fused.size() > at + 1) {
                throw unsupported(n, "fused_ops " + fused);
            }
        }

        String wName = g.initializer(n.name + "__filter_oihw", w);
        List<String> convIns = new ArrayList<>(List.of(tmp(n, "Transpose", List.of(ref(x)),
                Attr.ints("perm", TO_NCHW)), wName));
        if (bias != null && bias.constant != null && bias.constant.rank() == 1 && bias.constant.size() == outC) {
            convIns.add(ref(bias));
            bias = null;
        }
        List<Attr> attrs = new ArrayList<>();
        attrs.add(Attr.ints("kernel_shape", kh, kw));
        attrs.add(Attr.ints("strides", strides[1], strides[2]));
        attrs.add(Attr.ints("dilations", dil[1], dil[2]));
        attrs.add(Attr.i("group", group));
        if (p.pads != null) {
            attrs.add(Attr.ints("pads", p.pads));
        } else {
            attrs.add(Attr.s("auto_pad", p.autoPad));
        }
        String y = tmp(n, "Conv", convIns, attrs.toArray(new Attr[0]));
        long[] outShape = {x.shape == null ? -1 : x.shape[0], p.outH, p.outW, outC};
        List<String[]> post = new ArrayList<>();
        post.add(new String[] {"Transpose"});
        if (bias != null) {
            post.add(new String[] {"Add", ref(bias)});
        }
        if (activation != null) {
            post.add(activationStep(n, activation, preluAlpha));
        }
        chain(n, y, post, DType.FLOAT, outShape, TO_NHWC);
    }

    /** One post-op of a fused conv or matmul: op type then extra inputs. */
    private String[] activationStep(TfjsModel.Node n, String activation, Value preluAlpha) {
        switch (activation) {
            case "relu":
                return new String[] {"Relu"};
            case "relu6":
                return new String[] {"Clip", f32(n, "min", 0f), f32(n, "max", 6f)};
            case "elu":
                return new String[] {"Elu"};
            case "sigmoid":
                return new String[] {"Sigmoid"};
            case "tanh":
                return new String[] {"Tanh"};
            case "leakyrelu":
                return new String[] {"LeakyRelu"};
            case "prelu":
                return new String[] {"PRelu", ref(preluAlpha)};
            default:
                throw unsupported(n, "fused activation " + activation);
        }
    }

    /** Applies post-ops to {@code start}; the last one writes the node's output 0. */
    private void chain(TfjsModel.Node n, String start, List<String[]> steps, DType type, long[] shape,
            long[] transposePerm) {
        String cur = start;
        for (int i = 0; i < steps.size(); i++) {
            String[] s = steps.get(i);
            List<String> ins = new ArrayList<>();
            ins.add(cur);
            ins.addAll(Arrays.asList(s).subList(1, s.length));
            Attr[] attrs;
            switch (s[0]) {
                case "Transpose":
                    attrs = new Attr[] {Attr.ints("perm", transposePerm)};
                    break;
                case "LeakyRelu":
                    attrs = new Attr[] {Attr.f("alpha", n.attrFloat("leakyrelu_alpha", 0.2f))};
                    break;
                case "Elu":
                    attrs = new Attr[] {Attr.f("alpha", 1f)};
                    break;
                default:
                    attrs = new Attr[0];
                    break;
            }
            if (i == steps.size() - 1) {
                emit(n, 0, s[0], type, shape, ins, attrs);
            } else {
                cur = tmp(n, s[0], ins, attrs);
            }
        }
    }

    private static long[] orDefault(long[] v, long[] dflt) {
        return v == null || v.length == 0 ? dflt : v;
    }

    private void matMul(TfjsModel.Node n) {
        Value a = in(n, 0);
        Value b = in(n, 1);
        boolean ta = n.attrBool("transpose_a", false) || n.attrBool("adj_x", false);
        boolean tb = n.attrBool("transpose_b", false) || n.attrBool("adj_y", false);
        String an = ta ? swapLast(n, a) : ref(a);
        String bn = tb ? swapLast(n, b) : ref(b);
        long[] as = a.shape == null ? null : swapped(a.shape, ta);
        long[] bs = b.shape == null ? null : swapped(b.shape, tb);
        long[] outShape = null;
        if (as != null && bs != null && as.length >= 2 && bs.length >= 2) {
            long[] batch = Shapes.broadcast(Arrays.copyOf(as, as.length - 2), Arrays.copyOf(bs, bs.length - 2),
                    n.name);
            outShape = Arrays.copyOf(batch, batch.length + 2);
            outShape[batch.length] = as[as.length - 2];
            outShape[batch.length + 1] = bs[bs.length - 1];
        }
        List<String> fused = new ArrayList<>();
        for (String s : n.attrStrings("fused_ops")) {
            fused.add(TfjsModel.lower(s));
        }
        if (fused.isEmpty()) {
            emit(n, 0, "MatMul", a.type, outShape, List.of(an, bn));
            return;
        }
        String y = tmp(n, "MatMul", List.of(an, bn));
        List<String[]> post = new ArrayList<>();
        int arg = 2;
        int at = 0;
        if (fused.get(0).equals("biasadd")) {
            post.add(new String[] {"Add", ref(in(n, arg++))});
            at = 1;
        }
        if (fused.size() > at + 1) {
            throw unsupported(n, "fused_ops " + fused);
        }
        if (fused.size() > at) {
            String act = fused.get(at);
            post.add(activationStep(n, act, act.equals("prelu") ? in(n, arg) : null));
        }
        chain(n, y, post, a.type, outShape, null);
    }

    private static long[] swapped(long[] s, boolean swap) {
        if (!swap) {
            return s;
        }
        long[] r = s.clone();
        r[s.length - 1] = s[s.length - 2];
        r[s.length - 2] = s[s.length - 1];
        return r;
    }

    private String swapLast(TfjsModel.Node n, Value v) {
        if (v.shape == null) {
            throw unsupported(n, "transposed operand of unknown rank");
        }
        int r = v.shape.length;
        long[] perm = new long[r];
        for (int i = 0; i < r; i++) {
            perm[i] = i;
        }
        perm[r - 1] = r - 2;
        perm[r - 2] = r - 1;
        return tmp(n, "Transpose", List.of(ref(v)), Attr.ints("perm", perm));
    }

    private void pool(TfjsModel.Node n) {
        requireNhwc(n);
        Value x = in(n, 0);
        requireRank(n, x, 4);
        long[] k = n.attrInts("ksize");
        long[] s = orDefault(n.attrInts("strides"), new long[] {1, 1, 1, 1});
        if (k == null || k.length != 4 || k[0] != 1 || k[3] != 1 || s[0] != 1 || s[3] != 1) {
            throw unsupported(n, "ksize/strides must be [1, h, w, 1]");
        }
        Padding p = padding(n, x.shape, k[1], k[2], s[1], s[2], 1, 1);
        List<Attr> attrs = new ArrayList<>();
        attrs.add(Attr.ints("kernel_shape", k[1], k[2]));
        attrs.add(Attr.ints("strides", s[1], s[2]));
        if (p.pads != null) {
            attrs.add(Attr.ints("pads", p.pads));
        } else {
            attrs.add(Attr.s("auto_pad", p.autoPad));
        }
        String op = "MaxPool";
        if (n.op.equals("AvgPool")) {
            op = "AveragePool";
            attrs.add(Attr.i("count_include_pad", 0)); // TF averages over the valid pixels only
        }
        String xt = tmp(n, "Transpose", List.of(ref(x)), Attr.ints("perm", TO_NCHW));
        String y = tmp(n, op, List.of(xt), attrs.toArray(new Attr[0]));
        long c = x.shape == null ? -1 : x.shape[3];
        emit(n, 0, "Transpose", x.type, new long[] {x.shape == null ? -1 : x.shape[0], p.outH, p.outW, c},
                List.of(y), Attr.ints("perm", TO_NHWC));
    }

    private void resize(TfjsModel.Node n) {
        Value x = in(n, 0);
        requireRank(n, x, 4);
        long[] size = constIn(n, 1, "size").toLongs();
        if (size.length != 2) {
            throw unsupported(n, "size must hold 2 values");
        }
        boolean alignCorners = n.attrBool("align_corners", false);
        boolean halfPixel = n.attrBool("half_pixel_centers", false);
        boolean bilinear = n.op.equals("ResizeBilinear");
        List<Attr> attrs = new ArrayList<>();
        attrs.add(Attr.s("mode", bilinear ? "linear" : "nearest"));
        String ctm;
        if (alignCorners) {
            ctm = "align_corners";
        } else if (halfPixel) {
            ctm = bilinear ? "half_pixel" : "tf_half_pixel_for_nn";
        } else {
            ctm = "asymmetric";
        }
        attrs.add(Attr.s("coordinate_transformation_mode", ctm));
        if (!bilinear) {
            attrs.add(Attr.s("nearest_mode", alignCorners ? "round_prefer_ceil" : "floor"));
        }
        String xt = tmp(n, "Transpose", List.of(ref(x)), Attr.ints("perm", TO_NCHW));
        String sizes;
        long batch = x.shape == null ? -1 : x.shape[0];
        long c = x.shape == null ? -1 : x.shape[3];
        if (batch >= 0 && c >= 0) {
            sizes = i64(n, "sizes", batch, c, size[0], size[1]);
        } else {
            String nc = tmp(n, "Shape", List.of(xt), Attr.i("start", 0), Attr.i("end", 2));
            sizes = tmp(n, "Concat", List.of(nc, i64(n, "hw", size[0], size[1])), Attr.i("axis", 0));
        }
        String y = tmp(n, "Resize", List.of(xt, "", "", sizes), attrs.toArray(new Attr[0]));
        emit(n, 0, "Transpose", x.type, new long[] {batch, size[0], size[1], c}, List.of(y),
                Attr.ints("perm", TO_NHWC));
    }

    // ---------------------------------------------------------------- element-wise

    private void binary(TfjsModel.Node n) {
        Value a = in(n, 0);
        Value b = in(n, 1);
        if (a.type != b.type) {
            throw new ConversionException("operand types differ: " + a.type + " and " + b.type);
        }
        String op = n.op;
        if (op.equals("Div")) {
            op = a.type == DType.FLOAT ? "RealDiv" : "FloorDiv"; // TF.js div on int32 floors
        }
        if (a.constant != null && b.constant != null && Fold.canFoldBinary(op)) {
            defineConst(n, 0, Fold.binary(op, a.constant, b.constant, n.name));
            return;
        }
        long[] shape = Shapes.broadcast(a.shape, b.shape, n.name);
        if ((op.equals("Maximum") || op.equals("Minimum")) && a.type == DType.FLOAT) {
            // max(x, c) / min(x, c) with a scalar c is Clip(x, c, -) / Clip(x, -, c): same values, and ONNX
            // Runtime fuses Clip into the preceding Conv (clip_by_value, Relu6 written as Minimum and Maximum).
            Value scalar = isScalarConst(b) ? b : isScalarConst(a) ? a : null;
            Value other = scalar == b ? a : b;
            if (scalar != null && other.shape != null && java.util.Arrays.equals(shape, other.shape)) {
                String c = f32(n, "bound", scalar.constant.floats()[0]);
                List<String> ins = op.equals("Maximum") ? List.of(ref(other), c) : List.of(ref(other), "", c);
                emit(n, 0, "Clip", a.type, shape, ins);
                return;
            }
        }
        String an = ref(a);
        String bn = ref(b);
        switch (op) {
            case "Add":
            case "AddV2":
                emit(n, 0, "Add", a.type, shape, List.of(an, bn));
                return;
            case "Sub":
                emit(n, 0, "Sub", a.type, shape, List.of(an, bn));
                return;
            case "Mul":
                emit(n, 0, "Mul", a.type, shape, List.of(an, bn));
                return;
            case "RealDiv":
                emit(n, 0, "Div", a.type, shape, List.of(an, bn));
                return;
            case "Maximum":
                emit(n, 0, "Max", a.type, shape, List.of(an, bn));
                return;
            case "Minimum":
                emit(n, 0, "Min", a.type, shape, List.of(an, bn));
                return;
            case "Pow":
                emit(n, 0, "Pow", a.type, shape, List.of(an, bn));
                return;
            case "SquaredDifference": {
                String d = tmp(n, "Sub", List.of(an, bn));
                emit(n, 0, "Mul", a.type, shape, List.of(d, d));
                return;
            }
            case "FloorDiv":
                if (a.type == DType.FLOAT) {
                    String q = tmp(n, "Div", List.of(an, bn));
                    emit(n, 0, "Floor", a.type, shape, List.of(q));
                } else {
                    // Exact floor division of integers: (a - floormod(a, b)) / b divides exactly.
                    String m = tmp(n, "Mod", List.of(an, bn), Attr.i("fmod", 0));
                    String d = tmp(n, "Sub", List.of(an, m));
                    emit(n, 0, "Div", a.type, shape, List.of(d, bn));
                }
                return;
            case "FloorMod":
                if (a.type == DType.FLOAT) {
                    // TF.js: r = fmod(a, b); same signs ? r : fmod(r + b, b)
                    String r = tmp(n, "Mod", List.of(an, bn), Attr.i("fmod", 1));
                    String rb = tmp(n, "Add", List.of(r, bn));
                    String r2 = tmp(n, "Mod", List.of(rb, bn), Attr.i("fmod", 1));
                    String zero = f32(n, "zero", 0f);
                    String an0 = tmp(n, "Less", List.of(an, zero));
                    String bn0 = tmp(n, "Less", List.of(bn, zero));
                    String same = tmp(n, "Equal", List.of(an0, bn0));
                    emit(n, 0, "Where", a.type, shape, List.of(same, r, r2));
                } else {
                    emit(n, 0, "Mod", a.type, shape, List.of(an, bn), Attr.i("fmod", 0));
                }
                return;
            default:
                throw unsupported(n, null);
        }
    }

    private static boolean isScalarConst(Value v) {
        return v.constant != null && v.constant.type() == DType.FLOAT && v.constant.size() == 1;
    }

    private void compare(TfjsModel.Node n) {
        Value a = in(n, 0);
        Value b = in(n, 1);
        long[] shape = Shapes.broadcast(a.shape, b.shape, n.name);
        List<String> ins = List.of(ref(a), ref(b));
        switch (n.op) {
            case "Equal":
                emit(n, 0, "Equal", DType.BOOL, shape, ins);
                return;
            case "NotEqual":
                emit(n, 0, "Not", DType.BOOL, shape, List.of(tmp(n, "Equal", ins)));
                return;
            case "Less":
                emit(n, 0, "Less", DType.BOOL, shape, ins);
                return;
            case "LessEqual":
                emit(n, 0, "LessOrEqual", DType.BOOL, shape, ins);
                return;
            case "Greater":
                emit(n, 0, "Greater", DType.BOOL, shape, ins);
                return;
            case "GreaterEqual":
                emit(n, 0, "GreaterOrEqual", DType.BOOL, shape, ins);
                return;
            case "LogicalAnd":
                emit(n, 0, "And", DType.BOOL, shape, ins);
                return;
            default:
                emit(n, 0, "Or", DType.BOOL, shape, ins);
        }
    }

    private void reduce(TfjsModel.Node n) {
        Value x = in(n, 0);
        long[] axes = constIn(n, 1, "reduction_indices").toLongs();
        boolean keep = n.attrBool("keep_dims", false);
        if (axes.length == 0) {
            emit(n, 0, "Identity", x.type, x.shape, List.of(ref(x)));
            return;
        }
        if (x.shape == null) {
            throw unsupported(n, "input of unknown rank");
        }
        int rank = x.shape.length;
        boolean[] reduced = new boolean[rank];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = Shapes.axis(axes[i], rank, n.name);
            reduced[(int) axes[i]] = true;
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            if (!reduced[i]) {
                out.add(x.shape[i]);
            } else if (keep) {
                out.add(1L);
            }
        }
        long[] shape = out.stream().mapToLong(Long::longValue).toArray();
        Attr keepAttr = Attr.i("keepdims", keep ? 1 : 0);
        switch (n.op) {
            case "Sum": // axes is an input from opset 13 on
                emit(n, 0, "ReduceSum", x.type, shape, List.of(ref(x), i64(n, "axes", axes)), keepAttr);
                return;
            case "Mean":
                emit(n, 0, "ReduceMean", x.type, shape, List.of(ref(x)), Attr.ints("axes", axes), keepAttr);
                return;
            case "Max":
                emit(n, 0, "ReduceMax", x.type, shape, List.of(ref(x)), Attr.ints("axes", axes), keepAttr);
                return;
            case "Min":
                emit(n, 0, "ReduceMin", x.type, shape, List.of(ref(x)), Attr.ints("axes", axes), keepAttr);
                return;
            default:
                emit(n, 0, "ReduceProd", x.type, shape, List.of(ref(x)), Attr.ints("axes", axes), keepAttr);
        }
    }

    // ---------------------------------------------------------------- shape and layout

    private void pad(TfjsModel.Node n) {
        Value x = in(n, 0);
        Tensor pt = constIn(n, 1, "paddings");
        long[] p = pt.toLongs();
        int rank = (int) pt.shape()[0];
        if (pt.rank() != 2 || pt.shape()[1] != 2 || (x.shape != null && x.shape.length != rank)) {
            throw unsupported(n, "paddings must be [rank, 2]");
        }
        long[] pads = new long[2 * rank];
        long[] shape = x.shape == null ? null : x.shape.clone();
        for (int i = 0; i < rank; i++) {
            pads[i] = p[2 * i];
            pads[rank + i] = p[2 * i + 1];
            if (shape != null && shape[i] >= 0) {
                shape[i] += p[2 * i] + p[2 * i + 1];
            }
        }
        List<String> ins = new ArrayList<>(List.of(ref(x), i64(n, "pads", pads)));
        String mode = "constant";
        if (n.op.equals("PadV2")) {
            ins.add(ref(in(n, 2)));
        } else if (n.op.equals("MirrorPad")) {
            String m = n.attrString("mode", "REFLECT");
            if (!m.equals("REFLECT")) {
                throw unsupported(n, "MirrorPad mode " + m + " (only REFLECT maps to ONNX)");
            }
            mode = "reflect";
        }
        emit(n, 0, "Pad", x.type, shape, ins, Attr.s("mode", mode));
    }

    private void concat(TfjsModel.Node n) {
        int count = n.inputs.size() - 1;
        long axisRaw = constIn(n, count, "axis").scalarLong();
        List<Value> parts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            parts.add(in(n, i));
        }
        concatValues(n, parts, axisRaw);
    }

    private void concatValues(TfjsModel.Node n, List<Value> parts, long axisRaw) {
        Value first = parts.get(0);
        int rank = -1;
        for (Value v : parts) {
            if (v.shape != null) {
                rank = v.shape.length;
            }
        }
        if (rank < 0) {
            if (axisRaw < 0) {
                throw unsupported(n, "negative axis with operands of unknown rank");
            }
            List<String> ins = new ArrayList<>();
            for (Value v : parts) {
                ins.add(ref(v));
            }
            emit(n, 0, "Concat", first.type, null, ins, Attr.i("axis", axisRaw));
            return;
        }
        int axis = Shapes.axis(axisRaw, rank, n.name);
        boolean allConst = true;
        long[] shape = null;
        for (Value v : parts) {
            allConst &= v.constant != null;
            if (v.shape == null) {
                shape = null;
                break;
            }
            if (shape == null) {
                shape = v.shape.clone();
            } else {
                shape[axis] = shape[axis] < 0 || v.shape[axis] < 0 ? -1 : shape[axis] + v.shape[axis];
            }
        }
        if (allConst) {
            List<Tensor> ts = new ArrayList<>();
            for (Value v : parts) {
                ts.add(v.constant);
            }
            defineConst(n, 0, Fold.concat(ts, axis, n.name));
            return;
        }
        List<String> ins = new ArrayList<>();
        for (Value v : parts) {
            ins.add(ref(v));
        }
        emit(n, 0, "Concat", first.type, shape, ins, Attr.i("axis", axis));
    }

    private void pack(TfjsModel.Node n) {
        long axisRaw = n.attrInt("axis", 0);
        List<Value> parts = new ArrayList<>();
        for (int i = 0; i < n.inputs.size(); i++) {
            Value v = in(n, i);
            if (v.shape == null) {
                throw unsupported(n, "operand of unknown rank");
            }
            int axis = Shapes.axis(axisRaw, v.shape.length + 1, n.name);
            long[] s = insertDim(v.shape, axis);
            if (v.constant != null) {
                parts.add(Value.constant(v.constant.reshape(s), v.hint));
            } else {
                String u = tmp(n, "Unsqueeze", List.of(ref(v), i64(n, "axes", axis)));
                parts.add(new Value(v.type, s, null, u, u));
            }
        }
        concatValues(n, parts, axisRaw);
    }

    private static long[] insertDim(long[] shape, int axis) {
        long[] s = new long[shape.length + 1];
        for (int i = 0, j = 0; i < s.length; i++) {
            s[i] = i == axis ? 1 : shape[j++];
        }
        return s;
    }

    private void reshape(TfjsModel.Node n) {
        Value x = in(n, 0);
        Value sv = in(n, 1);
        if (sv.constant == null) {
            String s64 = tmp(n, "Cast", List.of(ref(sv)), Attr.i("to", DType.INT64.onnxCode));
            long[] shape = null;
            if (sv.shape != null && sv.shape.length == 1 && sv.shape[0] >= 0) {
                shape = new long[(int) sv.shape[0]];
                Arrays.fill(shape, -1);
            }
            emit(n, 0, "Reshape", x.type, shape, List.of(ref(x), s64));
            return;
        }
        long[] target = sv.constant.toLongs();
        long[] shape = resolveReshape(n, x.shape, target);
        if (x.constant != null && Shapes.known(shape)) {
            defineConst(n, 0, x.constant.reshape(shape));
            return;
        }
        boolean hasZero = false;
        for (long d : target) {
            hasZero |= d == 0;
        }
        if (hasZero) {
            emit(n, 0, "Reshape", x.type, shape, List.of(ref(x), i64(n, "shape", target)), Attr.i("allowzero", 1));
        } else {
            emit(n, 0, "Reshape", x.type, shape, List.of(ref(x), i64(n, "shape", target)));
        }
    }

    private static long[] resolveReshape(TfjsModel.Node n, long[] in, long[] target) {
        long[] out = target.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (unknown >= 0) {
                    throw new ConversionException("reshape target with two -1 dims");
                }
                unknown = i;
            } else {
                known *= out[i];
            }
        }
        if (unknown >= 0) {
            if (Shapes.known(in) && known > 0) {
                out[unknown] = Shapes.size(in) / known;
            }
        } else if (Shapes.known(in) && Shapes.size(in) != known) {
            throw new ConversionException("cannot reshape " + Shapes.str(in) + " to " + Arrays.toString(target));
        }
        return out;
    }

    private void transpose(TfjsModel.Node n) {
        Value x = in(n, 0);
        long[] perm = constIn(n, 1, "perm").toLongs();
        if (x.constant != null) {
            defineConst(n, 0, Fold.transpose(x.constant, perm));
            return;
        }
        emit(n, 0, "Transpose", x.type, Shapes.permute(x.shape, perm), List.of(ref(x)), Attr.ints("perm", perm));
    }

    private void squeeze(TfjsModel.Node n) {
        Value x = in(n, 0);
        long[] dims = n.has("squeeze_dims") ? n.attrInts("squeeze_dims") : n.attrInts("axis");
        if (x.shape == null) {
            throw unsupported(n, "input of unknown rank");
        }
        int rank = x.shape.length;
        Set<Integer> axes = new TreeSet<>();
        if (dims == null || dims.length == 0) {
            for (int i = 0; i < rank; i++) {
                if (x.shape[i] == 1) {
                    axes.add(i);
                } else if (x.shape[i] < 0) {
                    throw unsupported(n, "Squeeze of all unit dims with unknown dims in " + Shapes.str(x.shape));
                }
            }
        } else {
            for (long d : dims) {
                axes.add(Shapes.axis(d, rank, n.name));
            }
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            if (!axes.contains(i)) {
                out.add(x.shape[i]);
            }
        }
        long[] shape = out.stream().mapToLong(Long::longValue).toArray();
        if (x.constant != null) {
            defineConst(n, 0, x.constant.reshape(shape));
            return;
        }
        long[] ax = axes.stream().mapToLong(Integer::longValue).toArray();
        emit(n, 0, "Squeeze", x.type, shape, List.of(ref(x), i64(n, "axes", ax)));
    }

    private void expandDims(TfjsModel.Node n) {
        Value x = in(n, 0);
        long axisRaw = constIn(n, 1, "axis").scalarLong();
        if (x.shape == null) {
            throw unsupported(n, "input of unknown rank");
        }
        int axis = Shapes.axis(axisRaw, x.shape.length + 1, n.name);
        long[] shape = insertDim(x.shape, axis);
        if (x.constant != null) {
            defineConst(n, 0, x.constant.reshape(shape));
            return;
        }
        emit(n, 0, "Unsqueeze", x.type, shape, List.of(ref(x), i64(n, "axes", axis)));
    }

    private void stridedSlice(TfjsModel.Node n) {
        Value x = in(n, 0);
        if (x.shape == null) {
            throw unsupported(n, "input of unknown rank");
        }
        long[] begin = constIn(n, 1, "begin").toLongs();
        long[] end = constIn(n, 2, "end").toLongs();
        long[] strides = constIn(n, 3, "strides").toLongs();
        StridedSliceSpec spec = StridedSliceSpec.of(x.shape, begin, end, strides, n.attrInt("begin_mask", 0),
                n.attrInt("end_mask", 0), n.attrInt("ellipsis_mask", 0), n.attrInt("new_axis_mask", 0),
                n.attrInt("shrink_axis_mask", 0), n.name);
        String cur = ref(x);
        List<String> steps = new ArrayList<>();
        // Slice, then drop shrunk axes, then insert new axes; the last step names the output.
        boolean doSlice = spec.axes.length > 0;
        boolean doSqueeze = spec.shrinkAxes.length > 0;
        boolean doUnsqueeze = spec.newAxes.length > 0;
        if (doSlice) {
            steps.add("Slice");
        }
        if (doSqueeze) {
            steps.add("Squeeze");
        }
        if (doUnsqueeze) {
            steps.add("Unsqueeze");
        }
        if (steps.isEmpty()) {
            emit(n, 0, "Identity", x.type, spec.outShape, List.of(cur));
            return;
        }
        for (int i = 0; i < steps.size(); i++) {
            String step = steps.get(i);
            List<String> ins;
            switch (step) {
                case "Slice":
                    ins = List.of(cur, i64(n, "starts", spec.starts), i64(n, "ends", spec.ends),
                            i64(n, "axes", spec.axes), i64(n, "steps", spec.steps));
                    break;
                case "Squeeze":
                    ins = List.of(cur, i64(n, "squeeze_axes", spec.shrinkAxes));
                    break;
                default:
                    ins = List.of(cur, i64(n, "new_axes", spec.newAxes));
                    break;
            }
            if (i == steps.size() - 1) {
                emit(n, 0, step, x.type, spec.outShape, ins);
            } else {
                cur = tmp(n, step, ins);
            }
        }
    }

    private void slice(TfjsModel.Node n) {
        Value x = in(n, 0);
        long[] begin = constIn(n, 1, "begin").toLongs();
        long[] size = constIn(n, 2, "size").toLongs();
        long[] ends = new long[begin.length];
        long[] axes = new long[begin.length];
        long[] shape = x.shape == null ? null : x.shape.clone();
        for (int i = 0; i < begin.length; i++) {
            axes[i] = i;
            ends[i] = size[i] < 0 ? Long.MAX_VALUE : begin[i] + size[i];
            if (shape != null) {
                shape[i] = size[i] >= 0 ? size[i] : (shape[i] < 0 ? -1 : shape[i] - begin[i]);
            }
        }
        emit(n, 0, "Slice", x.type, shape, List.of(ref(x), i64(n, "starts", begin), i64(n, "ends", ends),
                i64(n, "axes", axes)));
    }

    private void split(TfjsModel.Node n) {
        boolean v = n.op.equals("SplitV");
        Value x = in(n, v ? 0 : 1);
        long axisRaw = constIn(n, v ? 2 : 0, "axis").scalarLong();
        if (x.shape == null) {
            throw unsupported(n, "input of unknown rank");
        }
        int axis = Shapes.axis(axisRaw, x.shape.length, n.name);
        long dim = x.shape[axis];
        long[] sizes;
        if (v) {
            sizes = constIn(n, 1, "size_splits").toLongs();
            int unknown = -1;
            long sum = 0;
            for (int i = 0; i < sizes.length; i++) {
                if (sizes[i] < 0) {
                    unknown = i;
                } else {
                    sum += sizes[i];
                }
            }
            if (unknown >= 0) {
                if (dim < 0) {
                    throw unsupported(n, "size_splits with -1 on a dimension of unknown size");
                }
                sizes[unknown] = dim - sum;
            }
        } else {
            long num = n.attrInt("num_split", 1);
            if (dim < 0 || dim % num != 0) {
                throw unsupported(n, "dimension " + dim + " does not split into " + num);
            }
            sizes = new long[(int) num];
            Arrays.fill(sizes, dim / num);
        }
        List<String> outs = new ArrayList<>();
        for (int k = 0; k < sizes.length; k++) {
            String out = outName(n, k);
            outs.add(out);
            values.put(tensorName(n, k), new Value(x.type, withDim(x.shape, axis, sizes[k]), null, out, out));
        }
        g.node("Split", n.name + "__split", List.of(ref(x), i64(n, "split", sizes)), outs, Attr.i("axis", axis));
    }

    private void gather(TfjsModel.Node n) {
        Value params = in(n, 0);
        Value idx = in(n, 1);
        long axisRaw = constIn(n, 2, "axis").scalarLong();
        if (n.attrInt("batch_dims", 0) != 0) {
            throw unsupported(n, "batch_dims != 0");
        }
        if (params.shape == null) {
            throw unsupported(n, "params of unknown rank");
        }
        int axis = Shapes.axis(axisRaw, params.shape.length, n.name);
        long[] shape = null;
        if (idx.shape != null) {
            List<Long> s = new ArrayList<>();
            for (int i = 0; i < axis; i++) {
                s.add(params.shape[i]);
            }
            for (long d : idx.shape) {
                s.add(d);
            }
            for (int i = axis + 1; i < params.shape.length; i++) {
                s.add(params.shape[i]);
            }
            shape = s.stream().mapToLong(Long::longValue).toArray();
        }
        emit(n, 0, "Gather", params.type, shape, List.of(ref(params), ref(idx)), Attr.i("axis", axis));
    }

    private void topK(TfjsModel.Node n) {
        Value x = in(n, 0);
        long k = constIn(n, 1, "k").scalarLong();
        long[] shape = x.shape == null ? null : withDim(x.shape, x.shape.length - 1, k);
        String values0 = outName(n, 0);
        String idx64 = g.fresh(n.name + "__indices_int64");
        // TF.js always returns the top k sorted, ties broken by the lower index, as ONNX TopK specifies.
        g.node("TopK", n.name + "__topk", List.of(ref(x), i64(n, "k", k)), List.of(values0, idx64),
                Attr.i("axis", -1), Attr.i("largest", 1), Attr.i("sorted", 1));
        define(n, 0, new Value(x.type, shape, null, values0, values0));
        emit(n, 1, "Cast", DType.INT32, shape, List.of(idx64), Attr.i("to", DType.INT32.onnxCode));
    }

    private void cast(TfjsModel.Node n) {
        Value x = in(n, 0);
        DType to = n.attrType("DstT", DType.FLOAT);
        if (x.constant != null) {
            defineConst(n, 0, x.constant.cast(to));
            return;
        }
        if (to == x.type) {
            emit(n, 0, "Identity", x.type, x.shape, List.of(ref(x)));
            return;
        }
        emit(n, 0, "Cast", to, x.shape, List.of(ref(x)), Attr.i("to", to.onnxCode));
    }

    private void shape(TfjsModel.Node n) {
        Value x = in(n, 0);
        if (Shapes.known(x.shape)) {
            int[] dims = new int[x.shape.length];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = Math.toIntExact(x.shape[i]);
            }
            defineConst(n, 0, Tensor.ofInts(new long[] {dims.length}, dims));
            return;
        }
        long[] shape = x.shape == null ? null : new long[] {x.shape.length};
        String s = tmp(n, "Shape", List.of(ref(x)));
        emit(n, 0, "Cast", DType.INT32, shape, List.of(s), Attr.i("to", DType.INT32.onnxCode));
    }
}
