package dev.openrecog.vision.detect;

import java.util.List;
import java.util.Set;

/**
 * Hand-made ground truth for the photos of Debian's darknet package ({@code /usr/share/darknet/data}): the objects
 * a COCO detector should find, with rough boxes as fractions of the image (x1, y1, x2, y2), read off the photos on
 * a 10% grid. Matching uses IoU 0.5, which tolerates that roughness.
 */
final class PhotoTruth {
    /** One object: the classes that count as right (e.g. car or truck for a pickup) and its box. */
    static final class Thing {
        final Set<String> classes;
        final float[] box;
        /** Required things count as found or missed; optional ones are neither hits nor false positives. */
        final boolean required;

        Thing(Set<String> classes, boolean required, float... box) {
            this.classes = classes;
            this.box = box;
            this.required = required;
        }
    }

    /** One photo: its objects, the classes it is expected to yield, and classes whose unmatched boxes are ignored. */
    static final class Photo {
        final String name;
        final List<Thing> things;
        /** Each entry is one expected class, given as its acceptable labels (e.g. {car, truck}). */
        final List<Set<String>> expectedClasses;
        /** Unannotated small instances of these classes exist: their unmatched detections are not false positives. */
        final Set<String> ignoreUnmatched;

        Photo(String name, List<Thing> things, List<Set<String>> expectedClasses, Set<String> ignoreUnmatched) {
            this.name = name;
            this.things = things;
            this.expectedClasses = expectedClasses;
            this.ignoreUnmatched = ignoreUnmatched;
        }
    }

    private static Thing req(String cls, float... box) {
        return new Thing(Set.of(cls), true, box);
    }

    static final List<Photo> PHOTOS = List.of(
            new Photo("dog",
                    List.of(req("dog", 0.17f, 0.39f, 0.40f, 0.94f),
                            req("bicycle", 0.17f, 0.24f, 0.74f, 0.73f),
                            new Thing(Set.of("car", "truck"), true, 0.61f, 0.13f, 0.93f, 0.30f),
                            // a scooter half hidden by the porch post, top left
                            new Thing(Set.of("motorbike"), false, 0.07f, 0.12f, 0.14f, 0.21f)),
                    List.of(Set.of("dog"), Set.of("bicycle"), Set.of("car", "truck")), Set.of()),
            new Photo("horses",
                    List.of(req("horse", 0.00f, 0.38f, 0.41f, 0.80f),
                            req("horse", 0.30f, 0.38f, 0.54f, 0.70f),
                            req("horse", 0.57f, 0.41f, 0.77f, 0.68f),
                            req("horse", 0.50f, 0.40f, 0.59f, 0.63f),
                            req("horse", 0.00f, 0.36f, 0.20f, 0.50f)),
                    List.of(Set.of("horse")), Set.of()),
            new Photo("eagle",
                    List.of(req("bird", 0.17f, 0.17f, 0.78f, 0.88f)),
                    List.of(Set.of("bird")), Set.of()),
            new Photo("giraffe",
                    List.of(req("giraffe", 0.33f, 0.06f, 0.90f, 0.89f),
                            req("zebra", 0.50f, 0.41f, 0.85f, 0.88f)),
                    List.of(Set.of("giraffe"), Set.of("zebra")), Set.of()),
            new Photo("person",
                    List.of(req("person", 0.30f, 0.23f, 0.44f, 0.88f),
                            req("dog", 0.10f, 0.62f, 0.31f, 0.80f),
                            req("horse", 0.63f, 0.33f, 0.94f, 0.81f)),
                    List.of(Set.of("person"), Set.of("dog"), Set.of("horse")), Set.of()),
            new Photo("kite",
                    List.of(req("kite", 0.44f, 0.09f, 0.50f, 0.17f),
                            req("person", 0.08f, 0.68f, 0.12f, 0.85f),
                            req("person", 0.16f, 0.77f, 0.20f, 0.95f),
                            req("kite", 0.21f, 0.26f, 0.23f, 0.31f)),
                    List.of(Set.of("kite"), Set.of("person")),
                    // many small kites, kite surfers and people on the beach are not annotated
                    Set.of("kite", "person", "surfboard")));

    private PhotoTruth() {
    }

    static Photo photo(String name) {
        return PHOTOS.stream().filter(p -> p.name.equals(name)).findFirst().orElseThrow();
    }
}
