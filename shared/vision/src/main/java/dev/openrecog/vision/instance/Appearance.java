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
    /** Part of a cell that must land inside the query for it to count. */
    static final double COVERED = 0.8;
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
     * How much of the sample the query contradicts once {@code h} (sample frame to query frame pixels) is known: of
     * the sample's {@link #GRID}x{@link #GRID} cells that show structure, lie within {@code supported} (the box, in
     * sample frame pixels, of the keypoints that fit {@code h}: beyond them the homography is extrapolated) and land
     * inside the query, the fraction whose luma does not correlate with the query's there (normalized
     * cross-correlation below {@link #AGREEMENT}, so brightness and contrast changes do not count). The comparison
     * is at the coarser of the two resolutions. NaN when either has no appearance (features of version 1), the
     * sample shows too small in the query, or too few cells can be judged.
     */
    static double disagreement(InstanceFeatures sample, InstanceFeatures query, Homography2D_F64 h,
            double[] supported) {
        Appearance s = sample.appearance();
        Appearance q = query.appearance();
        if (s == null || q == null) {
            return Double.NaN;
        }
        double toQueryThumbX = (double) q.width / query.frameWidth();
        double toQueryThumbY = (double) q.height / query.frameHeight();
        // a homography is defined up to scale, sign included: points in front of the camera share the centre's sign
        double side = Math.signum(h.a31 * sample.frameWidth() / 2.0 + h.a32 * sample.frameHeight() / 2.0 + h.a33);
        // halve the sample's thumbnail while the query shows it at less than half its pixels
        double[] corners = {0, 0, sample.frameWidth(), 0, sample.frameWidth(), sample.frameHeight(), 0,
            sample.frameHeight()};
        double area = 0;
        double[] a = new double[2];
        double[] b = new double[2];
        for (int i = 0; i < 4; i++) {
            int j = (i + 1) % 4;
            if (!project(h, side, corners[2 * i], corners[2 * i + 1], a)
                    || !project(h, side, corners[2 * j], corners[2 * j + 1], b)) {
                return Double.NaN;
            }
            area += (a[0] * toQueryThumbX) * (b[1] * toQueryThumbY) - (b[0] * toQueryThumbX) * (a[1] * toQueryThumbY);
        }
        double shown = Math.abs(area / 2);
        while (shown < s.width * s.height / 2.0 && Math.max(s.width, s.height) >= 2 * MIN_SIDE) {
            s = s.halved();
        }
        if (shown < MIN_SIDE * MIN_SIDE) {
            return Double.NaN;
        }
        double toSampleFrameX = (double) sample.frameWidth() / s.width;
        double toSampleFrameY = (double) sample.frameHeight() / s.height;
        int structured = 0;
        int contradicted = 0;
        double[] projected = new double[2];
        int most = (s.width / GRID + 1) * (s.height / GRID + 1);
        double[] xs = new double[most];
        double[] ys = new double[most];
        double[] values = new double[most];
        for (int cy = 0; cy < GRID; cy++) {
            for (int cx = 0; cx < GRID; cx++) {
                int u0 = cx * s.width / GRID;
                int u1 = (cx + 1) * s.width / GRID;
                int v0 = cy * s.height / GRID;
                int v1 = (cy + 1) * s.height / GRID;
                int cell = (u1 - u0) * (v1 - v0);
                double centreX = (u0 + u1) / 2.0 * toSampleFrameX;
                double centreY = (v0 + v1) / 2.0 * toSampleFrameY;
                if ((centreX < supported[0] || centreX > supported[2] || centreY < supported[1]
                        || centreY > supported[3])) {
                    continue;
                }
                int n = 0;
                for (int v = v0; v < v1; v++) {
                    for (int u = u0; u < u1; u++) {
                        if (project(h, side, (u + 0.5) * toSampleFrameX, (v + 0.5) * toSampleFrameY, projected)) {
                            xs[n] = projected[0] * toQueryThumbX - 0.5;
                            ys[n] = projected[1] * toQueryThumbY - 0.5;
                            values[n++] = s.at(u, v);
                        }
                    }
                }
                if (cell == 0 || n < COVERED * cell) {
                    continue;
                }
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
                    continue;
                }
                // the homography is fitted to keypoints a few pixels off: the best of small shifts counts
                double best = -2;
                boolean judged = false;
                for (int dy = -SHIFT; dy <= SHIFT; dy++) {
                    for (int dx = -SHIFT; dx <= SHIFT; dx++) {
                        double ncc = correlation(q, xs, ys, values, n, mean, varS, dx, dy);
                        if (!Double.isNaN(ncc)) {
                            judged = true;
                            best = Math.max(best, ncc);
                        }
                    }
                }
                if (!judged) {
                    continue;
                }
                structured++;
                if (best < AGREEMENT) {
                    contradicted++;
                }
            }
        }
        return structured < MIN_CELLS ? Double.NaN : contradicted / (double) structured;
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

    /** {@code h} applied to {@code (x, y)}; false when the point lies on or beyond the horizon. */
    private static boolean project(Homography2D_F64 h, double side, double x, double y, double[] out) {
        double w = h.a31 * x + h.a32 * y + h.a33;
        if (w * side <= 0) {
            return false;
        }
        out[0] = (h.a11 * x + h.a12 * y + h.a13) / w;
        out[1] = (h.a21 * x + h.a22 * y + h.a23) / w;
        return true;
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
