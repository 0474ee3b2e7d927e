package dev.openrecog.vision.instance;

import georegression.struct.homography.Homography2D_F64;
import java.util.Arrays;
import java.util.Objects;

/**
 * A small grey thumbnail of the image the features come from, which the verifier compares region by region once a
 * homography is found: keypoints that agree only show that <em>some</em> part of the two images is the same, as
 * when two icons share a folder and differ in the emblem on it. The thumbnail covers the whole frame, its longer
 * side {@link #SIDE} pixels, 8-bit luma. Immutable.
 */
final class Appearance {
    /** The thumbnail's longer side: 9 KB per sample at most, enough detail to tell emblems apart. */
    static final int SIDE = 96;
    /** The sample is compared in GRID x GRID cells. */
    static final int GRID = 8;
    /** A cell's correlation below this contradicts the sample. */
    static final double AGREEMENT = 0.5;
    /** Luma standard deviation below which a cell is too plain to contradict anything. */
    static final double STRUCTURE = 12;
    /** Pixels of the query the homography may be off by: the best correlation within this shift counts. */
    static final int SHIFT = 1;
    /** Part of a cell's query pixels that may be clipped to black or white (over- or under-exposed) for it to count. */
    static final double CLIPPED = 0.5;
    /** The least side, in thumbnail pixels, the sample must show in the query to be judged. */
    static final int MIN_SIDE = 32;
    /** The fewest cells that can be judged for a verdict. */
    static final int MIN_CELLS = 4;

    private final int width;
    private final int height;
    private final byte[] luma;

    Appearance(int width, int height, byte[] luma) {
        if (width < 1 || height < 1 || width > 255 || height > 255 || luma.length != width * height) {
            throw new IllegalArgumentException("instance features: invalid appearance of " + width + "x" + height
                    + " with " + luma.length + " values");
        }
        this.width = width;
        this.height = height;
        this.luma = luma;
    }

    /** The thumbnail's size for a frame: the frame scaled so that its longer side is {@link #SIDE}. */
    static int[] size(int frameWidth, int frameHeight) {
        double scale = (double) SIDE / Math.max(frameWidth, frameHeight);
        return new int[] {Math.max(1, (int) Math.round(frameWidth * scale)),
            Math.max(1, (int) Math.round(frameHeight * scale))};
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** The luma at pixel {@code (x, y)}, 0..255. */
    private int at(int x, int y) {
        return luma[y * width + x] & 0xFF;
    }

    /** Bilinear luma at {@code (x, y)} in pixel-centre coordinates, or NaN outside the thumbnail. */
    private double sample(double x, double y) {
        if (!(x >= 0 && y >= 0 && x <= width - 1 && y <= height - 1)) {
            return Double.NaN;
        }
        int x0 = Math.min((int) x, Math.max(0, width - 2));
        int y0 = Math.min((int) y, Math.max(0, height - 2));
        int x1 = Math.min(x0 + 1, width - 1);
        int y1 = Math.min(y0 + 1, height - 1);
        double fx = x - x0;
        double fy = y - y0;
        double top = at(x0, y0) * (1 - fx) + at(x1, y0) * fx;
        double bottom = at(x0, y1) * (1 - fx) + at(x1, y1) * fx;
        return top * (1 - fy) + bottom * fy;
    }

    /**
     * How much of the sample the query contradicts once {@code h} (sample frame to query frame pixels, a plausible
     * view: the whole sample frame in front of the camera) is known: of the sample's {@link #GRID}x{@link #GRID}
     * cells that show structure, lie within {@code supported} (the box, in sample frame pixels, of the keypoints that
     * fit {@code h}: beyond them the homography is extrapolated) and land inside the query, the fraction whose luma
     * does not correlate with the query's there (normalized cross-correlation below {@link #AGREEMENT}, so
     * brightness and contrast changes do not count). The comparison is at the coarser of the two resolutions:
     * {@code shownArea} is the sample's outline's area in query frame pixels. NaN when either has no appearance
     * (features of version 1), the sample shows too small in the query, or too few cells can be judged.
     */
    static double disagreement(InstanceFeatures sample, InstanceFeatures query, Homography2D_F64 h,
            double[] supported, double shownArea) {
        Appearance s = sample.appearance();
        Appearance q = query.appearance();
        if (s == null || q == null) {
            return Double.NaN;
        }
        double toQueryThumbX = (double) q.width / query.frameWidth();
        double toQueryThumbY = (double) q.height / query.frameHeight();
        double shown = shownArea * toQueryThumbX * toQueryThumbY;
        // halve the sample's thumbnail while the query shows it at less than half its pixels
        while (shown < s.width * s.height / 2.0 && Math.max(s.width, s.height) >= 2 * MIN_SIDE) {
            s = s.halved();
        }
        if (shown < MIN_SIDE * MIN_SIDE) {
            return Double.NaN;
        }
        double toSampleFrameX = (double) sample.frameWidth() / s.width;
        double toSampleFrameY = (double) sample.frameHeight() / s.height;
        int most = (s.width / GRID + 1) * (s.height / GRID + 1);
        double[] xs = new double[most];
        double[] ys = new double[most];
        double[] values = new double[most];
        int judged = 0;
        int contradicted = 0;
        for (int cy = 0; cy < GRID; cy++) {
            for (int cx = 0; cx < GRID; cx++) {
                int u0 = cx * s.width / GRID;
                int u1 = (cx + 1) * s.width / GRID;
                int v0 = cy * s.height / GRID;
                int v1 = (cy + 1) * s.height / GRID;
                double centreX = (u0 + u1) / 2.0 * toSampleFrameX;
                double centreY = (v0 + v1) / 2.0 * toSampleFrameY;
                int cell = (u1 - u0) * (v1 - v0);
                if (cell == 0 || centreX < supported[0] || centreX > supported[2] || centreY < supported[1]
                        || centreY > supported[3]) {
                    continue;
                }
                // the cell's pixels and where they land in the query's thumbnail
                int n = 0;
                for (int v = v0; v < v1; v++) {
                    for (int u = u0; u < u1; u++) {
                        double x = (u + 0.5) * toSampleFrameX;
                        double y = (v + 0.5) * toSampleFrameY;
                        double w = h.a31 * x + h.a32 * y + h.a33;
                        xs[n] = (h.a11 * x + h.a12 * y + h.a13) / w * toQueryThumbX - 0.5;
                        ys[n] = (h.a21 * x + h.a22 * y + h.a23) / w * toQueryThumbY - 0.5;
                        values[n++] = s.at(u, v);
                    }
                }
                double agreement = agreement(q, xs, ys, values, n);
                if (!Double.isNaN(agreement)) {
                    judged++;
                    contradicted += agreement < AGREEMENT ? 1 : 0;
                }
            }
        }
        return judged < MIN_CELLS ? Double.NaN : contradicted / (double) judged;
    }

    /**
     * The best correlation of a sample cell's {@code n} values with the query at the points they land on, within
     * {@link #SHIFT} pixels (the homography is fitted to keypoints a few pixels off); NaN when the cell is too plain
     * or too much of it falls outside the query to judge.
     */
    private static double agreement(Appearance q, double[] xs, double[] ys, double[] values, int n) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += values[i];
        }
        mean /= n;
        double varS = 0;
        for (int i = 0; i < n; i++) {
            varS += (values[i] - mean) * (values[i] - mean);
        }
        if (varS / n < STRUCTURE * STRUCTURE) {
            return Double.NaN;
        }
        double best = Double.NaN;
        for (int dy = -SHIFT; dy <= SHIFT; dy++) {
            for (int dx = -SHIFT; dx <= SHIFT; dx++) {
                double ncc = correlation(q, xs, ys, values, n, mean, varS, dx, dy);
                if (!Double.isNaN(ncc) && !(ncc <= best)) {
                    best = ncc;
                }
            }
        }
        return best;
    }

    /**
     * The correlation of the sample's cell with the query at the projected points shifted by {@code (dx, dy)}; NaN
     * when part of it falls outside the query, or the query there is mostly clipped to black or white (an
     * exposure change, not a contradiction).
     */
    private static double correlation(Appearance q, double[] xs, double[] ys, double[] values, int n, double mean,
            double varS, int dx, int dy) {
        double sum = 0;
        double sumSquares = 0;
        double cross = 0;
        int clipped = 0;
        for (int i = 0; i < n; i++) {
            double qv = q.sample(xs[i] + dx, ys[i] + dy);
            if (Double.isNaN(qv)) {
                return Double.NaN;
            }
            if (qv <= 1 || qv >= 254) {
                clipped++;
            }
            sum += qv;
            sumSquares += qv * qv;
            cross += (values[i] - mean) * qv;
        }
        if (clipped > CLIPPED * n) {
            return Double.NaN;
        }
        double varQ = sumSquares - sum * sum / n;
        return varQ < n ? 0 : cross / Math.sqrt(varS * varQ);
    }

    /** This thumbnail at half the size, each pixel the mean of four. */
    private Appearance halved() {
        int w = Math.max(1, width / 2);
        int ht = Math.max(1, height / 2);
        byte[] out = new byte[w * ht];
        for (int y = 0; y < ht; y++) {
            for (int x = 0; x < w; x++) {
                int sum = at(2 * x, 2 * y) + at(Math.min(2 * x + 1, width - 1), 2 * y)
                        + at(2 * x, Math.min(2 * y + 1, height - 1))
                        + at(Math.min(2 * x + 1, width - 1), Math.min(2 * y + 1, height - 1));
                out[y * w + x] = (byte) ((sum + 2) / 4);
            }
        }
        return new Appearance(w, ht, out);
    }

    byte[] luma() {
        return luma;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Appearance && width == ((Appearance) o).width && height == ((Appearance) o).height
                && Arrays.equals(luma, ((Appearance) o).luma);
    }

    @Override
    public int hashCode() {
        return Objects.hash(width, height, Arrays.hashCode(luma));
    }
}
