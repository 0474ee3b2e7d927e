package dev.openrecog.vision.recognition;

import dev.openrecog.domain.Algorithm;
import dev.openrecog.domain.recognition.IndexedSample;
import dev.openrecog.domain.recognition.Region;
import dev.openrecog.vision.face.FaceTransforms;
import dev.openrecog.vision.image.ImageDecoder;
import dev.openrecog.vision.instance.InstanceFeatureExtractor;
import dev.openrecog.vision.instance.InstanceFeatures;
import dev.openrecog.vision.instance.InstanceVerifier;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Prints the recognizer's costs (not a test: timings on a shared machine are not assertions):
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) dev.openrecog.vision.recognition.RecognitionBenchmark \
 *     &lt;face-api demo folder&gt; [darknet data folder, default /usr/share/darknet/data]
 * </pre>
 *
 * <ul>
 * <li>Face search, warm, without the query's own embedding: libraries of 1k, 10k and 100k random unit vectors (five
 * of them near the query, so that candidates are re-scored), 200 searches after 50 warm-ups.
 * <li>Instance search without the query's extraction: libraries of 100 and 1,000 samples made of the real features of
 * darknet's photos and their quadrants and centres (repeated under other ids), searched with an edited copy of
 * dog.jpg: the shortlist and its 20 verifications.
 * <li>{@code imageFeatures} per algorithm on real photos (decode included), 3 runs each after one warm-up, and the
 * first call of each (which loads the models).
 * </ul>
 */
public final class RecognitionBenchmark {
    private static final String[] DARKNET = {"dog", "eagle", "giraffe", "horses", "kite", "person", "scream"};

    private RecognitionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path demo = Path.of(args[0]);
        Path darknet = Path.of(args.length > 1 ? args[1] : "/usr/share/darknet/data");
        System.out.printf(Locale.ROOT, "%d processors, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        faceSearch();
        try (VisionRecognizer recognizer = VisionRecognizer.builtIn()) {
            List<byte[]> faces = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                faces.add(Files.readAllBytes(demo.resolve("sample" + i + ".jpg")));
            }
            List<byte[]> photos = new ArrayList<>();
            for (String name : DARKNET) {
                photos.add(Files.readAllBytes(darknet.resolve(name + ".jpg")));
            }
            sampleCreation(recognizer, Algorithm.FACE, faces);
            sampleCreation(recognizer, Algorithm.OBJECT, photos);
            sampleCreation(recognizer, Algorithm.LABEL, photos.subList(0, 6)); // scream.jpg shows no COCO class
            time("promptFeatures(\"家里的狗\")", 200, () -> recognizer.promptFeatures("家里的狗"));
        }
        instanceSearch(darknet);
    }

    private static void faceSearch() {
        Random random = new Random(7);
        float[] query = FaceIndexTest.unit(random);
        for (int size : new int[] {1_000, 10_000, 100_000}) {
            List<IndexedSample> samples = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                float[] e = i % (size / 5) == 0 ? FaceIndexTest.near(query, 0.05f, random) : FaceIndexTest.unit(random);
                samples.add(new IndexedSample("lib", "entity" + i, "name" + i, "sample" + i,
                        FeatureKind.FACE.wrap(FaceIndex.quantize(e))));
            }
            FaceIndex index = FaceIndex.of(samples);
            Region region = new Region(0, 0, 1, 1);
            for (int r = 0; r < 50; r++) {
                index.search(query, 0.6, region, new BestMatches());
            }
            double[] ms = new double[200];
            int found = 0;
            for (int r = 0; r < ms.length; r++) {
                BestMatches best = new BestMatches();
                long t = System.nanoTime();
                index.search(query, 0.6, region, best);
                ms[r] = (System.nanoTime() - t) / 1e6;
                found = best.matches().size();
            }
            System.out.printf(Locale.ROOT, "face search, %,d samples (%d found, index %.1f MB): %s%n", size, found,
                    index.memoryBytes() / 1e6, percentiles(ms));
        }
    }

    private static void instanceSearch(Path darknet) throws Exception {
        ImageDecoder decoder = new ImageDecoder();
        int side = InstanceFeatureExtractor.FRAME_SIDE;
        List<byte[]> distinct = new ArrayList<>();
        byte[] query;
        try (InstanceFeatureExtractor extractor = InstanceFeatureExtractor.builtIn()) {
            for (String name : DARKNET) {
                byte[] photo = Files.readAllBytes(darknet.resolve(name + ".jpg"));
                BufferedImage img = FaceTransforms.read(photo);
                int w = img.getWidth();
                int h = img.getHeight();
                int[][] parts = {{0, 0, w, h}, {0, 0, w / 2, h / 2}, {w / 2, 0, w / 2, h / 2}, {0, h / 2, w / 2, h / 2},
                    {w / 2, h / 2, w / 2, h / 2}, {w / 5, h / 5, 3 * w / 5, 3 * h / 5}};
                for (int[] p : parts) {
                    byte[] jpeg = FaceTransforms.encode(img.getSubimage(p[0], p[1], p[2], p[3]), 90);
                    distinct.add(FeatureKind.INSTANCE.wrap(extractor.extract(decoder.decode(jpeg, side, side)).toBytes()));
                }
            }
            BufferedImage dog = FaceTransforms.read(Files.readAllBytes(darknet.resolve("dog.jpg")));
            query = FaceTransforms.ALL.get(1).apply(FaceTransforms.encode(dog, 90), 1).jpeg(); // rotated +10..15°
            InstanceFeatures queryFeatures = extractor.extract(decoder.decode(query, side, side));
            InstanceVerifier verifier = InstanceVerifier.defaults();
            for (int size : new int[] {100, 1_000}) {
                List<IndexedSample> samples = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    samples.add(new IndexedSample("lib", "entity" + i, "name" + i, "sample" + i,
                            distinct.get(i % distinct.size())));
                }
                List<InstanceIndex> indexes = List.of(InstanceIndex.of(samples));
                double[] ms = new double[10];
                int found = 0;
                for (int r = -2; r < ms.length; r++) {
                    long t = System.nanoTime();
                    found = InstanceIndex.search(indexes, queryFeatures, 0.5, verifier).size();
                    if (r >= 0) {
                        ms[r] = (System.nanoTime() - t) / 1e6;
                    }
                }
                System.out.printf(Locale.ROOT, "instance search, %,d samples (%d distinct, %d found, index %.1f MB):"
                        + " %s%n", size, distinct.size(), found, indexes.get(0).memoryBytes() / 1e6, percentiles(ms));
            }
        }
    }

    private static void sampleCreation(VisionRecognizer recognizer, Algorithm algorithm, List<byte[]> images) {
        long t = System.nanoTime();
        int bytes = recognizer.imageFeatures(algorithm, images.get(0)).length;
        System.out.printf(Locale.ROOT, "imageFeatures(%s), first call (models load): %.0f ms%n", algorithm.wireName(),
                (System.nanoTime() - t) / 1e6);
        double[] ms = new double[images.size() * 3];
        int i = 0;
        for (byte[] image : images) {
            recognizer.imageFeatures(algorithm, image);
            for (int r = 0; r < 3; r++) {
                long a = System.nanoTime();
                bytes = Math.max(bytes, recognizer.imageFeatures(algorithm, image).length);
                ms[i++] = (System.nanoTime() - a) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "imageFeatures(%s), %d photos (at most %,d bytes): %s%n", algorithm.wireName(),
                images.size(), bytes, percentiles(ms));
    }

    private static void time(String what, int runs, Supplier<?> work) {
        work.get();
        double[] ms = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t = System.nanoTime();
            work.get();
            ms[r] = (System.nanoTime() - t) / 1e6;
        }
        System.out.printf(Locale.ROOT, "%s: %s%n", what, percentiles(ms));
    }

    private static String percentiles(double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "p50 %.2f ms, p90 %.2f ms", sorted[sorted.length / 2],
                sorted[(int) Math.ceil(sorted.length * 0.9) - 1]);
    }
}
