package dev.openrecog.vision.detect;

import dev.openrecog.vision.image.InputSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints the accuracy table of MODELS.md: each built-in model on the darknet photos against {@link PhotoTruth},
 * swept over score thresholds. Not a test (run it by hand):
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) dev.openrecog.vision.detect.AccuracyReport \
 *     [models: built-in names or manifest files, comma-separated; default all built-in] \
 *     [preprocessing variants, default "manifest"]
 * </pre>
 *
 * <p>Variants re-run a model with other preprocessing, to compare choices: {@code manifest} (as the manifest says),
 * {@code unit} (p/255), {@code raw} (0..255), {@code imagenet} (ImageNet mean/std), {@code sym} ((p-127)/128); a
 * {@code -bgr} suffix swaps the channel order, {@code -lb} letterboxes, {@code -stretch} stretches. All go through
 * the service's decoder and {@code Preprocess} (area-averaging downscale) except {@code tfjs}: the manifest's
 * normalization after a TF.js-style bilinear resize without antialiasing.
 */
public final class AccuracyReport {
    static final float[] THRESHOLDS = {0.20f, 0.25f, 0.30f, 0.35f, 0.40f, 0.45f, 0.50f, 0.55f, 0.60f};

    private AccuracyReport() {
    }

    public static void main(String[] args) {
        List<String> models = args.length > 0 ? List.of(args[0].split(",")) : ModelManifest.builtInNames();
        String[] variants = args.length > 1 ? args[1].split(",") : new String[] {"manifest"};
        System.out.println("| model | input | threshold | classes found | false classes | class F1 | objects found"
                + " | false boxes | object F1 |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (String model : models) {
            ModelManifest m = model.endsWith(".json") ? ModelManifest.load(java.nio.file.Path.of(model))
                    : ModelManifest.builtIn(model);
            try (Detector det = Detector.create(m)) {
                for (String v : variants) {
                    ModelInput in = variant(m.input(), v);
                    List<List<Accuracy.Found>> all = run(det, in, v.startsWith("tfjs"));
                    for (float t : THRESHOLDS) {
                        Accuracy.Result total = new Accuracy.Result();
                        List<String> falseClasses = new ArrayList<>();
                        List<String> missed = new ArrayList<>();
                        for (int i = 0; i < PhotoTruth.PHOTOS.size(); i++) {
                            PhotoTruth.Photo p = PhotoTruth.PHOTOS.get(i);
                            Accuracy.Result r = Accuracy.score(p, all.get(i), t);
                            total.add(r);
                            for (String fc : r.falseClasses) {
                                falseClasses.add(p.name + ":" + fc);
                            }
                            for (String ms : r.missed) {
                                missed.add(p.name + ":" + ms);
                            }
                        }
                        System.out.println(String.format(Locale.ROOT,
                                "| %s | %s | %.2f | %d/%d | %d %s | %.3f | %d/%d %s | %d | %.3f |",
                                m.name(), v, t, total.foundClasses, total.expectedClasses, falseClasses.size(),
                                falseClasses.isEmpty() ? "" : "(" + String.join(", ", falseClasses) + ")",
                                classF1(total.foundClasses, total.expectedClasses, falseClasses.size()),
                                total.foundObjects, total.requiredObjects,
                                missed.isEmpty() ? "" : "(missed " + String.join(", ", missed) + ")",
                                total.falsePositives, f1(total)));
                    }
                }
            }
        }
    }

    /** F1 over labels: expected classes found vs wrong classes reported, summed over the photos. */
    static double classF1(int found, int expected, int falseClasses) {
        if (found == 0) {
            return 0;
        }
        double precision = (double) found / (found + falseClasses);
        double recall = (double) found / expected;
        return 2 * precision * recall / (precision + recall);
    }

    /** F1 over objects: required objects matched (IoU 0.5) vs detections matching nothing. */
    static double f1(Accuracy.Result r) {
        double tp = r.foundObjects;
        if (tp == 0) {
            return 0;
        }
        double precision = tp / (tp + r.falsePositives);
        double recall = tp / r.requiredObjects;
        return 2 * precision * recall / (precision + recall);
    }

    /** Detections of every photo at score 0.05, mapped to image fractions. */
    static List<List<Accuracy.Found>> run(Detector det, ModelInput in, boolean tfjs) {
        List<List<Accuracy.Found>> all = new ArrayList<>();
        for (PhotoTruth.Photo p : PhotoTruth.PHOTOS) {
            TestImages.Prepared prep = TestImages.prepare(TestImages.DARKNET_DATA.resolve(p.name + ".jpg"), in,
                    tfjs);
            List<Accuracy.Found> found = new ArrayList<>();
            for (Detection d : det.detect(prep.tensor, 0.05f)) {
                found.add(new Accuracy.Found(d.label(), d.score(), prep.toImage(d)));
            }
            all.add(found);
        }
        return all;
    }

    /** The manifest's input with the preprocessing a variant name describes. */
    static ModelInput variant(ModelInput b, String v) {
        InputSpec spec = b.spec();
        String base = v.split("-")[0];
        switch (base) {
            case "manifest":
            case "tfjs":
                break;
            case "unit":
                spec = spec.withNormalization(InputSpec.UNIT_SCALE, new float[] {0, 0, 0}, new float[] {1, 1, 1});
                break;
            case "raw":
                spec = spec.withNormalization(1f, new float[] {0, 0, 0}, new float[] {1, 1, 1});
                break;
            case "imagenet":
                // ImageNet statistics in R, G, B order; reversed below for a BGR tensor
                spec = spec.withNormalization(1f, new float[] {123.675f, 116.28f, 103.53f},
                        new float[] {58.395f, 57.12f, 57.375f});
                break;
            case "sym":
                spec = spec.withNormalization(1f, new float[] {127, 127, 127}, new float[] {128, 128, 128});
                break;
            default:
                throw new IllegalArgumentException("unknown variant " + v);
        }
        if (v.contains("-bgr")) {
            float[] m = spec.mean();
            float[] s = spec.std();
            InputSpec.ChannelOrder other = spec.channelOrder() == InputSpec.ChannelOrder.RGB
                    ? InputSpec.ChannelOrder.BGR : InputSpec.ChannelOrder.RGB;
            spec = spec.withChannelOrder(other).withNormalization(spec.scale(), new float[] {m[2], m[1], m[0]},
                    new float[] {s[2], s[1], s[0]});
        }
        if (v.contains("-lb")) {
            spec = spec.withResize(InputSpec.Resize.LETTERBOX);
        }
        if (v.contains("-stretch")) {
            spec = spec.withResize(InputSpec.Resize.STRETCH);
        }
        return b.withSpec(spec);
    }
}
