package dev.openrecog.vision.recognition;

import dev.openrecog.domain.Algorithm;
import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ImageLabel;
import dev.openrecog.domain.Language;
import dev.openrecog.domain.recognition.IndexedSample;
import dev.openrecog.domain.recognition.RecognitionMatch;
import dev.openrecog.domain.recognition.Recognizer;
import dev.openrecog.domain.recognition.Region;
import dev.openrecog.domain.recognition.SampleIndex;
import dev.openrecog.vision.VisionLabeler;
import dev.openrecog.vision.detect.Detector;
import dev.openrecog.vision.detect.ModelManifest;
import dev.openrecog.vision.face.Face;
import dev.openrecog.vision.face.FaceAnalyzer;
import dev.openrecog.vision.image.DecodedImage;
import dev.openrecog.vision.image.ImageDecoder;
import dev.openrecog.vision.instance.InstanceFeatureExtractor;
import dev.openrecog.vision.instance.InstanceFeatures;
import dev.openrecog.vision.instance.InstanceVerifier;
import dev.openrecog.vision.prompt.LabelSelector;
import dev.openrecog.vision.prompt.PromptVocabulary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Recognition with the built-in models (see {@code shared/vision/MODELS.md}, section Recognition):
 * <ul>
 * <li><b>face</b>: a sample is the largest face of its image ({@link FaceAnalyzer}), stored as an int8 embedding;
 * every face of a query is searched, and the score is the cosine similarity of the embeddings, clipped at 0.
 * <li><b>logo, landmark, object</b>: {@link InstanceFeatures}; the samples most similar to the query are verified
 * geometrically ({@link InstanceVerifier}), whose score is the match's.
 * <li><b>label</b>: a sample is a {@link LabelSelector}, from a LabelPrompt or from the most confident class the
 * detector finds in an example image; it matches a query in which the detector finds a selected class, scored with
 * that detection's confidence.
 * </ul>
 * Images are decoded within the limits DetectImageLabels uses. A score of 0 (nothing in common) is never a match.
 * Thread-safe; each model loads on first use, so a function that only recognizes faces never loads the others.
 * Close it to free the models.
 */
public final class VisionRecognizer implements Recognizer, AutoCloseable {
    /** The instance verifier's score at its inlier threshold: {@code inliers / (inliers + threshold)} there. */
    private static final double INSTANCE_THRESHOLD = 0.5;

    private final ImageDecoder decoder = new ImageDecoder();
    private final FaceAnalyzer faces = FaceAnalyzer.builtIn();
    private final InstanceVerifier verifier = InstanceVerifier.defaults();
    /** Labels and instance features both run centernet: one session serves them. */
    private Detector centernet;
    private InstanceFeatureExtractor instances;
    private VisionLabeler labeler;
    private boolean closed;

    private VisionRecognizer() {
    }

    /** The built-in models; none loads until it is needed. */
    public static VisionRecognizer builtIn() {
        return new VisionRecognizer();
    }

    @Override
    public byte[] imageFeatures(Algorithm algorithm, byte[] image) {
        Objects.requireNonNull(image, "image");
        FeatureKind kind = FeatureKind.of(algorithm);
        switch (kind) {
            case FACE:
                return kind.wrap(FaceIndex.quantize(faces.largestFace(decodeForFaces(image)).embedding()));
            case INSTANCE:
                return kind.wrap(instanceFeatures(image).toBytes());
            default:
                return kind.wrap(labelOf(image).toBytes());
        }
    }

    @Override
    public byte[] promptFeatures(String prompt) {
        return FeatureKind.LABEL.wrap(PromptVocabulary.coco().resolve(prompt).selector().toBytes());
    }

    /**
     * @throws IllegalArgumentException when a sample's features were not made by this recognizer for the algorithm
     */
    @Override
    public SampleIndex index(Algorithm algorithm, List<IndexedSample> samples) {
        switch (FeatureKind.of(algorithm)) {
            case FACE:
                return FaceIndex.of(samples);
            case INSTANCE:
                return InstanceIndex.of(samples);
            default:
                return LabelIndex.of(samples);
        }
    }

    /** Face: the analyzer's match threshold (cosine); instance: 0.5 (10 inliers); label: the detector's. */
    @Override
    public double defaultThreshold(Algorithm algorithm) {
        switch (FeatureKind.of(algorithm)) {
            case FACE:
                return faces.matchThreshold();
            case INSTANCE:
                return INSTANCE_THRESHOLD;
            default:
                return labeler().defaultThreshold();
        }
    }

    /**
     * @throws IllegalArgumentException when an index was not built by this recognizer for the algorithm's family
     */
    @Override
    public List<RecognitionMatch> recognize(Algorithm algorithm, byte[] image, List<SampleIndex> indexes,
            double threshold) {
        Objects.requireNonNull(image, "image");
        List<RecognitionMatch> matches = new ArrayList<>();
        switch (FeatureKind.of(algorithm)) {
            case FACE: {
                List<FaceIndex> libraries = cast(indexes, FaceIndex.class, algorithm);
                for (Face face : faces.faces(decodeForFaces(image))) {
                    BestMatches best = new BestMatches();
                    Region region = face.region();
                    float[] embedding = face.embedding();
                    libraries.forEach(library -> library.search(embedding, threshold, region, best));
                    matches.addAll(best.matches());
                }
                break;
            }
            case INSTANCE: {
                List<InstanceIndex> libraries = cast(indexes, InstanceIndex.class, algorithm);
                matches.addAll(InstanceIndex.search(libraries, instanceFeatures(image), threshold, verifier));
                break;
            }
            default: {
                List<LabelIndex> libraries = cast(indexes, LabelIndex.class, algorithm);
                matches.addAll(LabelIndex.search(libraries, labels(image, threshold), threshold));
                break;
            }
        }
        matches.sort(Comparator.comparingDouble(RecognitionMatch::score).reversed());
        return matches;
    }

    private static <T extends SampleIndex> List<T> cast(List<SampleIndex> indexes, Class<T> type, Algorithm algorithm) {
        List<T> out = new ArrayList<>(indexes.size());
        for (SampleIndex index : indexes) {
            if (!type.isInstance(index)) {
                throw new IllegalArgumentException("an index of another kind (" + index.getClass().getSimpleName()
                        + ") cannot be searched for " + algorithm.wireName() + " recognition");
            }
            out.add(type.cast(index));
        }
        return out;
    }

    private DecodedImage decodeForFaces(byte[] image) {
        return decoder.decode(image, FaceAnalyzer.DECODE_SIZE, FaceAnalyzer.DECODE_SIZE);
    }

    private InstanceFeatures instanceFeatures(byte[] image) {
        int side = InstanceFeatureExtractor.FRAME_SIDE;
        return instances().extract(decoder.decode(image, side, side));
    }

    /** The selector of the most confident class the detector finds in an example image. */
    private LabelSelector labelOf(byte[] image) {
        for (ImageLabel label : labels(image, labeler().defaultThreshold())) { // surest first, classes before ancestors
            Optional<LabelSelector> selector = PromptVocabulary.coco().classSelector(label);
            if (selector.isPresent()) {
                return selector.get();
            }
        }
        throw ApiException.invalidParameter("No object that a label sample can stand for was found in the image:"
                + " it shows none of the 80 COCO object classes clearly enough. Give a LabelPrompt instead, or an"
                + " image in which the object is larger.");
    }

    private List<ImageLabel> labels(byte[] image, double threshold) {
        return labeler().detect(image, threshold, List.of(Language.EN));
    }

    private synchronized InstanceFeatureExtractor instances() {
        checkOpen();
        if (instances == null) {
            instances = InstanceFeatureExtractor.sharing(centernet());
        }
        return instances;
    }

    private synchronized VisionLabeler labeler() {
        checkOpen();
        if (labeler == null) {
            labeler = new VisionLabeler(centernet());
        }
        return labeler;
    }

    private synchronized Detector centernet() {
        if (centernet == null) {
            centernet = Detector.create(ModelManifest.builtIn(InstanceFeatureExtractor.BACKBONE));
        }
        return centernet;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the recognizer is closed");
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        faces.close();
        if (centernet != null) {
            centernet.close();
        }
    }
}
