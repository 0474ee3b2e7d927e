package dev.openrecog.vision.instance;

import boofcv.abst.feature.associate.AssociateDescription;
import boofcv.abst.feature.associate.ScoreAssociation;
import boofcv.factory.feature.associate.ConfigAssociateGreedy;
import boofcv.factory.feature.associate.FactoryAssociation;
import boofcv.factory.geo.ConfigHomography;
import boofcv.factory.geo.ConfigRansac;
import boofcv.factory.geo.FactoryMultiViewRobust;
import boofcv.struct.feature.AssociatedIndex;
import boofcv.struct.feature.MatchScoreType;
import boofcv.struct.feature.TupleDesc_S8;
import boofcv.struct.geo.AssociatedPair;
import georegression.struct.homography.Homography2D_F64;
import georegression.struct.point.Point2D_F64;
import georegression.transform.homography.HomographyPointOps_F64;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ddogleg.fitting.modelset.ModelMatcher;
import org.ddogleg.struct.FastAccess;
import org.ddogleg.struct.FastArray;

/**
 * Decides whether a query image shows a sample, and where: the keypoint descriptors are associated (nearest
 * neighbour, Lowe's ratio test, mutual best), a homography from the sample to the query is fitted to the pairs with
 * RANSAC (fixed seed, so results repeat), and the pairs within a few frame pixels of it are the inliers. A homography
 * that turns the sample's outline inside out, or squeezes it to almost nothing, counts as none. So does one under
 * which the query's appearance contradicts the sample's in more than {@link #MAX_DISAGREEMENT} of it
 * ({@link Appearance#disagreement}): keypoints agree wherever two images share a part, such as two folder icons
 * that differ only in their emblems.
 *
 * <p>The score is {@code inliers / (inliers + threshold)}: 0 without agreement, exactly 0.5 at the threshold, 0.75
 * at three times it, approaching 1. A match is a score of at least 0.5. The default threshold, 10 inliers, lies
 * between the most that two different photos reached in the measurement (6, in 18,564 pairs) and the fewest of a
 * hard true match (11, a sample shrunk to 20% in a cluttered scene); see MODELS.md, "Instance matching". Immutable
 * and thread-safe.
 */
public final class InstanceVerifier {
    /** How many of a library's samples, most similar first ({@link InstanceFeatures#similarity}), to verify. */
    public static final int SHORTLIST = 20;
    static final int THRESHOLD = 10;
    static final double RATIO = 0.8;
    static final int ITERATIONS = 1000;
    static final double INLIER_PIXELS = 4;
    /** A projected outline smaller or larger than the sample by more than this factor in area is implausible. */
    private static final double MAX_AREA_CHANGE = 1000;
    /**
     * The part of a sample's structured cells the query may contradict ({@link Appearance#disagreement}). Measured:
     * true matches up to 0.15, images that share most of a sample but differ in a part (two folder icons with
     * different emblems) from 0.25 up; see MODELS.md, "Instance matching".
     */
    static final double MAX_DISAGREEMENT = 0.2;

    private final int threshold;
    private final double ratio;
    private final int iterations;
    private final double inlierPixels;

    InstanceVerifier(int threshold, double ratio, int iterations, double inlierPixels) {
        if (threshold < 4) {
            throw new IllegalArgumentException("a homography needs at least 4 inliers: " + threshold);
        }
        this.threshold = threshold;
        this.ratio = ratio;
        this.iterations = iterations;
        this.inlierPixels = inlierPixels;
    }

    /** The verifier with the measured defaults. */
    public static InstanceVerifier defaults() {
        return new InstanceVerifier(THRESHOLD, RATIO, ITERATIONS, INLIER_PIXELS);
    }

    /** Inliers needed for a match (score 0.5). */
    public int threshold() {
        return threshold;
    }

    /**
     * Whether {@code query} shows what {@code sample} shows, with the sample's box in the query's original pixels.
     *
     * @throws IllegalArgumentException when the two were extracted with different descriptors
     */
    public InstanceMatch verify(InstanceFeatures query, InstanceFeatures sample) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(sample, "sample");
        if (query.descriptorLength() != sample.descriptorLength()) {
            throw new IllegalArgumentException("descriptors of " + query.descriptorLength() + " and "
                    + sample.descriptorLength() + " values cannot be matched");
        }
        List<AssociatedPair> pairs = associate(query, sample);
        if (pairs.size() < threshold) {
            return InstanceMatch.none();
        }
        ModelMatcher<Homography2D_F64, AssociatedPair> ransac = FactoryMultiViewRobust.homographyRansac(
                new ConfigHomography(), new ConfigRansac(iterations, inlierPixels));
        if (!ransac.process(pairs)) {
            return InstanceMatch.none();
        }
        double[] box = outline(ransac.getModelParameters(), sample);
        if (box == null) {
            return InstanceMatch.none();
        }
        int inliers = ransac.getMatchSet().size();
        double disagreement = Appearance.disagreement(sample, query, ransac.getModelParameters(),
                sampleBox(ransac.getMatchSet()), box[4]);
        if (disagreement > MAX_DISAGREEMENT) {
            return InstanceMatch.none();
        }
        double sx = (double) query.width() / query.frameWidth();
        double sy = (double) query.height() / query.frameHeight();
        int left = clamp(box[0] * sx, query.width());
        int top = clamp(box[1] * sy, query.height());
        int right = clamp(box[2] * sx, query.width());
        int bottom = clamp(box[3] * sy, query.height());
        return new InstanceMatch(inliers, inliers / (double) (inliers + threshold), inliers >= threshold, left, top,
                right - left, bottom - top);
    }

    /** The bounding box {@code x1, y1, x2, y2} of the pairs' sample points. */
    private static double[] sampleBox(List<AssociatedPair> pairs) {
        double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (AssociatedPair p : pairs) {
            box[0] = Math.min(box[0], p.p1.x);
            box[1] = Math.min(box[1], p.p1.y);
            box[2] = Math.max(box[2], p.p1.x);
            box[3] = Math.max(box[3], p.p1.y);
        }
        return box;
    }

    /** Pairs (sample point, query point) in frame pixels: mutual nearest neighbours that pass the ratio test. */
    private List<AssociatedPair> associate(InstanceFeatures query, InstanceFeatures sample) {
        ConfigAssociateGreedy config = new ConfigAssociateGreedy();
        config.forwardsBackwards = true;
        config.scoreRatioThreshold = ratio * ratio; // the scores are squared distances
        AssociateDescription<TupleDesc_S8> associate = FactoryAssociation.greedy(config, new SquaredDistance());
        associate.setSource(descriptors(query));
        associate.setDestination(descriptors(sample));
        associate.associate();
        FastAccess<AssociatedIndex> matches = associate.getMatches();
        List<AssociatedPair> pairs = new ArrayList<>(matches.size);
        for (int i = 0; i < matches.size; i++) {
            AssociatedIndex m = matches.get(i);
            pairs.add(new AssociatedPair(sample.x(m.dst), sample.y(m.dst), query.x(m.src), query.y(m.src)));
        }
        return pairs;
    }

    private static FastArray<TupleDesc_S8> descriptors(InstanceFeatures f) {
        FastArray<TupleDesc_S8> list = new FastArray<>(TupleDesc_S8.class, f.keypointCount());
        for (int i = 0; i < f.keypointCount(); i++) {
            TupleDesc_S8 d = new TupleDesc_S8(f.descriptorLength());
            f.descriptor(i, d.data);
            list.add(d);
        }
        return list;
    }

    /**
     * Squared Euclidean distance of int8 descriptors, summed in int: the JIT vectorizes that loop, which makes
     * association (most of a verification's time) about four times faster than BoofCV's double-precision sum.
     */
    private static final class SquaredDistance implements ScoreAssociation<TupleDesc_S8> {
        @Override
        public double score(TupleDesc_S8 a, TupleDesc_S8 b) {
            byte[] x = a.data;
            byte[] y = b.data;
            int sum = 0;
            for (int i = 0; i < x.length; i++) {
                int d = x[i] - y[i];
                sum += d * d;
            }
            return sum;
        }

        @Override
        public MatchScoreType getScoreType() {
            return MatchScoreType.NORM_ERROR;
        }

        @Override
        public Class<TupleDesc_S8> getDescriptorType() {
            return TupleDesc_S8.class;
        }
    }

    /**
     * The bounding box {@code x1, y1, x2, y2} (query frame pixels) of the sample frame's corners projected through
     * {@code h}, then the area inside them, or null when the projection is no plausible view of it: a corner behind
     * the camera, a concave or mirrored outline, or an area change beyond {@link #MAX_AREA_CHANGE}.
     */
    private static double[] outline(Homography2D_F64 h, InstanceFeatures sample) {
        double w = sample.frameWidth();
        double ht = sample.frameHeight();
        double[][] corners = {{0, 0}, {w, 0}, {w, ht}, {0, ht}};
        double[] xs = new double[4];
        double[] ys = new double[4];
        double sign = 0;
        for (int i = 0; i < 4; i++) {
            double x = corners[i][0];
            double y = corners[i][1];
            double scale = h.a31 * x + h.a32 * y + h.a33;
            if (scale == 0 || scale * sign < 0) {
                return null; // the outline crosses the horizon: part of it would be behind the camera
            }
            sign = scale;
            Point2D_F64 p = HomographyPointOps_F64.transform(h, x, y, null);
            xs[i] = p.x;
            ys[i] = p.y;
        }
        double area = 0;
        for (int i = 0; i < 4; i++) {
            int j = (i + 1) % 4;
            int k = (i + 2) % 4;
            double turn = (xs[j] - xs[i]) * (ys[k] - ys[j]) - (ys[j] - ys[i]) * (xs[k] - xs[j]);
            if (turn <= 0) {
                return null; // image y points down, so an upright, unmirrored outline turns clockwise: turn > 0
            }
            area += xs[i] * ys[j] - xs[j] * ys[i];
        }
        area = Math.abs(area / 2);
        double change = area / (w * ht);
        if (change > MAX_AREA_CHANGE || change < 1 / MAX_AREA_CHANGE) {
            return null;
        }
        return new double[] {min(xs), min(ys), max(xs), max(ys), area};
    }

    private static int clamp(double v, int max) {
        return (int) Math.round(Math.max(0, Math.min(max, v)));
    }

    private static double min(double[] v) {
        return Math.min(Math.min(v[0], v[1]), Math.min(v[2], v[3]));
    }

    private static double max(double[] v) {
        return Math.max(Math.max(v[0], v[1]), Math.max(v[2], v[3]));
    }
}
