package dev.openrecog.vision.instance;

import dev.openrecog.domain.recognition.Region;

/**
 * The outcome of verifying a query image against one sample ({@link InstanceVerifier#verify}): how many keypoint
 * matches agree on one homography, the score derived from that, whether it reaches the verifier's threshold, and
 * where the sample lies in the query: the bounding box of the sample image's corners projected into the query, in
 * the query's original pixels, clipped to it (all 0 when there is no plausible homography).
 */
public final class InstanceMatch {
    private final int inliers;
    private final double score;
    private final boolean matched;
    private final Region region;

    InstanceMatch(int inliers, double score, boolean matched, int left, int top, int width, int height) {
        this.inliers = inliers;
        this.score = score;
        this.matched = matched;
        this.region = new Region(left, top, width, height);
    }

    static InstanceMatch none() {
        return new InstanceMatch(0, 0, false, 0, 0, 0, 0);
    }

    /** Keypoint matches consistent with the homography (0 when none was found or it was implausible). */
    public int inliers() {
        return inliers;
    }

    /** 0..1, growing with {@link #inliers()}; see {@link InstanceVerifier} for the definition. */
    public double score() {
        return score;
    }

    /** Whether the score reaches the verifier's threshold: the query shows the sample. */
    public boolean matched() {
        return matched;
    }

    /** Where the sample lies in the query (all 0 without a plausible homography). */
    public Region region() {
        return region;
    }

    @Override
    public String toString() {
        return "InstanceMatch[" + (matched ? "matched" : "not matched") + ", " + inliers + " inliers, score "
                + String.format(java.util.Locale.ROOT, "%.3f", score) + (region.width() > 0 ? ", box " + region : "") + "]";
    }
}
