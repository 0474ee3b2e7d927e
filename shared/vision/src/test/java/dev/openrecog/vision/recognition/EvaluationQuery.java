package dev.openrecog.vision.recognition;

import dev.openrecog.domain.recognition.RecognitionMatch;
import dev.openrecog.domain.recognition.Region;
import java.util.List;

/**
 * What the recognizer answered for one thing shown in a query (a face in a copy, an edited image), reduced to the
 * two scores every measure needs: the entity that is really there, and the best entity that is not.
 */
final class EvaluationQuery {
    /** What the query is, for the listings of errors. */
    final String name;
    /** The edit that made the query image ("original" for an unedited one). */
    final String change;
    /** The entity shown, or null when it is not enrolled (open set): then every match is false. */
    final String expected;
    /** The expected entity's score, 0 when it was not matched at all. */
    final double genuine;
    /** The best score of another entity, 0 when none was matched. */
    final double impostor;
    /** That other entity, or null. */
    final String impostorName;
    /** Overlap of the expected entity's match with where it really is; NaN when unknown or not matched. */
    final double boxIoU;

    /**
     * @param matches the recognizer's matches for the thing, at threshold 0
     * @param truth where the expected entity is in the query, {@code x1, y1, x2, y2}; null when not known
     */
    EvaluationQuery(String name, String change, String expected, List<RecognitionMatch> matches, double[] truth) {
        this.name = name;
        this.change = change;
        this.expected = expected;
        RecognitionMatch best = null;
        double wrong = 0;
        String wrongName = null;
        for (RecognitionMatch m : matches) {
            if (m.entityName().equals(expected)) {
                if (best == null || m.score() > best.score()) {
                    best = m;
                }
            } else if (m.score() > wrong || wrongName == null) {
                wrong = m.score();
                wrongName = m.entityName();
            }
        }
        this.genuine = best == null ? 0 : best.score();
        this.impostor = wrong;
        this.impostorName = wrongName;
        this.boxIoU = truth == null || best == null ? Double.NaN : iou(best.region(), truth);
    }

    boolean enrolled() {
        return expected != null;
    }

    /** The best match at the threshold names the right entity. */
    boolean top1(double threshold) {
        return enrolled() && genuine >= threshold && genuine > impostor;
    }

    /** A match at the threshold names an entity that is not there. */
    boolean falseMatch(double threshold) {
        return impostorName != null && impostor >= threshold;
    }

    private static double iou(Region r, double[] b) {
        double w = Math.max(0, Math.min(r.left() + r.width(), b[2]) - Math.max(r.left(), b[0]));
        double h = Math.max(0, Math.min(r.top() + r.height(), b[3]) - Math.max(r.top(), b[1]));
        double union = (double) r.width() * r.height() + (b[2] - b[0]) * (b[3] - b[1]) - w * h;
        return union <= 0 ? 0 : w * h / union;
    }
}
