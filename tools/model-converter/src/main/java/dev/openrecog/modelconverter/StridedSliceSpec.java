package dev.openrecog.modelconverter;

import java.util.ArrayList;
import java.util.List;

/**
 * A TensorFlow StridedSlice (begin/end/strides with begin, end, ellipsis, new-axis and shrink-axis masks) turned
 * into ONNX terms: one Slice over input axes, a Squeeze of the shrunk axes, then an Unsqueeze of the new axes.
 */
final class StridedSliceSpec {
    long[] starts = new long[0];
    long[] ends = new long[0];
    long[] axes = new long[0];
    long[] steps = new long[0];
    /** Input axes (the Slice keeps the rank) that are dropped. */
    long[] shrinkAxes = new long[0];
    /** Positions in the final output where a unit axis is inserted. */
    long[] newAxes = new long[0];
    long[] outShape;

    private StridedSliceSpec() {
    }

    private static boolean bit(long mask, int i) {
        return ((mask >> i) & 1) != 0;
    }

    static StridedSliceSpec of(long[] inShape, long[] begin, long[] end, long[] strides, long beginMask, long endMask,
            long ellipsisMask, long newAxisMask, long shrinkMask, String where) {
        int rank = inShape.length;
        int m = begin.length;
        if (end.length != m || strides.length != m) {
            throw new ConversionException("StridedSlice begin/end/strides lengths differ at " + where);
        }
        int ellipsis = -1;
        for (int i = 0; i < m; i++) {
            if (bit(ellipsisMask, i)) {
                if (ellipsis >= 0) {
                    throw new ConversionException("StridedSlice with more than one ellipsis at " + where);
                }
                ellipsis = i;
            }
        }
        int consumed = 0;
        for (int i = 0; i < m; i++) {
            if (i != ellipsis && !bit(newAxisMask, i)) {
                consumed++;
            }
        }
        int covered = rank - consumed;
        if (covered < 0) {
            throw new ConversionException("StridedSlice indexes " + consumed + " axes of a rank-" + rank
                    + " tensor at " + where);
        }

        List<long[]> slices = new ArrayList<>(); // {axis, start, end, step}
        List<Long> shrink = new ArrayList<>();
        List<Long> out = new ArrayList<>(); // output dims; new axes are 1
        List<Long> newPos = new ArrayList<>();
        int d = 0;
        for (int i = 0; i < m; i++) {
            if (i == ellipsis) {
                for (int j = 0; j < covered; j++) {
                    out.add(inShape[d++]);
                }
                continue;
            }
            if (bit(newAxisMask, i)) {
                newPos.add((long) out.size());
                out.add(1L);
                continue;
            }
            long dim = inShape[d];
            long s = strides[i];
            if (s == 0) {
                throw new ConversionException("StridedSlice stride 0 at " + where);
            }
            if (bit(shrinkMask, i)) {
                long b = begin[i];
                slices.add(new long[] {d, b, b == -1 ? Long.MAX_VALUE : b + 1, 1});
                shrink.add((long) d);
                d++;
                continue;
            }
            boolean bm = bit(beginMask, i);
            boolean em = bit(endMask, i);
            long start = bm ? (s > 0 ? 0 : Long.MAX_VALUE) : begin[i];
            long stop = em ? (s > 0 ? Long.MAX_VALUE : Long.MIN_VALUE) : end[i];
            boolean full = s == 1 && (bm || begin[i] == 0) && em;
            if (!full) {
                slices.add(new long[] {d, start, stop, s});
            }
            out.add(dim < 0 ? -1 : sliceSize(dim, begin[i], end[i], s, bm, em));
            d++;
        }
        if (ellipsis < 0) {
            while (d < rank) {
                out.add(inShape[d++]);
            }
        }

        StridedSliceSpec spec = new StridedSliceSpec();
        int k = slices.size();
        spec.starts = new long[k];
        spec.ends = new long[k];
        spec.axes = new long[k];
        spec.steps = new long[k];
        for (int i = 0; i < k; i++) {
            long[] sl = slices.get(i);
            spec.axes[i] = sl[0];
            spec.starts[i] = sl[1];
            spec.ends[i] = sl[2];
            spec.steps[i] = sl[3];
        }
        spec.shrinkAxes = shrink.stream().mapToLong(Long::longValue).toArray();
        spec.newAxes = newPos.stream().mapToLong(Long::longValue).toArray();
        spec.outShape = out.stream().mapToLong(Long::longValue).toArray();
        return spec;
    }

    /** Length of a strided range over a dimension of known size, with TF clamping. */
    static long sliceSize(long dim, long b, long e, long s, boolean beginMasked, boolean endMasked) {
        if (s > 0) {
            long start = beginMasked ? 0 : clamp(b < 0 ? b + dim : b, 0, dim);
            long stop = endMasked ? dim : clamp(e < 0 ? e + dim : e, 0, dim);
            return Math.max(0, (stop - start + s - 1) / s);
        }
        long start = beginMasked ? dim - 1 : clamp(b < 0 ? b + dim : b, -1, dim - 1);
        long stop = endMasked ? -1 : clamp(e < 0 ? e + dim : e, -1, dim - 1);
        long n = -s;
        return Math.max(0, (start - stop + n - 1) / n);
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
