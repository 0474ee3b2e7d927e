package dev.openrecog.vision.instance;

import boofcv.concurrency.BoofConcurrency;
import dev.openrecog.vision.detect.Detector;
import dev.openrecog.vision.detect.ModelManifest;
import dev.openrecog.vision.image.ImageDecoder;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;

/**
 * Prints the instance-matching tables of MODELS.md. Each photo below is registered as a sample, and so are five
 * parts of it (quadrants and centre) as distractor samples, so that the library holds 6 entries per photo. Each
 * {@link QueryImages.Change} of a photo is a query that must find the photo's sample (top-1, box near the truth) in
 * the library without the photo's own parts (they show the same thing). Every photo and query is also run against
 * the library without anything of its photo (leave-one-out), as a distractor that must match nothing. Every (query,
 * sample) pair is verified once; shortlist sizes and thresholds are then swept over the recorded results.
 *
 * <p>Times are CPU time of the one thread doing the work (ONNX Runtime and BoofCV are kept on it), so that they
 * hold on a busy machine; wall time on an idle machine is close to them. Not a test (run it by hand, about 10
 * minutes of CPU per keypoint cap):
 *
 * <pre>
 * mvn -o -q -pl shared/vision test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp shared/vision/target/test-classes:shared/vision/target/classes:$(cat shared/vision/cp.txt) \
 *     dev.openrecog.vision.instance.InstanceEvaluation [keypoint caps, comma-separated; default the built-in cap]
 * </pre>
 */
public final class InstanceEvaluation {
    static final Path DARKNET = Path.of("/usr/share/darknet/data");
    static final Path NPM = Path.of("tools/model-converter/node/node_modules/@vladmandic");
    /** The photos that the project's CI machine has: Debian darknet's and the converter's npm packages'. */
    static final List<Path> PHOTOS = List.of(DARKNET.resolve("dog.jpg"), DARKNET.resolve("eagle.jpg"),
            DARKNET.resolve("giraffe.jpg"), DARKNET.resolve("horses.jpg"), DARKNET.resolve("kite.jpg"),
            DARKNET.resolve("person.jpg"), DARKNET.resolve("scream.jpg"),
            NPM.resolve("face-api/demo/sample1.jpg"), NPM.resolve("face-api/demo/sample2.jpg"),
            NPM.resolve("face-api/demo/sample3.jpg"), NPM.resolve("face-api/demo/sample4.jpg"),
            NPM.resolve("face-api/demo/sample5.jpg"), NPM.resolve("face-api/demo/sample6.jpg"),
            NPM.resolve("human/assets/icon.png"));
    /** Parts of each photo registered as distractor samples: x, y, width, height as fractions. */
    static final double[][] PARTS = {{0, 0, 0.5, 0.5}, {0.5, 0, 0.5, 0.5}, {0, 0.5, 0.5, 0.5},
        {0.5, 0.5, 0.5, 0.5}, {0.2, 0.2, 0.6, 0.6}};
    static final int[] THRESHOLDS = {6, 8, 10, 12, 15};
    static final int[] SHORTLISTS = {1, 5, 10, 20, 50, Integer.MAX_VALUE};
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private InstanceEvaluation() {
    }

    /** A library entry: a photo (whole) or a part of one. */
    static final class Entry {
        final int photo;
        final boolean whole;
        final InstanceFeatures features;

        Entry(int photo, boolean whole, InstanceFeatures features) {
            this.photo = photo;
            this.whole = whole;
            this.features = features;
        }
    }

    /** What was measured for one query against every entry. */
    static final class Result {
        final String name;
        final int photo;
        final QueryImages.Change change; // null for a photo itself, run as a distractor only
        final double[] truth;
        final double[] similarity;
        final InstanceMatch[] matches;

        Result(String name, int photo, QueryImages.Change change, double[] truth, int entries) {
            this.name = name;
            this.photo = photo;
            this.change = change;
            this.truth = truth;
            this.similarity = new double[entries];
            this.matches = new InstanceMatch[entries];
        }

        /** The allowed entries, most similar first, at most {@code k}. */
        List<Integer> shortlist(int k, IntPredicate allowed) {
            return IntStream.range(0, similarity.length).filter(allowed).boxed()
                    .sorted(Comparator.comparingDouble(e -> -similarity[e])).limit(k)
                    .collect(Collectors.toList());
        }
    }

    public static void main(String[] args) throws IOException {
        int[] caps = args.length > 0 ? Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {InstanceFeatureExtractor.MAX_KEYPOINTS};
        List<Path> photos = new ArrayList<>();
        for (Path p : PHOTOS) {
            if (Files.isRegularFile(p)) {
                photos.add(p);
            } else {
                System.out.println("missing, left out: " + p);
            }
        }
        System.out.println("photos: " + photos.stream().map(p -> p.getFileName().toString())
                .collect(Collectors.joining(", ")));
        BoofConcurrency.USE_CONCURRENT = false;
        for (int cap : caps) {
            evaluate(photos, cap);
        }
    }

    static void evaluate(List<Path> photos, int cap) throws IOException {
        ImageDecoder decoder = new ImageDecoder();
        InstanceVerifier raw = new InstanceVerifier(4, InstanceVerifier.RATIO, InstanceVerifier.ITERATIONS,
                InstanceVerifier.INLIER_PIXELS);
        List<Entry> library = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        List<InstanceFeatures> queries = new ArrayList<>();
        List<Long> extractNanos = new ArrayList<>();
        List<Long> verifyNanos = new ArrayList<>();
        try (InstanceFeatureExtractor extractor = new InstanceFeatureExtractor(
                Detector.create(ModelManifest.builtIn("centernet"), Detector.Options.defaults().intraOpThreads(1)),
                InstanceFeatureExtractor.FRAME_SIDE, cap)) {
            for (int i = 0; i < photos.size(); i++) {
                byte[] bytes = Files.readAllBytes(photos.get(i));
                String name = photos.get(i).getFileName().toString();
                InstanceFeatures whole = extract(extractor, decoder, bytes, i == 0 ? null : extractNanos);
                library.add(new Entry(i, true, whole));
                results.add(new Result(name, i, null, null, 0));
                queries.add(whole);
                BufferedImage original = opaque(QueryImages.read(bytes));
                for (double[] p : PARTS) {
                    int w = original.getWidth();
                    int h = original.getHeight();
                    BufferedImage part = original.getSubimage((int) (p[0] * w), (int) (p[1] * h), (int) (p[2] * w),
                            (int) (p[3] * h));
                    library.add(new Entry(i, false, extract(extractor, decoder, png(part), null)));
                }
                for (QueryImages.Change change : QueryImages.ALL) {
                    QueryImages.Query q = QueryImages.make(original, change);
                    results.add(new Result(name + " " + change, i, change, q.truth, 0));
                    queries.add(extract(extractor, decoder, q.bytes, extractNanos));
                }
            }
            for (int r = 0; r < results.size(); r++) {
                Result old = results.get(r);
                Result result = new Result(old.name, old.photo, old.change, old.truth, library.size());
                results.set(r, result);
                for (int e = 0; e < library.size(); e++) {
                    result.similarity[e] = queries.get(r).similarity(library.get(e).features);
                    long t0 = CPU.getCurrentThreadCpuTime();
                    result.matches[e] = raw.verify(queries.get(r), library.get(e).features);
                    verifyNanos.add(CPU.getCurrentThreadCpuTime() - t0);
                }
            }
        }
        report(cap, library, results, extractNanos, verifyNanos);
    }

    private static InstanceFeatures extract(InstanceFeatureExtractor extractor, ImageDecoder decoder, byte[] bytes,
            List<Long> nanos) {
        long t0 = CPU.getCurrentThreadCpuTime();
        InstanceFeatures f = extractor.extract(decoder.decode(bytes, InstanceFeatureExtractor.FRAME_SIDE,
                InstanceFeatureExtractor.FRAME_SIDE));
        if (nanos != null) {
            nanos.add(CPU.getCurrentThreadCpuTime() - t0);
        }
        return f;
    }

    /** As the service's decoder sees it: transparency over white. */
    private static BufferedImage opaque(BufferedImage img) {
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.drawImage(img, 0, 0, null);
        g.dispose();
        return out;
    }

    private static byte[] png(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static void report(int cap, List<Entry> library, List<Result> results, List<Long> extractNanos,
            List<Long> verifyNanos) {
        List<Result> genuine = results.stream().filter(r -> r.change != null).collect(Collectors.toList());
        int[] sizes = library.stream().filter(e -> e.whole).mapToInt(e -> e.features.toBytes().length).sorted()
                .toArray();
        int[] keypoints = library.stream().filter(e -> e.whole).mapToInt(e -> e.features.keypointCount()).sorted()
                .toArray();
        System.out.printf(Locale.ROOT, "%n### keypoint cap %d: %d photos, library of %d entries, %d genuine queries,"
                + " %d distractor runs%n%n", cap, sizes.length, library.size(), genuine.size(), results.size());
        System.out.printf(Locale.ROOT, "feature bytes per photo: min %d, median %d, max %d (keypoints %d..%d)%n",
                sizes[0], sizes[sizes.length / 2], sizes[sizes.length - 1], keypoints[0],
                keypoints[keypoints.length - 1]);
        System.out.printf(Locale.ROOT, "CPU time, one thread: decode + extraction per image p50 %.0f ms, p90 %.0f ms;"
                + " verification per pair p50 %.1f ms, p90 %.1f ms%n", millis(extractNanos, 50),
                millis(extractNanos, 90), millis(verifyNanos, 50), millis(verifyNanos, 90));

        for (boolean padded : new boolean[] {false, true}) {
            System.out.printf(Locale.ROOT, "%nembedding shortlist, library %s: the right sample within the top",
                    padded ? "with parts" : "of whole photos");
            for (int k : SHORTLISTS) {
                long n = genuine.stream().filter(r -> r.shortlist(k, candidates(library, r, padded))
                        .contains(wholeOf(library, r.photo))).count();
                System.out.printf(Locale.ROOT, "%s %s: %d/%d", k == SHORTLISTS[0] ? "" : ",",
                        k == Integer.MAX_VALUE ? "all" : String.valueOf(k), n, genuine.size());
            }
            System.out.println();
        }
        int wrongMax = 0;
        for (Result r : results) {
            for (int e = 0; e < library.size(); e++) {
                wrongMax = library.get(e).photo == r.photo ? wrongMax : Math.max(wrongMax, r.matches[e].inliers());
            }
        }
        System.out.printf(Locale.ROOT, "most inliers of a pair of different photos: %d; fewest of a query and its"
                + " photo: %d%n", wrongMax, genuine.stream().mapToInt(r -> r.matches[wholeOf(library, r.photo)]
                        .inliers()).min().orElse(0));
        int[] tail = new int[wrongMax + 1];
        int pairs = 0;
        for (Result r : results) {
            for (int e = 0; e < library.size(); e++) {
                if (library.get(e).photo != r.photo) {
                    pairs++;
                    tail[r.matches[e].inliers()]++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "inliers of the %d pairs of different photos (inliers: pairs): %s%n", pairs,
                IntStream.range(0, tail.length).filter(n -> tail[n] > 0).mapToObj(n -> n + ": " + tail[n])
                        .collect(Collectors.joining(", ")));

        for (boolean padded : new boolean[] {false, true}) {
            System.out.printf(Locale.ROOT, "%nlibrary %s:%n%n", padded ? "with parts (" + library.size() + ")"
                    : "of whole photos (" + sizes.length + ")");
            System.out.println("| inliers threshold | shortlist | top-1 correct | other photo matched (genuine) |"
                    + " false match (distractors) | box IoU ≥ 0.5 of correct |");
            System.out.println("| --- | --- | --- | --- | --- | --- |");
            for (int t : THRESHOLDS) {
                for (int k : SHORTLISTS) {
                    Score s = score(library, results, t, k, padded);
                    System.out.printf(Locale.ROOT, "| %d | %s | %d/%d (%.1f%%) | %d | %d/%d (%.1f%%) | %d/%d |%n",
                            t, k == Integer.MAX_VALUE ? "all" : String.valueOf(k), s.correct, s.genuine,
                            100.0 * s.correct / s.genuine, s.wrongOnGenuine, s.falseMatches, s.distractors,
                            100.0 * s.falseMatches / s.distractors, s.goodBoxes, s.correct);
                }
            }
        }

        System.out.printf(Locale.ROOT, "%nper change, threshold %d, all verified, library with parts:%n%n",
                InstanceVerifier.THRESHOLD);
        System.out.println("| change | top-1 correct | inliers (median, min) | box IoU (median, min) | failed |"
                + " in the top 20 by embedding |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        for (QueryImages.Change change : QueryImages.ALL) {
            List<Result> of = genuine.stream().filter(r -> r.change == change).collect(Collectors.toList());
            List<Double> ious = new ArrayList<>();
            List<Long> inliers = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (Result r : of) {
                int right = wholeOf(library, r.photo);
                inliers.add((long) r.matches[right].inliers());
                if (predicted(library, r, InstanceVerifier.THRESHOLD, Integer.MAX_VALUE, true) == right) {
                    ious.add(QueryImages.iou(box(r.matches[right]), r.truth));
                } else {
                    failed.add(r.name.split(" ")[0] + "(" + r.matches[right].inliers() + ")");
                }
            }
            double[] iou = ious.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            long shortlisted = of.stream().filter(r -> r.shortlist(20, candidates(library, r, true))
                    .contains(wholeOf(library, r.photo))).count();
            System.out.printf(Locale.ROOT, "| %s | %d/%d | %.0f, %d | %s | %s | %d/%d |%n", change.description,
                    iou.length, of.size(), percentile(inliers, 50),
                    inliers.stream().mapToLong(Long::longValue).min().orElse(0),
                    iou.length == 0 ? "-" : String.format(Locale.ROOT, "%.2f, %.2f", iou[iou.length / 2], iou[0]),
                    String.join(" ", failed), shortlisted, of.size());
        }
    }

    /** Entries a query may be shortlisted against: not its own photo's parts; for a distractor run, nothing of it. */
    static IntPredicate candidates(List<Entry> library, Result r, boolean padded) {
        return e -> (padded || library.get(e).whole) && !(library.get(e).photo == r.photo && !library.get(e).whole);
    }

    static IntPredicate distractorCandidates(List<Entry> library, Result r, boolean padded) {
        return e -> (padded || library.get(e).whole) && library.get(e).photo != r.photo;
    }

    static int wholeOf(List<Entry> library, int photo) {
        for (int e = 0; e < library.size(); e++) {
            if (library.get(e).whole && library.get(e).photo == photo) {
                return e;
            }
        }
        throw new IllegalArgumentException("no photo " + photo);
    }

    /** The counts of one (threshold, shortlist) setting. */
    static final class Score {
        int genuine;
        int correct;
        int goodBoxes;
        int wrongOnGenuine;
        int distractors;
        int falseMatches;
    }

    static Score score(List<Entry> library, List<Result> results, int threshold, int shortlist, boolean padded) {
        Score s = new Score();
        for (Result r : results) {
            if (r.change != null) {
                s.genuine++;
                int right = wholeOf(library, r.photo);
                if (predicted(library, r, threshold, shortlist, padded) == right) {
                    s.correct++;
                    s.goodBoxes += QueryImages.iou(box(r.matches[right]), r.truth) >= 0.5 ? 1 : 0;
                }
                boolean wrong = false;
                for (int c : r.shortlist(shortlist, candidates(library, r, padded))) {
                    wrong |= c != right && r.matches[c].inliers() >= threshold;
                }
                s.wrongOnGenuine += wrong ? 1 : 0;
            }
            s.distractors++;
            boolean matched = false;
            for (int c : r.shortlist(shortlist, distractorCandidates(library, r, padded))) {
                matched |= r.matches[c].inliers() >= threshold;
            }
            s.falseMatches += matched ? 1 : 0;
        }
        return s;
    }

    /** The shortlisted entry with the most inliers at or above the threshold, or -1. */
    static int predicted(List<Entry> library, Result r, int threshold, int shortlist, boolean padded) {
        int best = -1;
        for (int c : r.shortlist(shortlist, candidates(library, r, padded))) {
            int n = r.matches[c].inliers();
            if (n >= threshold && (best < 0 || n > r.matches[best].inliers())) {
                best = c;
            }
        }
        return best;
    }

    static double[] box(InstanceMatch m) {
        return new double[] {m.region().left(), m.region().top(), m.region().left() + m.region().width(), m.region().top() + m.region().height()};
    }

    private static double millis(List<Long> nanos, int percentile) {
        return percentile(nanos, percentile) / 1e6;
    }

    private static double percentile(List<Long> values, int p) {
        long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return v.length == 0 ? 0 : v[Math.min(v.length - 1, (int) Math.floor(p / 100.0 * v.length))];
    }
}
