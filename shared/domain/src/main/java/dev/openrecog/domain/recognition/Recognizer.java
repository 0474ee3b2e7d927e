package dev.openrecog.domain.recognition;

import dev.openrecog.domain.Algorithm;

import java.util.List;

/**
 * Recognition's vision engine, behind a port so the domain stays free of it: it turns sample images and label
 * prompts into stored features, compiles a library's features into a {@link SampleIndex}, and finds a library's
 * entities in a query image. Scores are 0 to 1 for every algorithm; what they measure, and the default thresholds,
 * are the engine's to document.
 */
public interface Recognizer {

    /**
     * The features to store for a sample image of a library of this algorithm, within
     * {@link dev.openrecog.domain.Sample#MAX_FEATURES_BYTES}.
     *
     * @throws dev.openrecog.domain.ApiException InvalidParameter when the bytes are not a supported image within the
     *         limits, InvalidImage.NoFace for a face sample without a face, and the like: the image cannot be a sample
     */
    byte[] imageFeatures(Algorithm algorithm, byte[] image);

    /**
     * The features to store for a LabelPrompt sample (label libraries).
     *
     * @throws dev.openrecog.domain.ApiException InvalidParameter when the prompt names nothing the engine can find
     */
    byte[] promptFeatures(String prompt);

    /** The samples of one library of this algorithm, compiled for search. */
    SampleIndex index(Algorithm algorithm, List<IndexedSample> samples);

    /** The score at and above which a match counts when the caller gives no Threshold. */
    double defaultThreshold(Algorithm algorithm);

    /**
     * The entities of the indexed libraries found in a query image, best first: at most one match per entity for each
     * thing found in the image (several faces in a photo give several matches), each at least {@code threshold}.
     *
     * @param indexes indexes {@link #index built} by this recognizer for the same algorithm
     * @throws dev.openrecog.domain.ApiException InvalidParameter when the bytes are not a supported image within the
     *         limits
     */
    List<RecognitionMatch> recognize(Algorithm algorithm, byte[] image, List<SampleIndex> indexes, double threshold);
}
