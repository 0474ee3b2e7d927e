package dev.openrecog.modelconverter;

import java.util.List;

/**
 * Constant folding at conversion time, with TF.js CPU semantics. Float arithmetic is done the way TF.js does it
 * (in double, rounded to float32), which for one add, subtract, multiply or divide equals float32 arithmetic.
 */
final class Fold {
    private Fold() {
    }

    /** Element-wise binary ops that can be folded. */
    static boolean canFoldBinary(String op) {
        switch (op) {
            case "Add":
            case "AddV2":
            case "Sub":
            case "Mul":
            case "RealDiv":
            case "FloorDiv":
            case "FloorMod":
            case "Maximum":
            case "Minimum":
                return true;
            default:
                return false;
        }
    }

    static Tensor binary(String op, Tensor a, Tensor b, String where) {
        if (a.type() != b.type()) {
            throw new ConversionException("operand types differ (" + a.type() + ", " + b.type() + ") at " + where);
        }
        long[] shape = Shapes.broadcast(a.shape(), b.shape(), where);
        int n = Math.toIntExact(Shapes.size(shape));
        int[] ia = broadcastIndex(a.shape(), shape);
        int[] ib = broadcastIndex(b.shape(), shape);
        switch (a.type()) {
            case FLOAT: {
                float[] x = a.floats();
                float[] y = b.floats();
                float[] out = new float[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (float) floatOp(op, x[ia[i]], y[ib[i]], where);
                }
                return Tensor.ofFloats(shape, out);
            }
            case INT32: {
                int[] x = a.ints();
                int[] y = b.ints();
                int[] out = new int[n];
                for (int i = 0; i < n; i++) {
                    out[i] = intOp(op, x[ia[i]], y[ib[i]], where);
                }
                return Tensor.ofInts(shape, out);
            }
            default:
                throw new ConversionException("cannot fold " + op + " on " + a.type() + " at " + where);
        }
    }

    private static double floatOp(String op, double x, double y, String where) {
        switch (op) {
            case "Add":
            case "AddV2":
                return x + y;
            case "Sub":
                return x - y;
            case "Mul":
                return x * y;
            case "RealDiv":
                return x / y;
            case "FloorDiv":
                return Math.floor(x / y);
            case "FloorMod": {
                double rem = x % y;
                return (x < 0 && y < 0) || (x >= 0 && y >= 0) ? rem : (rem + y) % y;
            }
            case "Maximum":
                return Math.max(x, y);
            case "Minimum":
                return Math.min(x, y);
            default:
                throw new ConversionException("cannot fold " + op + " at " + where);
        }
    }

    private static int intOp(String op, int x, int y, String where) {
        switch (op) {
            case "Add":
            case "AddV2":
                return x + y;
            case "Sub":
                return x - y;
            case "Mul":
                return x * y;
            case "FloorDiv":
                return Math.floorDiv(x, y);
            case "FloorMod":
                return Math.floorMod(x, y);
            case "Maximum":
                return Math.max(x, y);
            case "Minimum":
                return Math.min(x, y);
            default:
                throw new ConversionException("cannot fold " + op + " on int32 at " + where);
        }
    }

    /** For every element of {@code outShape}, the flat index of the broadcast source element. */
    private static int[] broadcastIndex(long[] src, long[] outShape) {
        int rank = outShape.length;
        long[] srcStrides = Shapes.strides(src);
        long[] eff = new long[rank];
        for (int i = 0; i < rank; i++) {
            int si = i - (rank - src.length);
            eff[i] = si < 0 || src[si] == 1 ? 0 : srcStrides[si];
        }
        int n = Math.toIntExact(Shapes.size(outShape));
        int[] idx = new int[n];
        int[] counter = new int[rank];
        long cur = 0;
        for (int i = 0; i < n; i++) {
            idx[i] = (int) cur;
            for (int d = rank - 1; d >= 0; d--) {
                counter[d]++;
                cur += eff[d];
                if (counter[d] < outShape[d]) {
                    break;
                }
                cur -= eff[d] * counter[d];
                counter[d] = 0;
            }
        }
        return idx;
    }

    /** Transposes a constant: out.shape[i] = in.shape[perm[i]]. */
    static Tensor transpose(Tensor t, long[] perm) {
        long[] inShape = t.shape();
        long[] outShape = Shapes.permute(inShape, perm);
        long[] inStrides = Shapes.strides(inShape);
        long[] permStrides = new long[perm.length];
        for (int i = 0; i < perm.length; i++) {
            permStrides[i] = inStrides[(int) perm[i]];
        }
        // Reuse the broadcast walker: walk the output, reading the input at permuted strides.
        int n = t.size();
        int[] src = new int[n];
        int rank = outShape.length;
        int[] counter = new int[rank];
        long cur = 0;
        for (int i = 0; i < n; i++) {
            src[i] = (int) cur;
            for (int d = rank - 1; d >= 0; d--) {
                counter[d]++;
                cur += permStrides[d];
                if (counter[d] < outShape[d]) {
                    break;
                }
                cur -= permStrides[d] * counter[d];
                counter[d] = 0;
            }
        }
        return gather(t, src, outShape);
    }

    private static Tensor gather(Tensor t, int[] src, long[] outShape) {
        int n = src.length;
        switch (t.type()) {
            case FLOAT: {
                float[] in = t.floats();
                float[] out = new float[n];
                for (int i = 0; i < n; i++) {
                    out[i] = in[src[i]];
                }
                return Tensor.ofFloats(outShape, out);
            }
            case INT32: {
                int[] in = t.ints();
                int[] out = new int[n];
                for (int i = 0; i < n; i++) {
                    out[i] = in[src[i]];
                }
                return Tensor.ofInts(outShape, out);
            }
            case INT64: {
                long[] in = t.longs();
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = in[src[i]];
                }
                return Tensor.ofLongs(outShape, out);
            }
            default: {
                boolean[] in = t.bools();
                boolean[] out = new boolean[n];
                for (int i = 0; i < n; i++) {
                    out[i] = in[src[i]];
                }
                return Tensor.ofBools(outShape, out);
            }
        }
    }

    /** Concatenates constants of one type along {@code axis}. */
    static Tensor concat(List<Tensor> parts, int axis, String where) {
        Tensor first = parts.get(0);
        long[] shape = first.shape();
        long total = 0;
        for (Tensor p : parts) {
            if (p.type() != first.type() || p.rank() != first.rank()) {
                throw new ConversionException("concat operands differ in type or rank at " + where);
            }
            total += p.shape()[axis];
        }
        shape[axis] = total;
        int n = Math.toIntExact(Shapes.size(shape));
        long outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= shape[i];
        }
        // Build a source map: (part, index) flattened into one index space over the parts laid end to end.
        int[] partOffset = new int[parts.size()];
        int acc = 0;
        for (int p = 0; p < parts.size(); p++) {
            partOffset[p] = acc;
            acc += parts.get(p).size();
        }
        int[] src = new int[n];
        int o = 0;
        for (long r = 0; r < outer; r++) {
            for (int p = 0; p < parts.size(); p++) {
                Tensor part = parts.get(p);
                int block = (int) (part.size() / outer);
                for (int j = 0; j < block; j++) {
                    src[o++] = partOffset[p] + (int) (r * block) + j;
                }
            }
        }
        Tensor joined = join(parts, acc);
        return gather(joined, src, shape);
    }

    private static Tensor join(List<Tensor> parts, int total) {
        DType t = parts.get(0).type();
        Tensor out = Tensor.zeros(t, new long[] {total});
        int off = 0;
        for (Tensor p : parts) {
            Object src;
            Object dst;
            switch (t) {
                case FLOAT:
                    src = p.floats();
                    dst = out.floats();
                    break;
                case INT32:
                    src = p.ints();
                    dst = out.ints();
                    break;
                case INT64:
                    src = p.longs();
                    dst = out.longs();
                    break;
                default:
                    src = p.bools();
                    dst = out.bools();
                    break;
            }
            System.arraycopy(src, 0, dst, off, p.size());
            off += p.size();
        }
        return out;
    }

    /** TF SparseToDense with constant operands. */
    static Tensor sparseToDense(Tensor indices, Tensor outputShape, Tensor values, Tensor dflt, String where) {
        long[] shape = outputShape.toLongs();
        int rank = shape.length;
        DType type = values.type();
        Tensor dfl = dflt.cast(type);
        int n = Math.toIntExact(Shapes.size(shape));
        Tensor out = Tensor.zeros(type, shape);
        for (int i = 0; i < n; i++) {
            set(out, i, dfl.getDouble(0));
        }
        long[] idx = indices.toLongs();
        int count = indices.rank() == 0 ? 1 : (int) indices.shape()[0];
        int width = indices.rank() <= 1 ? 1 : (int) indices.shape()[1];
        if (width != rank && !(rank == 1 && width == 1)) {
            throw new ConversionException("SparseToDense indices of width " + width + " for rank " + rank + " at "
                    + where);
        }
        long[] strides = Shapes.strides(shape);
        for (int k = 0; k < count; k++) {
            long flat = 0;
            for (int d = 0; d < width; d++) {
                long v = idx[k * width + d];
                if (v < 0 || v >= shape[d]) {
                    throw new ConversionException("SparseToDense index out of range at " + where);
                }
                flat += v * strides[d];
            }
            double value = values.size() == 1 ? values.getDouble(0) : values.getDouble(k);
            set(out, (int) flat, value);
        }
        return out;
    }

    private static void set(Tensor t, int i, double v) {
        switch (t.type()) {
            case FLOAT:
                t.floats()[i] = (float) v;
                break;
            case INT32:
                t.ints()[i] = (int) v;
                break;
            case INT64:
                t.longs()[i] = (long) v;
                break;
            default:
                t.bools()[i] = v != 0;
                break;
        }
    }
}
