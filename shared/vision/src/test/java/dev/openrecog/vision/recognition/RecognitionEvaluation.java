package dev.openrecog.vision.recognition;

import dev.openrecog.domain.Algorithm;
import dev.openrecog.domain.recognition.IndexedSample;
import dev.openrecog.domain.recognition.RecognitionMatch;
import dev.openrecog.domain.recognition.Region;
import dev.openrecog.domain.recognition.SampleIndex;
import dev.openrecog.vision.face.Face;
import dev.openrecog.vision.face.FaceAnalyzer;
import dev.openrecog.vision.face.FaceTransforms;
import dev.openrecog.vision.image.ImageDecoder;
import dev.openrecog.vision.instance.QueryImages;
import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;

/**
 * Measures recognition as the service does it, through the public {@link dev.openrecog.domain.recognition.Recognizer}
 * API of {@link VisionRecognizer#builtIn()} only (imageFeatures, index, recognize), and prints the Markdown tables
 * of the README's "Evaluation" section: top-1 accuracy and false-match rate at the default thresholds, a threshold
 * sweep, the scores near the threshold, the errors, and the latency of creating samples and recognizing.
 *
 * <ul>
 *   <li><b>Faces.</b> Every face that {@link FaceAnalyzer} finds in face-api's {@code demo/sample1..6.jpg} is an
 *   identity. The leftmost face of each photo is left out (open set); each other face is enrolled from a square
 *   crop of its own photo, twice the face's size around it (checked to have that face as its largest). Queries are
 *   the {@link FaceTransforms} copies of each photo: every face whose centre is in the copy is a query, traced
 *   back through the copy's geometry to the face recognized at that place. Darknet's photos are open-set queries
 *   too. A face the detector misses counts as a top-1 miss; a face found where there is none, as an open-set
 *   query.</li>
 *   <li><b>Instances</b> (logo, landmark, object). Darknet's photos, face-api's group photos (as scenes), human's
 *   icon and Adwaita icons (graphics, as logos are; Debian's {@code adwaita-icon-theme}) are entities, each
 *   enrolled with its image as the one sample, some left out as the open set. Queries are the
 *   {@link QueryImages} changes of each image (and the left-out images themselves).</li>
 * </ul>
 *
 * <p>Each query is recognized once at threshold 0, which gives every entity's score, and the thresholds are swept
 * over the answers. Images whose files are missing are left out with a message. Not a test; run from the
 * repository root (about 4 minutes on 2 cores):
 *
 * <pre>
 * mvn -q -pl shared/vision -am test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp shared/vision/target/test-classes:shared/vision/target/classes:$(cat shared/vision/cp.txt) \
 *     dev.openrecog.vision.recognition.RecognitionEvaluation
 * </pre>
 */
public final class RecognitionEvaluation {
    static final Path DARKNET = Path.of("/usr/share/darknet/data");
    static final Path NPM = Path.of("tools/model-converter/node/node_modules/@vladmandic");
    static final Path ADWAITA = Path.of("/usr/share/icons/Adwaita/512x512");
    static final List<String> DARKNET_PHOTOS = List.of("dog", "eagle", "giraffe", "horses", "kite", "person",
            "scream");
    /** The darknet photos that show a COCO object, so that they can be label samples. */
    static final List<String> LABEL_PHOTOS = List.of("dog", "eagle", "giraffe", "horses", "kite", "person");
    /** Instance entities enrolled: photos of scenes and objects, and graphics. */
    static final List<Path> ENROLLED = List.of(DARKNET.resolve("dog.jpg"), DARKNET.resolve("eagle.jpg"),
            DARKNET.resolve("giraffe.jpg"), DARKNET.resolve("horses.jpg"), DARKNET.resolve("kite.jpg"),
            DARKNET.resolve("person.jpg"), NPM.resolve("face-api/demo/sample1.jpg"),
            NPM.resolve("face-api/demo/sample2.jpg"), NPM.resolve("face-api/demo/sample3.jpg"),
            NPM.resolve("face-api/demo/sample4.jpg"), NPM.resolve("face-api/demo/sample5.jpg"),
            NPM.resolve("human/assets/icon.png"), ADWAITA.resolve("devices/camera-web.png"),
            ADWAITA.resolve("devices/computer.png"), ADWAITA.resolve("devices/input-gaming.png"),
            ADWAITA.resolve("devices/phone.png"), ADWAITA.resolve("devices/printer.png"),
            ADWAITA.resolve("devices/audio-headphones.png"), ADWAITA.resolve("devices/drive-harddisk.png"),
            ADWAITA.resolve("places/folder-pictures.png"));
    /** Instance entities left out: queries of them must match nothing. Similar to enrolled ones on purpose. */
    static final List<Path> LEFT_OUT = List.of(DARKNET.resolve("scream.jpg"), NPM.resolve("face-api/demo/sample6.jpg"),
            ADWAITA.resolve("places/user-home.png"), ADWAITA.resolve("devices/input-keyboard.png"),
            ADWAITA.resolve("devices/scanner.png"), ADWAITA.resolve("places/network-server.png"));
    static final List<String> PROMPTS = List.of("dog", "家里的狗", "red sports car", "furniture");
    private static final int ERRORS_LISTED = 12;
    private static final int QUERY_THREADS = 2;

    private RecognitionEvaluation() {
    }

    /** A face found in one of the group photos: an identity, enrolled from its crop unless left out. */
    static final class Identity {
        final String name;
        final double[] box;
        final byte[] crop;

        Identity(String name, double[] box, byte[] crop) {
            this.name = name;
            this.box = box;
            this.crop = crop;
        }
    }

    /** One algorithm family's answers. */
    static final class Family {
        final String name;
        final double threshold;
        final double[] sweep;
        final int samples;
        final List<EvaluationQuery> queries = new ArrayList<>();

        Family(String name, double threshold, double[] sweep, int samples) {
            this.name = name;
            this.threshold = threshold;
            this.sweep = sweep;
            this.samples = samples;
        }
    }

    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        Path demo = Path.of(System.getProperty("openrecog.faceapi.demo", NPM.resolve("face-api/demo").toString()));
        Map<String, List<Identity>> photos = identities(demo);
        Map<String, List<Long>> latency = new LinkedHashMap<>();
        try (VisionRecognizer recognizer = VisionRecognizer.builtIn()) {
            System.out.println("## Recognition evaluation");
            Family faces = faces(recognizer, demo, photos, latency);
            report(faces, start);
            Family instances = instances(recognizer, latency);
            report(instances, start);
            labels(recognizer, latency);
            latency(latency);
        }
        System.out.printf(Locale.ROOT, "%nTotal: %.0f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** The faces of each group photo, left to right, with the enrolled ones' crops. */
    static Map<String, List<Identity>> identities(Path demo) throws IOException {
        Map<String, List<Identity>> photos = new LinkedHashMap<>();
        ImageDecoder decoder = new ImageDecoder();
        try (FaceAnalyzer analyzer = FaceAnalyzer.builtIn()) {
            for (int p = 1; p <= 6; p++) {
                Path file = demo.resolve("sample" + p + ".jpg");
                if (!Files.isRegularFile(file)) {
                    System.out.println("missing, left out: " + file + " (run tools/model-converter/setup.sh)");
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                BufferedImage image = QueryImages.opaque(bytes);
                List<Face> found = new ArrayList<>(analyzer.faces(
                        decoder.decode(bytes, FaceAnalyzer.DECODE_SIZE, FaceAnalyzer.DECODE_SIZE)));
                found.sort(Comparator.comparingInt((Face face) -> face.region().left()));
                List<Identity> identities = new ArrayList<>();
                for (int i = 0; i < found.size(); i++) {
                    Region r = found.get(i).region();
                    double[] box = {r.left(), r.top(), r.left() + r.width(), r.top() + r.height()};
                    String name = "sample" + p + " face " + (i + 1);
                    byte[] crop = i == 0 ? null : enrollmentCrop(analyzer, decoder, image, box, name);
                    identities.add(new Identity(name, box, crop));
                }
                photos.put("sample" + p, identities);
            }
        }
        return photos;
    }

    /** A square twice the face's size around it, as PNG; its largest face must be this one. */
    static byte[] enrollmentCrop(FaceAnalyzer analyzer, ImageDecoder decoder, BufferedImage image, double[] box,
            String name) {
        double side = 2 * Math.max(box[2] - box[0], box[3] - box[1]);
        int x = (int) Math.max(0, (box[0] + box[2] - side) / 2);
        int y = (int) Math.max(0, (box[1] + box[3] - side) / 2);
        int w = (int) Math.min(side, image.getWidth() - x);
        int h = (int) Math.min(side, image.getHeight() - y);
        byte[] crop = png(image.getSubimage(x, y, w, h));
        Face largest = analyzer.largestFace(decoder.decode(crop, FaceAnalyzer.DECODE_SIZE, FaceAnalyzer.DECODE_SIZE));
        double cx = x + largest.region().left() + largest.region().width() / 2.0;
        double cy = y + largest.region().top() + largest.region().height() / 2.0;
        if (cx < box[0] || cx > box[2] || cy < box[1] || cy > box[3]) {
            throw new IllegalStateException("the crop of " + name + " shows another face as its largest");
        }
        return crop;
    }

    static Family faces(VisionRecognizer recognizer, Path demo, Map<String, List<Identity>> photos,
            Map<String, List<Long>> latency) throws IOException {
        List<IndexedSample> samples = new ArrayList<>();
        for (List<Identity> identities : photos.values()) {
            for (Identity identity : identities) {
                if (identity.crop != null) {
                    long t = System.nanoTime();
                    byte[] features = recognizer.imageFeatures(Algorithm.FACE, identity.crop);
                    record(latency, "imageFeatures face (a face crop)", t);
                    samples.add(sample(identity.name, features));
                }
            }
        }
        List<SampleIndex> indexes = List.of(recognizer.index(Algorithm.FACE, samples));
        Family family = new Family("face", recognizer.defaultThreshold(Algorithm.FACE),
                new double[] {0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80}, samples.size());
        List<Callable<List<EvaluationQuery>>> tasks = new ArrayList<>();
        for (Map.Entry<String, List<Identity>> photo : photos.entrySet()) {
            byte[] bytes = Files.readAllBytes(demo.resolve(photo.getKey() + ".jpg"));
            long seed = Long.parseLong(photo.getKey().substring("sample".length()));
            tasks.add(() -> {
                List<EvaluationQuery> queries = new ArrayList<>();
                for (FaceTransforms.Transform edit : FaceTransforms.ALL) {
                    FaceTransforms.Transformed copy = edit.apply(bytes, seed);
                    queries.addAll(traceFaces(photo.getKey() + " " + edit.name(), edit.name(), copy,
                            photo.getValue(), recognizeAll(recognizer, Algorithm.FACE, copy.jpeg(), indexes, latency,
                                    "recognize face (a photo)")));
                }
                return queries;
            });
        }
        for (String name : DARKNET_PHOTOS) {
            Path file = DARKNET.resolve(name + ".jpg");
            if (Files.isRegularFile(file)) {
                byte[] bytes = Files.readAllBytes(file);
                tasks.add(() -> List.of(new EvaluationQuery("darknet " + name + ".jpg", "original", null,
                        recognizeAll(recognizer, Algorithm.FACE, bytes, indexes, latency, "recognize face (a photo)"),
                        null)));
            }
        }
        checkDefaultThreshold(recognizer, Algorithm.FACE, Files.readAllBytes(demo.resolve("sample1.jpg")), indexes);
        family.queries.addAll(inParallel(tasks));
        System.out.printf(Locale.ROOT, "%nFace open set: %d faces of people not enrolled, %d faces found where there"
                + " is none, %d darknet photos.%n",
                select(family, q -> !q.enrolled() && q.name.contains(": sample")).size(),
                select(family, q -> q.name.contains(": no face at ")).size(),
                select(family, q -> q.name.startsWith("darknet ")).size());
        return family;
    }

    /**
     * Each face of the photo that is in the copy becomes a query with the matches of the face found at its place;
     * a face found where the photo has none is an open-set query.
     */
    static List<EvaluationQuery> traceFaces(String copyName, String change, FaceTransforms.Transformed copy,
            List<Identity> identities, List<RecognitionMatch> matches) throws NoninvertibleTransformException {
        AffineTransform back = copy.geometry().createInverse();
        Map<Identity, List<RecognitionMatch>> perFace = new LinkedHashMap<>();
        Map<String, List<RecognitionMatch>> stray = new LinkedHashMap<>();
        for (RecognitionMatch m : matches) {
            Region r = m.region();
            Point2D c = back.transform(new Point2D.Double(r.left() + r.width() / 2.0, r.top() + r.height() / 2.0),
                    null);
            Identity at = identityAt(identities, c);
            if (at != null) {
                perFace.computeIfAbsent(at, k -> new ArrayList<>()).add(m);
            } else {
                stray.computeIfAbsent(r.toString(), k -> new ArrayList<>()).add(m);
            }
        }
        List<EvaluationQuery> queries = new ArrayList<>();
        for (Identity identity : identities) {
            Point2D c = copy.geometry().transform(new Point2D.Double((identity.box[0] + identity.box[2]) / 2,
                    (identity.box[1] + identity.box[3]) / 2), null);
            boolean inCopy = c.getX() >= 0 && c.getY() >= 0 && c.getX() < copy.width() && c.getY() < copy.height();
            if (inCopy || perFace.containsKey(identity)) {
                queries.add(new EvaluationQuery(copyName + ": " + identity.name, change,
                        identity.crop == null ? null : identity.name,
                        perFace.getOrDefault(identity, Collections.emptyList()), null));
            }
        }
        for (Map.Entry<String, List<RecognitionMatch>> face : stray.entrySet()) {
            queries.add(new EvaluationQuery(copyName + ": no face at " + face.getKey(), change, null,
                    face.getValue(), null));
        }
        return queries;
    }

    /** The face of the photo whose box holds the point, the nearest centre if several; null if none. */
    static Identity identityAt(List<Identity> identities, Point2D c) {
        Predicate<Identity> holds = i -> c.getX() >= i.box[0] && c.getX() <= i.box[2] && c.getY() >= i.box[1]
                && c.getY() <= i.box[3];
        return identities.stream().filter(holds).min(Comparator.comparingDouble(
                i -> Math.hypot(c.getX() - (i.box[0] + i.box[2]) / 2, c.getY() - (i.box[1] + i.box[3]) / 2)))
                .orElse(null);
    }

    static Family instances(VisionRecognizer recognizer, Map<String, List<Long>> latency) throws IOException {
        List<Path> enrolled = present(ENROLLED);
        List<IndexedSample> samples = new ArrayList<>();
        boolean sameFeatures = true;
        for (Path file : enrolled) {
            byte[] bytes = Files.readAllBytes(file);
            byte[] features = null;
            for (Algorithm algorithm : List.of(Algorithm.OBJECT, Algorithm.LOGO, Algorithm.LANDMARK)) {
                long t = System.nanoTime();
                byte[] f = recognizer.imageFeatures(algorithm, bytes);
                record(latency, "imageFeatures " + algorithm.wireName() + " (a photo or icon)", t);
                sameFeatures &= features == null || Arrays.equals(features, f);
                features = f;
            }
            samples.add(sample(name(file), features));
        }
        System.out.println(sameFeatures ? "Logo, landmark and object samples have the same features: one measure."
                : "Logo, landmark and object features differ: the figures are object's.");
        List<SampleIndex> indexes = List.of(recognizer.index(Algorithm.OBJECT, samples));
        Family family = new Family("logo, landmark, object", recognizer.defaultThreshold(Algorithm.OBJECT),
                new double[] {0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.70}, samples.size());
        String call = "recognize object (library of " + samples.size() + ")";
        List<Callable<List<EvaluationQuery>>> tasks = new ArrayList<>();
        for (Path file : enrolled) {
            byte[] bytes = Files.readAllBytes(file);
            tasks.add(() -> {
                List<EvaluationQuery> queries = new ArrayList<>();
                BufferedImage original = QueryImages.opaque(bytes);
                for (QueryImages.Change change : QueryImages.ALL) {
                    QueryImages.Query q = QueryImages.make(original, change);
                    queries.add(new EvaluationQuery(name(file) + ": " + change.description, change.description,
                            name(file), recognizeAll(recognizer, Algorithm.OBJECT, q.bytes, indexes, latency, call),
                            q.truth));
                }
                return queries;
            });
        }
        for (Path file : present(LEFT_OUT)) {
            byte[] bytes = Files.readAllBytes(file);
            tasks.add(() -> {
                List<EvaluationQuery> queries = new ArrayList<>();
                queries.add(new EvaluationQuery(name(file) + " itself", "original", null,
                        recognizeAll(recognizer, Algorithm.OBJECT, bytes, indexes, latency, call), null));
                BufferedImage original = QueryImages.opaque(bytes);
                for (QueryImages.Change change : QueryImages.ALL) {
                    queries.add(new EvaluationQuery(name(file) + ": " + change.description, change.description, null,
                            recognizeAll(recognizer, Algorithm.OBJECT, QueryImages.make(original, change).bytes,
                                    indexes, latency, call), null));
                }
                return queries;
            });
        }
        checkDefaultThreshold(recognizer, Algorithm.OBJECT, Files.readAllBytes(enrolled.get(0)), indexes);
        family.queries.addAll(inParallel(tasks));
        return family;
    }

    /** Latency only: label samples from darknet's photos and from prompts. */
    static void labels(VisionRecognizer recognizer, Map<String, List<Long>> latency) throws IOException {
        for (String name : LABEL_PHOTOS) {
            Path file = DARKNET.resolve(name + ".jpg");
            if (Files.isRegularFile(file)) {
                byte[] bytes = Files.readAllBytes(file);
                long t = System.nanoTime();
                recognizer.imageFeatures(Algorithm.LABEL, bytes);
                record(latency, "imageFeatures label (a darknet photo)", t);
            }
        }
        for (String prompt : PROMPTS) {
            long t = System.nanoTime();
            recognizer.promptFeatures(prompt);
            record(latency, "promptFeatures (a LabelPrompt)", t);
        }
    }

    /** Every entity's match: at threshold 0, so that the thresholds can be swept over the answers. */
    static List<RecognitionMatch> recognizeAll(VisionRecognizer recognizer, Algorithm algorithm, byte[] image,
            List<SampleIndex> indexes, Map<String, List<Long>> latency, String call) {
        long t = System.nanoTime();
        List<RecognitionMatch> all = recognizer.recognize(algorithm, image, indexes, 0);
        record(latency, call, t);
        return all;
    }

    /** What sweeping assumes: at the default threshold, recognize answers the matches it gives at 0 above it. */
    static void checkDefaultThreshold(VisionRecognizer recognizer, Algorithm algorithm, byte[] image,
            List<SampleIndex> indexes) {
        double threshold = recognizer.defaultThreshold(algorithm);
        List<String> above = recognizer.recognize(algorithm, image, indexes, 0).stream()
                .filter(m -> m.score() >= threshold).map(RecognitionMatch::toString).collect(Collectors.toList());
        List<String> atDefault = recognizer.recognize(algorithm, image, indexes, threshold).stream()
                .map(RecognitionMatch::toString).collect(Collectors.toList());
        if (!above.equals(atDefault)) {
            throw new IllegalStateException(algorithm + " at the default threshold: " + atDefault
                    + "; at 0, above it: " + above);
        }
    }

    /**
     * The tasks' queries in task order, two tasks at a time: the recognizer is thread-safe, and verification runs
     * on the calling thread, so two at a time keep both cores busy.
     */
    static List<EvaluationQuery> inParallel(List<Callable<List<EvaluationQuery>>> tasks) {
        ExecutorService pool = Executors.newFixedThreadPool(QUERY_THREADS);
        try {
            List<EvaluationQuery> queries = new ArrayList<>();
            for (Future<List<EvaluationQuery>> done : pool.invokeAll(tasks)) {
                queries.addAll(done.get());
            }
            return queries;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A family's tables, printed as soon as it is measured. */
    static void report(Family family, long start) {
        System.out.printf(Locale.ROOT, "%n### %s (%.0f s from the start)%n%n", family.name,
                (System.nanoTime() - start) / 1e9);
        summary(family);
        byChange(family);
        sweep(family);
        distribution(family);
        errors(family);
    }

    static void summary(Family f) {
        List<EvaluationQuery> enrolled = select(f, EvaluationQuery::enrolled);
        List<EvaluationQuery> open = select(f, q -> !q.enrolled());
        double[] genuine = scores(enrolled, q -> q.genuine);
        System.out.println("| set | samples | queries | top-1 | false-match rate | threshold "
                + "| right entity's score: min / p5 / median | best wrong score: p99 / max |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        System.out.printf(Locale.ROOT, "| %s, enrolled | %d | %d | %s | %s | %.2f | %.3f / %.3f / %.3f | %s |%n",
                f.name, f.samples, enrolled.size(), rate(enrolled, q -> q.top1(f.threshold)),
                rate(enrolled, q -> q.falseMatch(f.threshold)), f.threshold, percentile(genuine, 0),
                percentile(genuine, 5), percentile(genuine, 50), tail(enrolled));
        System.out.printf(Locale.ROOT, "| %s, open set | %d | %d | – | %s | %.2f | – | %s |%n", f.name, f.samples,
                open.size(), rate(open, q -> q.falseMatch(f.threshold)), f.threshold, tail(open));
        System.out.printf(Locale.ROOT, "| %s, all | %d | %d | | %s | %.2f | | %s |%n", f.name, f.samples,
                f.queries.size(), rate(f.queries, q -> q.falseMatch(f.threshold)), f.threshold, tail(f.queries));
        List<EvaluationQuery> boxed = select(f, q -> q.top1(f.threshold) && !Double.isNaN(q.boxIoU));
        if (!boxed.isEmpty()) {
            System.out.printf(Locale.ROOT, "%nBoxes: IoU >= 0.5 with the truth in %d of the %d right matches.%n",
                    select(f, q -> boxed.contains(q) && q.boxIoU >= 0.5).size(), boxed.size());
        }
    }

    /** The best wrong scores' p99 and maximum. */
    private static String tail(List<EvaluationQuery> queries) {
        double[] impostor = scores(queries, q -> q.impostor);
        return String.format(Locale.ROOT, "%.3f / %.3f", percentile(impostor, 99), percentile(impostor, 100));
    }

    /** Top-1 and false matches at the default threshold for each edit, and the entities that had errors. */
    static void byChange(Family f) {
        System.out.printf(Locale.ROOT, "%n#### %s: by change, at %.2f%n%n", f.name, f.threshold);
        System.out.println("| change | top-1, enrolled | false matches, all |");
        System.out.println("| --- | --- | --- |");
        Map<String, List<EvaluationQuery>> byChange = f.queries.stream()
                .collect(Collectors.groupingBy(q -> q.change, LinkedHashMap::new, Collectors.toList()));
        byChange.forEach((change, queries) -> System.out.printf(Locale.ROOT, "| %s | %s | %s |%n", change,
                rate(queries.stream().filter(EvaluationQuery::enrolled).collect(Collectors.toList()),
                        q -> q.top1(f.threshold)), rate(queries, q -> q.falseMatch(f.threshold))));
        Map<String, List<EvaluationQuery>> byEntity = f.queries.stream().filter(EvaluationQuery::enrolled)
                .collect(Collectors.groupingBy(q -> q.expected, LinkedHashMap::new, Collectors.toList()));
        byEntity.forEach((entity, queries) -> {
            if (queries.stream().anyMatch(q -> !q.top1(f.threshold))) {
                System.out.printf(Locale.ROOT, "%nEntity %s: top-1 %s", entity, rate(queries, q -> q.top1(f.threshold)));
            }
        });
        System.out.println();
    }

    static void sweep(Family f) {
        System.out.printf(Locale.ROOT, "%n#### %s: threshold sweep (default %.2f)%n%n", f.name, f.threshold);
        System.out.println("| threshold | top-1, enrolled | false matches, enrolled | false matches, open set "
                + "| false matches, all |");
        System.out.println("| --- | --- | --- | --- | --- |");
        List<EvaluationQuery> enrolled = select(f, EvaluationQuery::enrolled);
        List<EvaluationQuery> open = select(f, q -> !q.enrolled());
        for (double t : f.sweep) {
            String bold = Math.abs(t - f.threshold) < 1e-6 ? "**" : "";
            System.out.printf(Locale.ROOT, "| %s%.2f%s | %s | %s | %s | %s |%n", bold, t, bold,
                    rate(enrolled, q -> q.top1(t)), rate(enrolled, q -> q.falseMatch(t)),
                    rate(open, q -> q.falseMatch(t)), rate(f.queries, q -> q.falseMatch(t)));
        }
    }

    /** How many scores fall in each 0.05 bin around the threshold: the margin on either side of it. */
    static void distribution(Family f) {
        System.out.printf(Locale.ROOT, "%n#### %s: scores near the threshold%n%n", f.name);
        System.out.println("| score | right entity's score (enrolled queries) | best wrong score (all queries) |");
        System.out.println("| --- | --- | --- |");
        double[] genuine = scores(select(f, EvaluationQuery::enrolled), q -> q.genuine);
        double[] impostor = scores(f.queries, q -> q.impostor);
        double low = f.threshold - 0.25;
        double high = f.threshold + 0.25;
        System.out.printf(Locale.ROOT, "| < %.2f | %d | %d |%n", low, count(genuine, -1, low), count(impostor, -1, low));
        for (double b = low; b < high - 1e-9; b += 0.05) {
            System.out.printf(Locale.ROOT, "| %.2f–%.2f | %d | %d |%n", b, b + 0.05, count(genuine, b, b + 0.05),
                    count(impostor, b, b + 0.05));
        }
        System.out.printf(Locale.ROOT, "| ≥ %.2f | %d | %d |%n", high, count(genuine, high, 2), count(impostor, high, 2));
    }

    static void errors(Family f) {
        List<EvaluationQuery> missed = select(f, q -> q.enrolled() && !q.top1(f.threshold));
        List<EvaluationQuery> wrong = select(f, q -> q.falseMatch(f.threshold));
        System.out.printf(Locale.ROOT, "%n%s at %.2f: %d not recognized, %d false matches%n", f.name, f.threshold,
                missed.size(), wrong.size());
        missed.stream().sorted(Comparator.comparingDouble(q -> q.genuine)).limit(ERRORS_LISTED)
                .forEach(q -> System.out.printf(Locale.ROOT, "- missed: %s (its score %.3f; best other %s %.3f)%n",
                        q.name, q.genuine, q.impostorName, q.impostor));
        wrong.stream().sorted(Comparator.comparingDouble(q -> -q.impostor)).limit(ERRORS_LISTED)
                .forEach(q -> System.out.printf(Locale.ROOT, "- false match: %s -> %s %.3f%n", q.name, q.impostorName,
                        q.impostor));
    }

    static void latency(Map<String, List<Long>> latency) {
        System.out.println();
        System.out.println("### Latency (wall; models load in the first call; recognize ran " + QUERY_THREADS
                + " queries at a time)");
        System.out.println();
        System.out.println("| call | calls | first call | p50 after it | p90 after it |");
        System.out.println("| --- | --- | --- | --- | --- |");
        for (Map.Entry<String, List<Long>> e : latency.entrySet()) {
            List<Long> nanos = e.getValue();
            double[] rest = nanos.stream().skip(1).mapToDouble(n -> n / 1e6).toArray();
            System.out.printf(Locale.ROOT, "| %s | %d | %.0f ms | %.1f ms | %.1f ms |%n", e.getKey(), nanos.size(),
                    nanos.get(0) / 1e6, percentile(rest, 50), percentile(rest, 90));
        }
    }

    private static IndexedSample sample(String entity, byte[] features) {
        return new IndexedSample("evaluation", entity, entity, entity + " sample", features);
    }

    private static void record(Map<String, List<Long>> latency, String call, long startNanos) {
        long nanos = System.nanoTime() - startNanos;
        synchronized (latency) {
            latency.computeIfAbsent(call, k -> new ArrayList<>()).add(nanos);
        }
    }

    private static List<Path> present(List<Path> files) {
        List<Path> present = new ArrayList<>();
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                present.add(file);
            } else {
                System.out.println("missing, left out: " + file);
            }
        }
        return present;
    }

    private static String name(Path file) {
        return file.getFileName().toString();
    }

    private static List<EvaluationQuery> select(Family f, Predicate<EvaluationQuery> which) {
        return f.queries.stream().filter(which).collect(Collectors.toList());
    }

    private static double[] scores(List<EvaluationQuery> queries, ToDoubleFunction<EvaluationQuery> score) {
        return queries.stream().mapToDouble(score).toArray();
    }

    private static String rate(List<EvaluationQuery> queries, Predicate<EvaluationQuery> which) {
        long n = queries.stream().filter(which).count();
        return queries.isEmpty() ? "–"
                : String.format(Locale.ROOT, "%.1f%% (%d/%d)", 100.0 * n / queries.size(), n, queries.size());
    }

    /** Nearest rank; NaN when there are no values. */
    private static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        return s[Math.max(0, (int) Math.ceil(p / 100 * s.length) - 1)];
    }

    private static long count(double[] values, double from, double to) {
        return Arrays.stream(values).filter(v -> v >= from && v < to).count();
    }

    /** The image over white, as the service composites transparency, so queries made from it show the same. */
    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
