package dev.openrecog.vision.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * CenterNet ("Objects as Points") decoding: a per-class centre heatmap on a grid of stride {@code stride}, and per
 * cell the distances from the cell centre to the box's left, top, right and bottom edges. A detection is a heatmap
 * peak, a value that no neighbour in a {@code peakWindow}-square window exceeds (the 3x3 max-pool trick), with a
 * score of at least the threshold; the best {@code maxCandidates} peaks are kept.
 *
 * <p>Cell {@code (x, y)} has its centre at {@code ((x + centerOffset) * stride, (y + centerOffset) * stride)} input
 * pixels; the box is {@code cx - l*s, cy - t*s, cx + r*s, cy + b*s} with {@code s = boxScale}.
 */
final class CenterNetDecoder extends OutputDecoder {
    private final String heatmap;
    private final String boxes;
    private final boolean nchw;
    private final int stride;
    private final float centerOffset;
    private final float boxScale;
    private final boolean sigmoid;
    private final int peakWindow;
    private final int maxCandidates;
    private final int inputWidth;
    private final int inputHeight;
    private final int classes;

    private CenterNetDecoder(String heatmap, String boxes, boolean nchw, int stride, float centerOffset,
            float boxScale, boolean sigmoid, int peakWindow, int maxCandidates, ModelInput input, int classes) {
        this.heatmap = heatmap;
        this.boxes = boxes;
        this.nchw = nchw;
        this.stride = stride;
        this.centerOffset = centerOffset;
        this.boxScale = boxScale;
        this.sigmoid = sigmoid;
        this.peakWindow = peakWindow;
        this.maxCandidates = maxCandidates;
        this.inputWidth = input.width();
        this.inputHeight = input.height();
        this.classes = classes;
    }

    static CenterNetDecoder parse(Fields f, ModelInput input, int classes) {
        String heatmap = f.string("heatmap");
        String boxes = f.string("boxes");
        boolean nchw = f.choice("layout", "NHWC", "NHWC", "NCHW").equals("NCHW");
        int stride = f.positive("stride");
        float centerOffset = (float) f.number("centerOffset", 0.0);
        f.choice("boxEncoding", "LTRB", "LTRB");
        float boxScale = (float) f.number("boxScale", 1.0);
        boolean sigmoid = f.choice("scoreActivation", "NONE", "NONE", "SIGMOID").equals("SIGMOID");
        int peakWindow = f.positive("peakWindow", 3);
        if (peakWindow % 2 == 0) {
            throw f.bad("peakWindow", "must be odd");
        }
        int maxCandidates = f.positive("maxCandidates", 100);
        if (input.width() % stride != 0 || input.height() % stride != 0) {
            throw f.bad("stride", "must divide the input size " + input.width() + "x" + input.height());
        }
        return new CenterNetDecoder(heatmap, boxes, nchw, stride, centerOffset, boxScale, sigmoid, peakWindow,
                maxCandidates, input, classes);
    }

    @Override
    List<String> outputs() {
        return List.of(heatmap, boxes);
    }

    @Override
    void check(Map<String, long[]> shapes) {
        int gw = inputWidth / stride;
        int gh = inputHeight / stride;
        long[] h = shapes.get(heatmap);
        long[] b = shapes.get(boxes);
        if (nchw) {
            if (!shapeMatches(h, 1, classes, gh, gw)) {
                throw shapeError("centernet", heatmap, h, "[1, " + classes + ", " + gh + ", " + gw + "] (NCHW)");
            }
            if (!shapeMatches(b, 1, 4, gh, gw)) {
                throw shapeError("centernet", boxes, b, "[1, 4, " + gh + ", " + gw + "] (NCHW)");
            }
        } else {
            if (!shapeMatches(h, 1, gh, gw, classes)) {
                throw shapeError("centernet", heatmap, h, "[1, " + gh + ", " + gw + ", " + classes + "] (NHWC)");
            }
            if (!shapeMatches(b, 1, gh, gw, 4)) {
                throw shapeError("centernet", boxes, b, "[1, " + gh + ", " + gw + ", 4] (NHWC)");
            }
        }
    }

    @Override
    List<Detection> decode(Outputs outputs, float minScore, List<String> labels) {
        int gw = inputWidth / stride;
        int gh = inputHeight / stride;
        float[] hm = outputs.data(heatmap);
        float[] bx = outputs.data(boxes);
        if (hm.length != gw * gh * classes || bx.length != gw * gh * 4) {
            throw new IllegalStateException("centernet decoder: outputs have " + hm.length + " and " + bx.length
                    + " values, expected " + (gw * gh * classes) + " and " + (gw * gh * 4));
        }
        // Thresholds compare raw values: a logit threshold when the heatmap is not yet a probability.
        float raw = sigmoid ? logit(minScore) : minScore;
        int r = peakWindow / 2;
        // Candidates as (value, flat heatmap index); the flat index is (y*gw + x)*classes + c in NHWC order.
        float[] values = new float[64];
        int[] indexes = new int[64];
        int count = 0;
        for (int y = 0; y < gh; y++) {
            for (int x = 0; x < gw; x++) {
                for (int c = 0; c < classes; c++) {
                    float v = hm[at(x, y, c, gw, gh)];
                    if (!(v >= raw) || !isPeak(hm, x, y, c, v, r, gw, gh)) {
                        continue;
                    }
                    if (count == values.length) {
                        values = Arrays.copyOf(values, count * 2);
                        indexes = Arrays.copyOf(indexes, count * 2);
                    }
                    values[count] = v;
                    indexes[count] = (y * gw + x) * classes + c;
                    count++;
                }
            }
        }
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        final float[] vs = values;
        final int[] is = indexes;
        // Best first; equal scores in index order, as TopK orders them.
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -vs[i]).thenComparingInt(i -> is[i]));
        int keep = Math.min(count, maxCandidates);
        List<Detection> out = new ArrayList<>(keep);
        for (int k = 0; k < keep; k++) {
            int flat = indexes[order[k]];
            int c = flat % classes;
            int cell = flat / classes;
            int x = cell % gw;
            int y = cell / gw;
            float cx = (x + centerOffset) * stride;
            float cy = (y + centerOffset) * stride;
            float l = bx[boxAt(x, y, 0, gw, gh)] * boxScale;
            float t = bx[boxAt(x, y, 1, gw, gh)] * boxScale;
            float rr = bx[boxAt(x, y, 2, gw, gh)] * boxScale;
            float b = bx[boxAt(x, y, 3, gw, gh)] * boxScale;
            float score = sigmoid ? sigmoid(values[order[k]]) : values[order[k]];
            out.add(new Detection(c, labels.get(c), score, clamp01((cx - l) / inputWidth),
                    clamp01((cy - t) / inputHeight), clamp01((cx + rr) / inputWidth), clamp01((cy + b) / inputHeight)));
        }
        return out;
    }

    private boolean isPeak(float[] hm, int x, int y, int c, float v, int r, int gw, int gh) {
        for (int yy = Math.max(0, y - r); yy <= Math.min(gh - 1, y + r); yy++) {
            for (int xx = Math.max(0, x - r); xx <= Math.min(gw - 1, x + r); xx++) {
                if (hm[at(xx, yy, c, gw, gh)] > v) {
                    return false;
                }
            }
        }
        return true;
    }

    private int at(int x, int y, int c, int gw, int gh) {
        return nchw ? (c * gh + y) * gw + x : (y * gw + x) * classes + c;
    }

    private int boxAt(int x, int y, int k, int gw, int gh) {
        return nchw ? (k * gh + y) * gw + x : (y * gw + x) * 4 + k;
    }
}
