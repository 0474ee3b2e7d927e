package dev.openrecog.vision.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * NanoDet (GFL head) decoding: for each feature level (stride), a {@code [1, N, classes]} score tensor and a
 * {@code [1, N, 4 * (regMax + 1)]} tensor holding, per cell, a discrete distribution over {@code 0..regMax} for each
 * of the distances left, top, right, bottom (in units of the stride). The distance is the distribution's expected
 * value ("distribution focal loss" decoding: softmax, then the weighted sum of the bin indexes).
 *
 * <p>The cells of a level are numbered row by row on a grid of {@code ceil(width / stride)} columns; cell
 * {@code (x, y)} has its centre at {@code ((x + centerOffset) * stride, (y + centerOffset) * stride)}. Every
 * (cell, class) with a score at or above the threshold is a candidate; the best {@code maxCandidates} are kept.
 */
final class NanoDetDecoder extends OutputDecoder {
    private static final class Level {
        final int stride;
        final String scores;
        final String boxes;
        final int cols;
        final int rows;

        Level(int stride, String scores, String boxes, int cols, int rows) {
            this.stride = stride;
            this.scores = scores;
            this.boxes = boxes;
            this.cols = cols;
            this.rows = rows;
        }
    }

    private final List<Level> levels;
    private final int regMax;
    private final float centerOffset;
    private final boolean sigmoid;
    private final int maxCandidates;
    private final int inputWidth;
    private final int inputHeight;
    private final int classes;

    private NanoDetDecoder(List<Level> levels, int regMax, float centerOffset, boolean sigmoid, int maxCandidates,
            ModelInput input, int classes) {
        this.levels = levels;
        this.regMax = regMax;
        this.centerOffset = centerOffset;
        this.sigmoid = sigmoid;
        this.maxCandidates = maxCandidates;
        this.inputWidth = input.width();
        this.inputHeight = input.height();
        this.classes = classes;
    }

    static NanoDetDecoder parse(Fields f, ModelInput input, int classes) {
        List<Level> levels = new ArrayList<>();
        for (Fields l : f.objects("levels")) {
            int stride = l.positive("stride");
            String scores = l.string("scores");
            String boxes = l.string("boxes");
            l.rejectUnknown();
            levels.add(new Level(stride, scores, boxes, ceilDiv(input.width(), stride),
                    ceilDiv(input.height(), stride)));
        }
        int regMax = f.positive("regMax");
        float centerOffset = (float) f.number("centerOffset", 0.5);
        boolean sigmoid = f.choice("scoreActivation", "NONE", "NONE", "SIGMOID").equals("SIGMOID");
        int maxCandidates = f.positive("maxCandidates", 1000);
        return new NanoDetDecoder(levels, regMax, centerOffset, sigmoid, maxCandidates, input, classes);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    @Override
    List<String> outputs() {
        List<String> out = new ArrayList<>();
        for (Level l : levels) {
            out.add(l.scores);
            out.add(l.boxes);
        }
        return out;
    }

    @Override
    void check(Map<String, long[]> shapes) {
        for (Level l : levels) {
            long n = (long) l.cols * l.rows;
            long[] s = shapes.get(l.scores);
            if (!shapeMatches(s, 1, n, classes)) {
                throw shapeError("nanodet", l.scores, s, "[1, " + n + ", " + classes + "] (stride " + l.stride + ")");
            }
            long[] b = shapes.get(l.boxes);
            if (!shapeMatches(b, 1, n, 4L * (regMax + 1))) {
                throw shapeError("nanodet", l.boxes, b, "[1, " + n + ", " + (4 * (regMax + 1)) + "] (stride "
                        + l.stride + ", regMax " + regMax + ")");
            }
        }
    }

    @Override
    List<Detection> decode(Outputs outputs, float minScore, List<String> labels) {
        float raw = sigmoid ? logit(minScore) : minScore;
        int bins = regMax + 1;
        float[] dist = new float[4];
        List<Detection> out = new ArrayList<>();
        for (Level l : levels) {
            float[] sc = outputs.data(l.scores);
            float[] bx = outputs.data(l.boxes);
            int n = l.cols * l.rows;
            if (sc.length != n * classes || bx.length != n * 4 * bins) {
                throw new IllegalStateException("nanodet decoder: stride " + l.stride + " outputs have " + sc.length
                        + " and " + bx.length + " values, expected " + (n * classes) + " and " + (n * 4 * bins));
            }
            for (int i = 0; i < n; i++) {
                int base = i * classes;
                boolean any = false;
                for (int c = 0; c < classes; c++) {
                    if (sc[base + c] >= raw) {
                        any = true;
                        break;
                    }
                }
                if (!any) {
                    continue;
                }
                for (int k = 0; k < 4; k++) {
                    dist[k] = expectation(bx, (i * 4 + k) * bins, bins) * l.stride;
                }
                float cx = (i % l.cols + centerOffset) * l.stride;
                float cy = (i / l.cols + centerOffset) * l.stride;
                float x1 = clamp01((cx - dist[0]) / inputWidth);
                float y1 = clamp01((cy - dist[1]) / inputHeight);
                float x2 = clamp01((cx + dist[2]) / inputWidth);
                float y2 = clamp01((cy + dist[3]) / inputHeight);
                for (int c = 0; c < classes; c++) {
                    float v = sc[base + c];
                    if (v >= raw) {
                        out.add(new Detection(c, labels.get(c), sigmoid ? sigmoid(v) : v, x1, y1, x2, y2));
                    }
                }
            }
        }
        if (out.size() > maxCandidates) {
            out.sort(Comparator.comparingDouble(d -> -d.score()));
            return new ArrayList<>(out.subList(0, maxCandidates));
        }
        return out;
    }

    /** The expected bin index under softmax({@code v[from .. from+bins)}). */
    private static float expectation(float[] v, int from, int bins) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < bins; j++) {
            max = Math.max(max, v[from + j]);
        }
        double sum = 0;
        double weighted = 0;
        for (int j = 0; j < bins; j++) {
            double e = Math.exp(v[from + j] - max);
            sum += e;
            weighted += e * j;
        }
        return (float) (weighted / sum);
    }
}
