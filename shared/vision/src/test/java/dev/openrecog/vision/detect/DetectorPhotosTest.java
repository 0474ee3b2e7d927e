package dev.openrecog.vision.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both built-in detectors on real photos (Debian's darknet package, {@code /usr/share/darknet/data}), through the
 * service's own image pipeline, at each manifest's default score threshold: the expected classes are found and
 * their boxes are where the objects are. Skipped when darknet is not installed (CI installs it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DetectorPhotosTest {
    private final Map<String, Detector> detectors = new HashMap<>();
    private final Map<String, List<Accuracy.Found>> cache = new HashMap<>();

    @BeforeAll
    void photos() {
        assumeTrue(TestImages.darknetInstalled(), "darknet's photos are not installed (apt-get install darknet)");
    }

    @AfterAll
    void close() {
        detectors.values().forEach(Detector::close);
    }

    /** Detections at the manifest's default threshold, boxes as fractions of the photo. */
    private List<Accuracy.Found> detect(String model, String photo) {
        return cache.computeIfAbsent(model + "/" + photo, k -> {
            Detector d = detectors.computeIfAbsent(model, m -> Detector.create(ModelManifest.builtIn(m)));
            TestImages.Prepared p = TestImages.prepare(TestImages.DARKNET_DATA.resolve(photo + ".jpg"),
                    d.manifest().input());
            List<Accuracy.Found> out = new ArrayList<>();
            for (Detection det : d.detect(p.tensor)) {
                out.add(new Accuracy.Found(det.label(), det.score(), p.toImage(det)));
            }
            return out;
        });
    }

    private static Set<String> labels(List<Accuracy.Found> found) {
        return found.stream().map(f -> f.label).collect(Collectors.toSet());
    }

    private static Optional<Accuracy.Found> best(List<Accuracy.Found> found, String label) {
        return found.stream().filter(f -> f.label.equals(label)).findFirst();
    }

    private static String show(List<Accuracy.Found> found) {
        return found.stream().map(f -> String.format(java.util.Locale.ROOT, "%s %.2f [%.2f %.2f %.2f %.2f]", f.label,
                f.score, f.box[0], f.box[1], f.box[2], f.box[3])).collect(Collectors.joining(", "));
    }

    /** The best detection of the label overlaps the box by IoU 0.5 or more. */
    private static void at(List<Accuracy.Found> found, String label, float... box) {
        Accuracy.Found f = best(found, label).orElseThrow(() -> new AssertionError("no " + label + ": "
                + show(found)));
        float iou = Accuracy.iou(f.box, box);
        assertTrue(iou >= 0.5f, label + " box " + java.util.Arrays.toString(f.box) + " IoU " + iou + " with "
                + java.util.Arrays.toString(box));
    }

    private static float cx(Accuracy.Found f) {
        return (f.box[0] + f.box[2]) / 2;
    }

    private static float cy(Accuracy.Found f) {
        return (f.box[1] + f.box[3]) / 2;
    }

    @ParameterizedTest
    @ValueSource(strings = {"centernet", "nanodet"})
    void dog(String model) {
        List<Accuracy.Found> found = detect(model, "dog");
        Set<String> labels = labels(found);
        assertTrue(labels.contains("dog") && labels.contains("bicycle"), show(found));
        assertTrue(labels.contains("car") || labels.contains("truck"), show(found));
        Accuracy.Found dog = best(found, "dog").orElseThrow();
        assertTrue(cx(dog) < 0.45f && cy(dog) > 0.55f, "the dog sits in the lower left: " + show(found));
        at(found, "dog", 0.17f, 0.39f, 0.40f, 0.94f);
        at(found, "bicycle", 0.17f, 0.24f, 0.74f, 0.73f);
        Accuracy.Found vehicle = best(found, "car").orElseGet(() -> best(found, "truck").orElseThrow());
        assertTrue(cx(vehicle) > 0.6f && cy(vehicle) < 0.35f, "the pickup is top right: " + show(found));
    }

    @ParameterizedTest
    @ValueSource(strings = {"centernet", "nanodet"})
    void horses(String model) {
        List<Accuracy.Found> found = detect(model, "horses");
        assertEquals("horse", found.get(0).label, show(found));
        Accuracy.Result r = Accuracy.score(PhotoTruth.photo("horses"), found, 0f);
        assertTrue(r.foundObjects >= 2, "at least two of the five horses boxed: " + show(found));
    }

    @ParameterizedTest
    @ValueSource(strings = {"centernet", "nanodet"})
    void eagle(String model) {
        List<Accuracy.Found> found = detect(model, "eagle");
        assertEquals("bird", found.get(0).label, show(found));
        at(found, "bird", 0.17f, 0.17f, 0.78f, 0.88f);
    }

    @ParameterizedTest
    @ValueSource(strings = {"centernet", "nanodet"})
    void giraffe(String model) {
        List<Accuracy.Found> found = detect(model, "giraffe");
        at(found, "giraffe", 0.33f, 0.06f, 0.90f, 0.89f);
        best(found, "zebra").ifPresent(z -> assertTrue(cx(z) > 0.6f && cy(z) > 0.5f, "zebra lower right"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"centernet", "nanodet"})
    void person(String model) {
        List<Accuracy.Found> found = detect(model, "person");
        assertEquals("person", found.get(0).label, show(found));
        at(found, "person", 0.30f, 0.23f, 0.44f, 0.88f);
        if (best(found, "dog").isPresent()) {
            at(found, "dog", 0.10f, 0.62f, 0.31f, 0.80f);
        }
        if (best(found, "horse").isPresent()) {
            at(found, "horse", 0.63f, 0.33f, 0.94f, 0.81f);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"centernet", "nanodet"})
    void kite(String model) {
        List<Accuracy.Found> found = detect(model, "kite");
        Set<String> labels = labels(found);
        assertTrue(labels.contains("kite") && labels.contains("person"), show(found));
        at(found, "kite", 0.44f, 0.09f, 0.50f, 0.17f);
        Accuracy.Result r = Accuracy.score(PhotoTruth.photo("kite"), found, 0f);
        assertFalse(r.missed.contains("person"), "both people in front are boxed: " + show(found));
    }

    /** Class F1 and object F1 of a model over all photos at its default threshold. */
    private double[] accuracy(String model) {
        Accuracy.Result total = new Accuracy.Result();
        int falseClasses = 0;
        for (PhotoTruth.Photo p : PhotoTruth.PHOTOS) {
            Accuracy.Result r = Accuracy.score(p, detect(model, p.name), 0f);
            total.add(r);
            falseClasses += r.falseClasses.size();
        }
        assertEquals(12, total.expectedClasses);
        assertTrue(total.foundClasses >= 11, model + " found " + total.foundClasses + "/12 classes");
        assertTrue(falseClasses <= 3, model + " reported " + falseClasses + " wrong classes");
        return new double[] {AccuracyReport.classF1(total.foundClasses, total.expectedClasses, falseClasses),
            AccuracyReport.f1(total)};
    }

    /**
     * The measured accuracy of MODELS.md, as a floor: at its default threshold each model finds at least 11 of the
     * 12 expected classes with at most 3 wrong ones and an object F1 of at least 0.8.
     */
    @ParameterizedTest
    @ValueSource(strings = {"centernet", "nanodet"})
    void accuracyAtTheDefaultThreshold(String model) {
        double[] f1 = accuracy(model);
        assertTrue(f1[1] >= 0.8, model + " object F1 " + f1[1]);
    }

    /** The default model is the one that measures better, on labels and on boxes. */
    @org.junit.jupiter.api.Test
    void theDefaultModelIsTheMoreAccurate() {
        double[] best = accuracy(ModelManifest.DEFAULT_MODEL);
        for (String other : ModelManifest.builtInNames()) {
            double[] f1 = accuracy(other);
            assertTrue(best[0] >= f1[0] && best[1] >= f1[1], ModelManifest.DEFAULT_MODEL + " "
                    + java.util.Arrays.toString(best) + " vs " + other + " " + java.util.Arrays.toString(f1));
        }
    }
}
