package dev.openrecog.vision.detect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Scores one photo's detections (boxes in image fractions) against its {@link PhotoTruth.Photo}. */
final class Accuracy {
    static final float MATCH_IOU = 0.5f;

    /** A detection mapped to the original image. */
    static final class Found {
        final String label;
        final float score;
        final float[] box;

        Found(String label, float score, float[] box) {
            this.label = label;
            this.score = score;
            this.box = box;
        }
    }

    /** Counts for one photo at one threshold. */
    static final class Result {
        int expectedClasses;
        int foundClasses;
        final Set<String> falseClasses = new LinkedHashSet<>();
        int requiredObjects;
        int foundObjects;
        int falsePositives;
        final List<String> missed = new ArrayList<>();

        void add(Result o) {
            expectedClasses += o.expectedClasses;
            foundClasses += o.foundClasses;
            requiredObjects += o.requiredObjects;
            foundObjects += o.foundObjects;
            falsePositives += o.falsePositives;
        }
    }

    private Accuracy() {
    }

    static float iou(float[] a, float[] b) {
        float ix = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
        float iy = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        if (ix <= 0 || iy <= 0) {
            return 0;
        }
        float inter = ix * iy;
        return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter);
    }

    /**
     * Greedy matching, best detection first: a detection takes the unmatched object of an acceptable class with the
     * highest IoU (at least {@link #MATCH_IOU}). Unmatched detections are false positives unless their class is one
     * the photo leaves unannotated. A second detection on an already matched object is a false positive.
     */
    static Result score(PhotoTruth.Photo photo, List<Found> found, float threshold) {
        Result r = new Result();
        List<Found> kept = new ArrayList<>();
        for (Found f : found) {
            if (f.score >= threshold) {
                kept.add(f);
            }
        }
        kept.sort((a, b) -> Float.compare(b.score, a.score));
        boolean[] taken = new boolean[photo.things.size()];
        for (Found f : kept) {
            int best = -1;
            float bestIou = MATCH_IOU;
            for (int i = 0; i < photo.things.size(); i++) {
                PhotoTruth.Thing t = photo.things.get(i);
                if (taken[i] || !t.classes.contains(f.label)) {
                    continue;
                }
                float v = iou(f.box, t.box);
                if (v >= bestIou) {
                    bestIou = v;
                    best = i;
                }
            }
            if (best >= 0) {
                taken[best] = true;
            } else if (!photo.ignoreUnmatched.contains(f.label)) {
                r.falsePositives++;
            }
        }
        for (int i = 0; i < photo.things.size(); i++) {
            PhotoTruth.Thing t = photo.things.get(i);
            if (t.required) {
                r.requiredObjects++;
                if (taken[i]) {
                    r.foundObjects++;
                } else {
                    r.missed.add(String.join("|", t.classes));
                }
            }
        }
        Set<String> labels = new LinkedHashSet<>();
        for (Found f : kept) {
            labels.add(f.label);
        }
        Set<String> allowed = new LinkedHashSet<>();
        for (PhotoTruth.Thing t : photo.things) {
            allowed.addAll(t.classes);
        }
        allowed.addAll(photo.ignoreUnmatched);
        for (Set<String> e : photo.expectedClasses) {
            r.expectedClasses++;
            if (e.stream().anyMatch(labels::contains)) {
                r.foundClasses++;
            }
        }
        for (String l : labels) {
            if (!allowed.contains(l)) {
                r.falseClasses.add(l);
            }
        }
        return r;
    }
}
