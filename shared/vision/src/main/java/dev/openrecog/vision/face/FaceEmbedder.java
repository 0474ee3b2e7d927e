package dev.openrecog.vision.face;

import dev.openrecog.vision.detect.Fields;
import dev.openrecog.vision.image.DecodedImage;
import java.util.Map;

/**
 * A face embedding model: the aligned crop in, an L2-normalized float vector out, so that the cosine similarity
 * of two faces is their dot product. The manifest's {@code embedder} section names the output and its size, how
 * it becomes the embedding, the crop template ({@link FaceAligner}) and the default match threshold.
 *
 * <p>The output can be made smaller and better spread before normalizing: summed in runs of consecutive values
 * down to {@code dimensions}, and {@code centre}d (its own mean subtracted). Centring matters for an output that
 * is never negative (faceres' pooled ReLU6 features), whose raw cosines all crowd towards 1.
 */
final class FaceEmbedder implements AutoCloseable {
    private final FaceModel model;
    private final OnnxModel session;
    private final String output;
    private final int outputSize;
    private final int dimensions;
    private final boolean centre;
    private final FaceAligner aligner;
    private final float matchThreshold;

    private FaceEmbedder(FaceModel model, OnnxModel session, String output, int outputSize, int dimensions,
            boolean centre, FaceAligner aligner, float matchThreshold) {
        this.model = model;
        this.session = session;
        this.output = output;
        this.outputSize = outputSize;
        this.dimensions = dimensions;
        this.centre = centre;
        this.aligner = aligner;
        this.matchThreshold = matchThreshold;
    }

    /** Reads the manifest's {@code embedder} section and loads the model, checking the output's shape. */
    static FaceEmbedder load(FaceModel model, int threads) {
        Fields e = model.section();
        String output = e.string("output");
        int outputSize = e.positive("outputSize");
        int dimensions = e.positive("dimensions");
        if (outputSize % dimensions != 0) {
            throw e.bad("dimensions", "must divide outputSize " + outputSize + ", not " + dimensions);
        }
        boolean centre = e.bool("centre");
        Fields crop = e.object("crop");
        FaceAligner aligner = new FaceAligner(crop.number("eyeY", 0, 1), crop.number("eyeDistance", 0.01, 1));
        crop.rejectUnknown();
        float matchThreshold = (float) e.number("matchThreshold", -1, 1);
        e.rejectUnknown();
        OnnxModel session = OnnxModel.load(model, threads, Map.of(output, new long[] {-1, outputSize}));
        return new FaceEmbedder(model, session, output, outputSize, dimensions, centre, aligner, matchThreshold);
    }

    int dimensions() {
        return dimensions;
    }

    float matchThreshold() {
        return matchThreshold;
    }

    /** The face's embedding: {@link #dimensions()} floats, L2-normalized. */
    float[] embed(DecodedImage image, DetectedFace face) {
        float[] raw = session.run(aligner.crop(image, face, model.input())).get(output);
        float[] v = new float[dimensions];
        int run = outputSize / dimensions;
        for (int i = 0; i < outputSize; i++) {
            v[i / run] += raw[i];
        }
        if (centre) {
            double mean = 0;
            for (float x : v) {
                mean += x;
            }
            mean /= dimensions;
            for (int i = 0; i < dimensions; i++) {
                v[i] -= (float) mean;
            }
        }
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        float scale = sum > 0 ? (float) (1 / Math.sqrt(sum)) : 0f;
        for (int i = 0; i < dimensions; i++) {
            v[i] *= scale;
        }
        return v;
    }

    @Override
    public void close() {
        session.close();
    }
}
