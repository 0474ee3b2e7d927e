package dev.openrecog.vision.face;

import dev.openrecog.vision.image.DecodedImage;
import dev.openrecog.vision.image.InputSpec;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Cuts a face out of an image for the embedder: a similarity transform (rotation, one scale, shift) that puts the
 * two eyes level, centred, at a fixed height and distance apart in the crop (the manifest's template), as
 * face-recognition training crops are made. So a tilted or off-centre face gives the same crop as an upright,
 * centred one. A face in profile, whose eyes nearly coincide, is cut by its box instead. Samples are bilinear,
 * averaged over up to 4x4 points per crop pixel where the face is larger than the crop (no aliasing); outside the
 * image they are black. Written straight into a tensor as the embedder's {@link InputSpec} says.
 */
final class FaceAligner {
    private static final int MAX_SUPERSAMPLING = 4;
    /** Eye distance over box width: about 0.42 for a frontal face (0.35-0.5 on the test photos), ... */
    static final double FRONTAL = 0.42;
    /** ... and below this, a face turned too far to align on its eyes. */
    static final double PROFILE = 0.25;

    private final double eyeY;
    private final double eyeDistance;

    /**
     * @param eyeY the eyes' height in the crop, a fraction of its height
     * @param eyeDistance the distance between the eyes, a fraction of the crop's width
     */
    FaceAligner(double eyeY, double eyeDistance) {
        this.eyeY = eyeY;
        this.eyeDistance = eyeDistance;
    }

    /** The face's crop as a tensor for {@code spec}. */
    FloatBuffer crop(DecodedImage image, DetectedFace face, InputSpec spec) {
        double[] k = face.keypoints;
        double vx = k[2] - k[0];
        double vy = k[3] - k[1];
        double distance = Math.hypot(vx, vy);
        if (distance < Math.max(PROFILE * face.width(), 1e-6)) {
            // A face in profile: its eyes nearly coincide, so their distance and angle say nothing. Take a frontal
            // face's eye distance from the box, and no rotation.
            vx = FRONTAL * Math.max(face.width(), 1);
            vy = 0;
            distance = vx;
        }
        double scale = distance / (eyeDistance * spec.width()); // image pixels per crop pixel
        double a = scale * vx / distance;
        double b = scale * vy / distance;
        double mx = spec.width() / 2.0;
        double my = eyeY * spec.height();
        return sample(image, a, b, (k[0] + k[2]) / 2 - (a * mx - b * my), (k[1] + k[3]) / 2 - (b * mx + a * my),
                spec);
    }

    /**
     * The crop whose pixel centre {@code (u', v') = (u + 0.5, v + 0.5)} lies at original-image
     * {@code (a u' - b v' + tx, b u' + a v' + ty)}.
     */
    private static FloatBuffer sample(DecodedImage image, double a, double b, double tx, double ty, InputSpec spec) {
        int w = spec.width();
        int h = spec.height();
        // To decoded pixels, whose centres are at integers here.
        double ox = image.toOriginalX(0);
        double oy = image.toOriginalY(0);
        double sx = image.stepX();
        double sy = image.stepY();
        double footprint = Math.hypot(a, b) / Math.min(sx, sy);
        int n = Math.max(1, Math.min(MAX_SUPERSAMPLING, (int) Math.ceil(footprint - 1e-9)));
        float[] mul = new float[3];
        float[] add = new float[3];
        float[] mean = spec.mean();
        float[] std = spec.std();
        for (int c = 0; c < 3; c++) {
            mul[c] = spec.scale() / std[c];
            add[c] = -mean[c] / std[c];
        }
        boolean rgb = spec.channelOrder() == InputSpec.ChannelOrder.RGB;
        boolean nhwc = spec.layout() == InputSpec.Layout.NHWC;
        float[] out = new float[spec.size()];
        float[] bgr = new float[3];
        float[] sum = new float[3];
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                Arrays.fill(sum, 0f);
                for (int j = 0; j < n; j++) {
                    double cv = v + (j + 0.5) / n;
                    for (int i = 0; i < n; i++) {
                        double cu = u + (i + 0.5) / n;
                        double x = a * cu - b * cv + tx;
                        double y = b * cu + a * cv + ty;
                        bilinear(image, (x - ox) / sx - 0.5, (y - oy) / sy - 0.5, bgr);
                        sum[0] += bgr[0];
                        sum[1] += bgr[1];
                        sum[2] += bgr[2];
                    }
                }
                for (int c = 0; c < 3; c++) {
                    float value = sum[rgb ? 2 - c : c] / (n * n) * mul[c] + add[c];
                    out[nhwc ? (v * w + u) * 3 + c : (c * h + v) * w + u] = value;
                }
            }
        }
        return FloatBuffer.wrap(out);
    }

    /** B, G, R at decoded position (x, y) (pixel centres at integers); black outside the image. */
    private static void bilinear(DecodedImage image, double x, double y, float[] bgr) {
        int w = image.width();
        int h = image.height();
        if (x < -0.5 || y < -0.5 || x > w - 0.5 || y > h - 0.5) {
            bgr[0] = 0;
            bgr[1] = 0;
            bgr[2] = 0;
            return;
        }
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        float fx = (float) (x - x0);
        float fy = (float) (y - y0);
        int xa = Math.max(0, x0);
        int xb = Math.min(w - 1, x0 + 1);
        int ya = Math.max(0, y0);
        int yb = Math.min(h - 1, y0 + 1);
        byte[] px = image.bgr();
        for (int c = 0; c < 3; c++) {
            float p00 = px[(ya * w + xa) * 3 + c] & 0xFF;
            float p01 = px[(ya * w + xb) * 3 + c] & 0xFF;
            float p10 = px[(yb * w + xa) * 3 + c] & 0xFF;
            float p11 = px[(yb * w + xb) * 3 + c] & 0xFF;
            float top = p00 + (p01 - p00) * fx;
            float bottom = p10 + (p11 - p10) * fx;
            bgr[c] = top + (bottom - top) * fy;
        }
    }
}
