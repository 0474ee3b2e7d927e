package dev.openrecog.vision;

import dev.openrecog.domain.ImageLabel;
import dev.openrecog.domain.ImageLabeler;
import dev.openrecog.domain.Language;
import dev.openrecog.domain.recognition.Region;
import dev.openrecog.vision.detect.Detection;
import dev.openrecog.vision.detect.Detector;
import dev.openrecog.vision.detect.ModelManifest;
import dev.openrecog.vision.image.DecodedImage;
import dev.openrecog.vision.image.ImageDecoder;
import dev.openrecog.vision.image.ImageTensor;
import dev.openrecog.vision.image.Preprocess;
import dev.openrecog.vision.taxonomy.Taxonomy;
import dev.openrecog.vision.taxonomy.TaxonomyNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Image labels from a detector: the image is decoded within IMM's limits, run through the model its
 * manifest describes, and each detected class becomes a label together with its ancestors in the
 * taxonomy (a dog is also a canine and an animal), each at its own level, as IMM returns them.
 * <p>A label's confidence is its best instance's score (an ancestor's, its best descendant's). Its
 * CentricScore says how much it is the image's subject: for each instance, the square root of the
 * share of the image its box covers times how close its centre is to the image's centre (1 at the
 * centre, 0 at a corner); the label takes its best instance's, an ancestor its best descendant's.
 * Labels come surest first, and among equally sure ones the most specific first.
 */
public final class VisionLabeler implements ImageLabeler {
    /** A built-in model name ({@code centernet}, {@code nanodet}) or the path of a model manifest. */
    public static final String MODEL = "OPENRECOG_MODEL";

    private final ImageDecoder decoder = new ImageDecoder();
    private final Detector detector;
    private final Taxonomy taxonomy;

    public VisionLabeler(Detector detector) {
        this.detector = detector;
        this.taxonomy = detector.manifest().taxonomy().filter("coco"::equals).map(name -> Taxonomy.coco()).orElse(null);
    }

    /** The labeler for OPENRECOG_MODEL, or the default built-in model when it is not set. */
    public static VisionLabeler fromEnvironment() {
        String model = System.getenv(MODEL);
        ModelManifest manifest = model == null || model.isBlank() ? ModelManifest.defaultModel()
            : ModelManifest.builtInNames().contains(model) ? ModelManifest.builtIn(model) : ModelManifest.load(Path.of(model));
        return new VisionLabeler(Detector.create(manifest));
    }

    /** The confidence below which labels are left out when the caller gives no Threshold. */
    public double defaultThreshold() {
        return detector.manifest().scoreThreshold();
    }

    @Override
    public List<ImageLabel> detect(byte[] image, Double threshold, List<Language> languages) {
        ModelManifest manifest = detector.manifest();
        DecodedImage decoded = decoder.decode(image, manifest.input().spec());
        ImageTensor tensor = Preprocess.toTensor(decoded, manifest.input().spec());
        float minScore = threshold == null ? manifest.scoreThreshold() : threshold.floatValue();
        List<Detection> detections = detector.detect(tensor.data(), minScore);

        Map<String, Found> found = new LinkedHashMap<>();
        for (Detection detection : detections) {
            double[] box = tensor.toOriginalBox(detection.x1() * manifest.input().width(), detection.y1() * manifest.input().height(),
                detection.x2() * manifest.input().width(), detection.y2() * manifest.input().height());
            ImageLabel.Instance instance = new ImageLabel.Instance(new Region((int) Math.round(box[0]),
                (int) Math.round(box[1]), (int) Math.round(box[2] - box[0]), (int) Math.round(box[3] - box[1])),
                detection.score());
            double centric = centricScore(box, tensor.originalWidth(), tensor.originalHeight());
            List<TaxonomyNode> chain = taxonomy == null ? List.of() : taxonomy.chain(detection.classIndex());
            String key = chain.isEmpty() ? detection.label() : chain.get(0).id();
            found.computeIfAbsent(key, k -> new Found(detection.label(), chain.isEmpty() ? null : chain.get(0), true))
                .add(detection.score(), centric, instance);
            for (TaxonomyNode ancestor : chain.subList(Math.min(1, chain.size()), chain.size())) {
                found.computeIfAbsent(ancestor.id(), k -> new Found(null, ancestor, false)).add(detection.score(), centric, null);
            }
        }
        List<ImageLabel> labels = new ArrayList<>();
        for (Language language : languages) {
            found.values().stream()
                .sorted(Comparator.comparingDouble((Found f) -> -f.confidence)
                    .thenComparing(Comparator.comparingInt(Found::level).reversed()))
                .forEach(f -> labels.add(f.toLabel(language)));
        }
        return labels;
    }

    static double centricScore(double[] box, int imageWidth, int imageHeight) {
        double area = Math.max(0, box[2] - box[0]) * Math.max(0, box[3] - box[1]) / ((double) imageWidth * imageHeight);
        double dx = ((box[0] + box[2]) / 2 - imageWidth / 2.0) / (imageWidth / 2.0);
        double dy = ((box[1] + box[3]) / 2 - imageHeight / 2.0) / (imageHeight / 2.0);
        double centrality = Math.max(0, 1 - Math.sqrt(dx * dx + dy * dy) / Math.sqrt(2));
        return Math.min(1, Math.sqrt(area) * centrality);
    }

    /** One label being gathered from the detections: a detected class, or an ancestor of one. */
    private static final class Found {
        private final String key;
        private final TaxonomyNode node;
        private final boolean detected;
        private final List<ImageLabel.Instance> instances = new ArrayList<>();
        private double confidence;
        private double centric;

        Found(String key, TaxonomyNode node, boolean detected) {
            this.key = key;
            this.node = node;
            this.detected = detected;
        }

        void add(double score, double centricScore, ImageLabel.Instance instance) {
            confidence = Math.max(confidence, score);
            centric = Math.max(centric, centricScore);
            if (detected && instance != null) {
                instances.add(instance);
            }
        }

        int level() {
            return node == null ? 1 : node.level();
        }

        ImageLabel toLabel(Language language) {
            if (node == null) {
                return new ImageLabel(key, 1, "", confidence, centric, language, "", instances);
            }
            return new ImageLabel(node.name(language), node.level(), node.parentName(language), confidence, centric, language,
                String.join(",", node.aliases(language)), instances);
        }
    }
}
