package dev.openrecog.vision.face;

import dev.openrecog.vision.detect.Detection;
import dev.openrecog.vision.detect.Fields;
import dev.openrecog.vision.detect.Nms;
import dev.openrecog.vision.image.DecodedImage;
import dev.openrecog.vision.image.ImageTensor;
import dev.openrecog.vision.image.InputSpec;
import dev.openrecog.vision.image.Preprocess;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MediaPipe BlazeFace (the 256x256 "back camera" variant): SSD-style anchors on feature levels; per anchor a score
 * logit and 16 regressors, all in input pixels relative to the anchor centre: box centre offset (x, y), box width
 * and height, then six keypoints (x, y): the eye on the image's left, the other eye, nose tip, mouth centre and the
 * two ear tragions. Anchors are the cell centres, {@code stride * (cell + 0.5)}, {@code anchorsPerCell} times each,
 * level by level, cells row by row. After the score sigmoid and threshold, greedy NMS; boxes and keypoints are
 * mapped back to original-image pixels through the preprocessing's {@link ImageTensor}.
 */
final class BlazeFace implements AutoCloseable {
    /** Values per anchor in a box tensor: centre (2), size (2), six keypoints (12). */
    static final int REGRESSORS = 16;

    private final FaceModel model;
    private final OnnxModel session;
    private final List<Level> levels;
    private final float scoreThreshold;
    private final float nmsIou;
    private final double minFaceSize;

    private static final class Level {
        final String scores;
        final String boxes;
        final int stride;
        final int anchorsPerCell;
        final int anchors;

        Level(String scores, String boxes, int stride, int anchorsPerCell, InputSpec input) {
            this.scores = scores;
            this.boxes = boxes;
            this.stride = stride;
            this.anchorsPerCell = anchorsPerCell;
            this.anchors = cells(input.width(), stride) * cells(input.height(), stride) * anchorsPerCell;
        }

        static int cells(int size, int stride) {
            return (size + stride - 1) / stride;
        }
    }

    private BlazeFace(FaceModel model, OnnxModel session, List<Level> levels, float scoreThreshold, float nmsIou,
            double minFaceSize) {
        this.model = model;
        this.session = session;
        this.levels = levels;
        this.scoreThreshold = scoreThreshold;
        this.nmsIou = nmsIou;
        this.minFaceSize = minFaceSize;
    }

    /** Reads the manifest's {@code detector} section and loads the model, checking every output's shape. */
    static BlazeFace load(FaceModel model, int threads) {
        Fields d = model.section();
        List<Level> levels = new ArrayList<>();
        for (Fields l : d.objects("levels")) {
            levels.add(new Level(l.string("scores"), l.string("boxes"), l.positive("stride"),
                    l.positive("anchorsPerCell"), model.input()));
            l.rejectUnknown();
        }
        float scoreThreshold = (float) d.number("scoreThreshold", 0, 1);
        float nmsIou = (float) d.number("nmsIou", 0, 1);
        double minFaceSize = d.number("minFaceSize", 0, 10_000);
        d.rejectUnknown();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (Level l : levels) {
            shapes.put(l.scores, new long[] {1, l.anchors, 1});
            shapes.put(l.boxes, new long[] {1, l.anchors, REGRESSORS});
        }
        return new BlazeFace(model, OnnxModel.load(model, threads, shapes), levels, scoreThreshold, nmsIou,
                minFaceSize);
    }

    /** The default minimum score of a face. */
    float scoreThreshold() {
        return scoreThreshold;
    }

    /** Smallest face reported: the shorter side of its box, in original pixels. */
    double minFaceSize() {
        return minFaceSize;
    }

    /** Faces at or above the manifest's threshold, best first, in original-image pixels. */
    List<DetectedFace> detect(DecodedImage image) {
        return detect(image, scoreThreshold, minFaceSize);
    }

    /**
     * Faces at or above {@code minScore} (0..1) whose box is at least {@code minSize} original pixels on its
     * shorter side, best first, in original-image pixels.
     */
    List<DetectedFace> detect(DecodedImage image, float minScore, double minSize) {
        InputSpec spec = model.input();
        ImageTensor tensor = Preprocess.toTensor(image, spec);
        Map<String, float[]> out = session.run(tensor.data());
        float minLogit = (float) Math.log(minScore / (1.0 - minScore));
        // NMS works on Detection (boxes as fractions of the input); the keypoints ride along by identity.
        Map<Detection, float[]> keypoints = new IdentityHashMap<>();
        List<Detection> candidates = new ArrayList<>();
        for (Level level : levels) {
            float[] scores = out.get(level.scores);
            float[] boxes = out.get(level.boxes);
            int columns = Level.cells(spec.width(), level.stride);
            for (int a = 0; a < level.anchors; a++) {
                if (scores[a] < minLogit) {
                    continue;
                }
                int cell = a / level.anchorsPerCell;
                float ax = level.stride * (cell % columns + 0.5f);
                float ay = level.stride * (cell / columns + 0.5f);
                int r = a * REGRESSORS;
                float cx = ax + boxes[r];
                float cy = ay + boxes[r + 1];
                float hw = boxes[r + 2] / 2;
                float hh = boxes[r + 3] / 2;
                float[] points = new float[12];
                for (int k = 0; k < 12; k += 2) {
                    points[k] = ax + boxes[r + 4 + k];
                    points[k + 1] = ay + boxes[r + 5 + k];
                }
                float score = (float) (1 / (1 + Math.exp(-scores[a])));
                Detection d = new Detection(0, "face", score, (cx - hw) / spec.width(), (cy - hh) / spec.height(),
                        (cx + hw) / spec.width(), (cy + hh) / spec.height());
                candidates.add(d);
                keypoints.put(d, points);
            }
        }
        List<DetectedFace> faces = new ArrayList<>();
        for (Detection d : Nms.classWise(candidates, nmsIou, Integer.MAX_VALUE)) {
            double[] box = tensor.toOriginalBox(d.x1() * spec.width(), d.y1() * spec.height(),
                    d.x2() * spec.width(), d.y2() * spec.height());
            if (Math.min(box[2] - box[0], box[3] - box[1]) < minSize) {
                continue;
            }
            float[] p = keypoints.get(d);
            double[] points = new double[p.length];
            for (int k = 0; k < p.length; k += 2) {
                points[k] = tensor.toOriginalX(p[k]);
                points[k + 1] = tensor.toOriginalY(p[k + 1]);
            }
            faces.add(new DetectedFace(d.score(), box, points));
        }
        return faces;
    }

    @Override
    public void close() {
        session.close();
    }
}
