package dev.openrecog.vision.face;

/**
 * A face as the detector found it, in original-image pixels (edges at integers): score, box
 * {@code x1, y1, x2, y2} clamped to the image, and six keypoints {@code x, y} (not clamped): the eye on the
 * image's left, the other eye, nose tip, mouth centre, the ear on the image's left, the other ear.
 */
final class DetectedFace {
    final float score;
    final double[] box;
    final double[] keypoints;

    DetectedFace(float score, double[] box, double[] keypoints) {
        this.score = score;
        this.box = box;
        this.keypoints = keypoints;
    }

    double width() {
        return box[2] - box[0];
    }

    double height() {
        return box[3] - box[1];
    }
}
