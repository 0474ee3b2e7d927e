package dev.openrecog.vision.face;

import dev.openrecog.vision.image.DecodedImage;
import dev.openrecog.vision.image.ImageDecoder;
import dev.openrecog.vision.image.ImageFormat;
import java.awt.Image;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The face identification benchmark behind the Faces table of {@code shared/vision/MODELS.md} (a main, not a
 * test: it takes minutes):
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) dev.openrecog.vision.face.FaceAccuracyReport \
 *     &lt;face-api demo folder&gt; [folder with the candidate models converted, mobilefacenet.onnx]
 * </pre>
 *
 * (MODELS.md, section Faces, shows how to convert the candidate that is not shipped; without the folder only the
 * shipped model's variants run.)
 *
 * <p>Gallery: every face BlazeFace finds in face-api's {@code demo/sample*.jpg} (each one an identity). Queries: the
 * faces found in {@link FaceTransforms edited copies} of each photo, each traced back through the copy's geometry
 * to the gallery face it shows. Printed: the detection thresholds (faces found in the copies; false faces there and
 * in darknet photos without faces); per embedder variant, top-1 identification and, at each candidate threshold, the
 * share of genuine pairs (query, its gallery face) that match and of impostor pairs (query or gallery face, another
 * gallery face) that match falsely; last, how small a face can be and still be identified.
 */
public final class FaceAccuracyReport {
    /** Photos of Debian's darknet package that show no human face. */
    static final List<String> NO_FACES = List.of("dog", "eagle", "giraffe", "horses", "kite", "scream");
    static final float DETECTION_FLOOR = 0.3f;
    static final double[] THRESHOLDS = {0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95};

    private FaceAccuracyReport() {
    }

    /** An embedder to measure: a manifest (JSON text) and where its model file is. */
    record Variant(String name, String manifest, Path model) {
        FaceEmbedder load() {
            return FaceEmbedder.load(FaceModel.parse(manifest.getBytes(StandardCharsets.UTF_8), name, "embedder",
                    model), 2);
        }
    }

    record Identity(String photo, DetectedFace face) {
    }

    record Query(String transform, DecodedImage image, DetectedFace face, int identity) {
    }

    public static void main(String[] args) throws Exception {
        Path demo = Path.of(args[0]);
        Path candidates = args.length > 1 ? Path.of(args[1]) : null;
        List<Variant> variants = variants(candidates);
        // Without a candidates folder, only the variants of the shipped model (on the class path) run.
        variants.removeIf(v -> v.model() == null && !v.manifest().contains(FaceAnalyzer.EMBEDDER + ".onnx"));
        ImageDecoder decoder = new ImageDecoder();
        List<Identity> gallery = new ArrayList<>();
        List<DecodedImage> galleryImages = new ArrayList<>();
        List<Query> found = new ArrayList<>();
        List<Float> falseFaces = new ArrayList<>();
        int expected = 0;
        float threshold;
        try (BlazeFace detector = BlazeFace.load(FaceModel.builtIn(FaceAnalyzer.DETECTOR, "detector"), 2)) {
            threshold = detector.scoreThreshold();
            for (int p = 1; Files.isRegularFile(demo.resolve("sample" + p + ".jpg")); p++) {
                String photo = "sample" + p;
                byte[] bytes = Files.readAllBytes(demo.resolve(photo + ".jpg"));
                DecodedImage original = decoder.decode(bytes, FaceAnalyzer.DECODE_SIZE, FaceAnalyzer.DECODE_SIZE);
                int first = gallery.size();
                for (DetectedFace f : detector.detect(original)) {
                    gallery.add(new Identity(photo, f));
                    galleryImages.add(original);
                }
                for (FaceTransforms.Transform t : FaceTransforms.ALL) {
                    FaceTransforms.Transformed copy = t.apply(bytes, p);
                    DecodedImage image = decoder.decode(copy.jpeg(), FaceAnalyzer.DECODE_SIZE,
                            FaceAnalyzer.DECODE_SIZE);
                    AffineTransform back = copy.geometry().createInverse();
                    boolean[] seen = new boolean[gallery.size()];
                    for (DetectedFace f : detector.detect(image, DETECTION_FLOOR, detector.minFaceSize())) {
                        Point2D c = back.transform(new Point2D.Double((f.box[0] + f.box[2]) / 2,
                                (f.box[1] + f.box[3]) / 2), null);
                        int id = identityAt(gallery, first, c);
                        if (id >= 0 && !seen[id]) {
                            seen[id] = true;
                            found.add(new Query(t.name(), image, f, id));
                        } else {
                            falseFaces.add(f.score);
                        }
                    }
                    for (int g = first; g < gallery.size(); g++) {
                        double[] b = gallery.get(g).face().box;
                        Point2D c = copy.geometry().transform(new Point2D.Double((b[0] + b[2]) / 2,
                                (b[1] + b[3]) / 2), null);
                        if (seen[g] || c.getX() >= 0 && c.getY() >= 0 && c.getX() < copy.width()
                                && c.getY() < copy.height()) {
                            expected++; // its centre is in the copy, or enough of it to be found
                        }
                    }
                }
            }
            for (String photo : NO_FACES) {
                Path file = FacePhotos.DARKNET.resolve(photo + ".jpg");
                if (Files.isRegularFile(file)) {
                    for (DetectedFace f : detector.detect(decoder.decode(Files.readAllBytes(file),
                            FaceAnalyzer.DECODE_SIZE, FaceAnalyzer.DECODE_SIZE), DETECTION_FLOOR, detector.minFaceSize())) {
                        falseFaces.add(f.score);
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d identities (gallery faces), %d transforms, %d faces expected in the copies%n",
                gallery.size(), FaceTransforms.ALL.size(), expected);
        System.out.println("| detection threshold | faces found in the copies | false faces (copies + darknet " + NO_FACES
                + ") |");
        for (float t : new float[] {0.3f, 0.4f, 0.5f, 0.55f, 0.6f, 0.65f, 0.7f, 0.75f}) {
            long hits = found.stream().filter(q -> q.face().score >= t).count();
            System.out.printf(Locale.ROOT, "| %.2f | %d/%d = %.1f%% | %d |%n", t, hits, expected, 100.0 * hits / expected,
                    falseFaces.stream().filter(s -> s >= t).count());
        }
        List<Query> queries = new ArrayList<>(found);
        queries.removeIf(q -> q.face().score < threshold);
        for (FaceTransforms.Transform t : FaceTransforms.ALL) {
            long lost = found.stream().filter(q -> q.transform().equals(t.name()) && q.face().score < threshold).count();
            if (lost > 0) {
                System.out.printf(Locale.ROOT, "  below %.2f under %s: %d%n", threshold, t.name(), lost);
            }
        }
        for (Variant v : variants) {
            try (FaceEmbedder embedder = v.load()) {
                report(v, embedder, gallery, galleryImages, queries);
            }
        }
        sizes(demo, gallery, galleryImages, threshold);
    }

    /**
     * How small a face can be: each photo scaled down (area averaging) until its faces are a few pixels wide,
     * detected without a size limit, and identified against the gallery with the shipped embedder.
     */
    private static void sizes(Path demo, List<Identity> gallery, List<DecodedImage> galleryImages, float minScore)
            throws Exception {
        System.out.println("\n| scale | face width (median) | faces found | identified (top-1 and ≥ match threshold) |");
        try (BlazeFace detector = BlazeFace.load(FaceModel.builtIn(FaceAnalyzer.DETECTOR, "detector"), 2);
                FaceEmbedder embedder = FaceEmbedder.load(FaceModel.builtIn(FaceAnalyzer.EMBEDDER, "embedder"), 2)) {
            float[][] g = new float[gallery.size()][];
            for (int i = 0; i < g.length; i++) {
                g[i] = embedder.embed(galleryImages.get(i), gallery.get(i).face());
            }
            for (double scale : new double[] {0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.3}) {
                int faces = 0;
                int identified = 0;
                List<Float> widths = new ArrayList<>();
                int first = 0;
                for (int p = 1; first < gallery.size(); p++) {
                    BufferedImage img = FaceTransforms.read(Files.readAllBytes(demo.resolve("sample" + p + ".jpg")));
                    int w = (int) Math.round(img.getWidth() * scale);
                    int h = (int) Math.round(img.getHeight() * scale);
                    BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
                    small.createGraphics().drawImage(img.getScaledInstance(w, h, Image.SCALE_AREA_AVERAGING), 0, 0,
                            null);
                    DecodedImage image = DecodedImage.of(small, ImageFormat.JPEG);
                    boolean[] seen = new boolean[gallery.size()];
                    for (DetectedFace f : detector.detect(image, minScore, 0)) {
                        Point2D c = new Point2D.Double((f.box[0] + f.box[2]) / 2 / scale,
                                (f.box[1] + f.box[3]) / 2 / scale);
                        int id = identityAt(gallery, first, c);
                        if (id < 0 || seen[id]) {
                            continue;
                        }
                        seen[id] = true;
                        faces++;
                        widths.add((float) f.width());
                        float[] e = embedder.embed(image, f);
                        int best = 0;
                        for (int i = 1; i < g.length; i++) {
                            if (Face.similarity(e, g[i]) > Face.similarity(e, g[best])) {
                                best = i;
                            }
                        }
                        if (best == id && Face.similarity(e, g[id]) >= embedder.matchThreshold()) {
                            identified++;
                        }
                    }
                    String photo = gallery.get(first).photo();
                    while (first < gallery.size() && gallery.get(first).photo().equals(photo)) {
                        first++;
                    }
                }
                System.out.printf(Locale.ROOT, "| %.3f | %.0f px | %d/%d | %d/%d |%n", scale,
                        widths.isEmpty() ? 0 : percentile(widths, 50), faces, gallery.size(), identified, faces);
            }
        }
    }

    /** The gallery face of this photo whose box holds the point (the nearest centre if several). */
    private static int identityAt(List<Identity> gallery, int first, Point2D c) {
        int best = -1;
        double bestDistance = Double.MAX_VALUE;
        for (int g = first; g < gallery.size() && gallery.get(g).photo().equals(gallery.get(first).photo()); g++) {
            double[] b = gallery.get(g).face().box;
            if (c.getX() >= b[0] && c.getX() <= b[2] && c.getY() >= b[1] && c.getY() <= b[3]) {
                double d = Math.hypot(c.getX() - (b[0] + b[2]) / 2, c.getY() - (b[1] + b[3]) / 2);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = g;
                }
            }
        }
        return best;
    }

    private static void report(Variant v, FaceEmbedder embedder, List<Identity> gallery,
            List<DecodedImage> galleryImages, List<Query> queries) {
        float[][] g = new float[gallery.size()][];
        for (int i = 0; i < g.length; i++) {
            g[i] = embedder.embed(galleryImages.get(i), gallery.get(i).face());
        }
        float[][] q = new float[queries.size()][];
        long t0 = System.nanoTime();
        for (int i = 0; i < q.length; i++) {
            q[i] = embedder.embed(queries.get(i).image(), queries.get(i).face());
        }
        double embedMs = (System.nanoTime() - t0) / 1e6 / queries.size();
        score(v.name(), g, q, gallery, queries, embedMs);
    }

    private static void score(String name, float[][] g, float[][] qs, List<Identity> gallery, List<Query> queries,
            double embedMs) {
        List<Float> genuine = new ArrayList<>();
        List<Float> impostor = new ArrayList<>();
        for (int i = 0; i < g.length; i++) {
            for (int j = i + 1; j < g.length; j++) {
                impostor.add(Face.similarity(g[i], g[j]));
            }
        }
        int top1 = 0;
        List<String> misses = new ArrayList<>();
        float[] bestOfGenuine = new float[queries.size()];
        boolean[] correct = new boolean[queries.size()];
        for (int q = 0; q < queries.size(); q++) {
            Query query = queries.get(q);
            float[] e = qs[q];
            int best = -1;
            float bestSim = -2;
            for (int i = 0; i < g.length; i++) {
                float s = Face.similarity(e, g[i]);
                if (i == query.identity()) {
                    genuine.add(s);
                    bestOfGenuine[q] = s;
                } else {
                    impostor.add(s);
                }
                if (s > bestSim) {
                    bestSim = s;
                    best = i;
                }
            }
            correct[q] = best == query.identity();
            if (correct[q]) {
                top1++;
            } else {
                misses.add(String.format(Locale.ROOT, "%s#%d %s (%.2f vs %.2f)", gallery.get(query.identity())
                        .photo(), query.identity(), query.transform(), bestOfGenuine[q], bestSim));
            }
        }
        System.out.printf(Locale.ROOT, "%n%s: top-1 %d/%d = %.1f%%, %d genuine and %d impostor pairs,"
                + " align+embed %.1f ms/face%n", name, top1, queries.size(), 100.0 * top1 / queries.size(),
                genuine.size(), impostor.size(), embedMs);
        System.out.printf(Locale.ROOT, "  genuine similarity min %.3f p5 %.3f median %.3f; impostor median %.3f"
                + " p99 %.3f max %.3f%n", percentile(genuine, 0), percentile(genuine, 5), percentile(genuine, 50),
                percentile(impostor, 50), percentile(impostor, 99), percentile(impostor, 100));
        System.out.println("  | threshold | genuine matched | identified (top-1 and ≥ threshold) | false matches |");
        for (double t : THRESHOLDS) {
            if (count(impostor, t) > impostor.size() / 10 || count(genuine, t) < genuine.size() * 0.9) {
                continue; // far from useful
            }
            long identified = 0;
            for (int q = 0; q < queries.size(); q++) {
                if (correct[q] && bestOfGenuine[q] >= t) {
                    identified++;
                }
            }
            System.out.printf(Locale.ROOT, "  | %.2f | %.1f%% | %.1f%% | %.2f%% (%d) |%n", t,
                    100.0 * count(genuine, t) / genuine.size(), 100.0 * identified / queries.size(),
                    100.0 * count(impostor, t) / impostor.size(), count(impostor, t));
        }
        if (!misses.isEmpty()) {
            System.out.println("  misses: " + String.join(", ", misses));
        }
    }

    private static long count(List<Float> values, double threshold) {
        return values.stream().filter(s -> s >= threshold).count();
    }

    private static double percentile(List<Float> values, double p) {
        float[] a = new float[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        Arrays.sort(a);
        return a[(int) Math.min(a.length - 1, Math.round(p / 100 * (a.length - 1)))];
    }

    /** The embedders and preprocessing variants compared; the shipped manifest last. */
    static List<Variant> variants(Path candidates) {
        List<Variant> out = new ArrayList<>();
        String arcFace = "\"eyeY\": 0.46, \"eyeDistance\": 0.315";
        out.add(embedder("mobilefacenet, RGB -1..1, ArcFace crop, 192-d", "mobilefacenet", "img_inputs", 112,
                "\"scale\": 0.00784313725490196, \"mean\": 1", "embeddings", 192, 192, false, arcFace, candidates));
        out.add(embedder("mobilefacenet, RGB 0..255, ArcFace crop, 192-d", "mobilefacenet", "img_inputs", 112,
                "\"scale\": 1", "embeddings", 192, 192, false, arcFace, candidates));
        String human = "\"eyeY\": 0.35, \"eyeDistance\": 0.25";
        String tighter = "\"eyeY\": 0.40, \"eyeDistance\": 0.30";
        out.add(embedder("faceres, RGB 0..255, loose crop (as human), 1024-d", "faceres", "input_1", 224,
                "\"scale\": 1", "global_pooling/Mean", 1024, 1024, false, human, candidates));
        out.add(embedder("faceres, tighter crop, 1024-d", "faceres", "input_1", 224, "\"scale\": 1",
                "global_pooling/Mean", 1024, 1024, false, tighter, candidates));
        out.add(embedder("faceres, tighter crop, 1024-d centred", "faceres", "input_1", 224, "\"scale\": 1",
                "global_pooling/Mean", 1024, 1024, true, tighter, candidates));
        out.add(embedder("faceres, tighter crop, summed to 128-d, centred", "faceres", "input_1", 224,
                "\"scale\": 1", "global_pooling/Mean", 1024, 128, true, tighter, candidates));
        out.add(new Variant("faceres as shipped (summed to 256-d, centred)", new String(FaceModel.resource(
                FaceModel.MODELS_DIR + FaceAnalyzer.EMBEDDER + ".json"), StandardCharsets.UTF_8), null));
        return out;
    }

    /** A variant of a model that may not be shipped: its .onnx is taken from {@code candidates}. */
    static Variant embedder(String name, String model, String tensor, int size, String normalize, String output,
            int outputSize, int dimensions, boolean centre, String crop, Path candidates) {
        String json = String.format(Locale.ROOT, "{\"format\": 1, \"name\": \"%s\", \"model\": \"%s.onnx\","
                + " \"input\": {\"tensor\": \"%s\", \"width\": %d, \"height\": %d, \"layout\": \"NHWC\","
                + " \"normalize\": {%s}}, \"embedder\": {\"output\": \"%s\", \"outputSize\": %d,"
                + " \"dimensions\": %d, \"centre\": %s, \"crop\": {%s}, \"matchThreshold\": 0.5}}",
                model, model, tensor, size, size, normalize, output, outputSize, dimensions, centre, crop);
        Path file = candidates == null ? null : candidates.resolve(model + ".onnx");
        return new Variant(name, json, file != null && Files.isRegularFile(file) ? file : null);
    }
}
