package dev.openrecog.vision.face;

import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ErrorCode;
import dev.openrecog.vision.image.DecodedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Faces in an image: detected (BlazeFace), each aligned on its eyes and embedded (the built-in embedder, chosen by
 * measured accuracy, {@code shared/vision/MODELS.md}, section Faces). The models load on first use; the analyzer is
 * thread-safe, so keep one, and close it to free the ONNX Runtime sessions.
 *
 * <pre>{@code
 * DecodedImage image = new ImageDecoder().decode(bytes, FaceAnalyzer.DECODE_SIZE, FaceAnalyzer.DECODE_SIZE);
 * Face sample = analyzer.largestFace(image);           // ApiException(NO_FACE) when there is none
 * for (Face f : analyzer.faces(query)) {               // every face, best detection first
 *     boolean same = f.similarity(sample) >= analyzer.matchThreshold();
 * }
 * }</pre>
 */
public final class FaceAnalyzer implements AutoCloseable {
    /**
     * The size to decode images to for faces ({@code ImageDecoder.decode(bytes, DECODE_SIZE, DECODE_SIZE)}, which
     * keeps at least this many pixels a side): detection needs only 256 px, but the embedder's 224 px crop wants
     * the face's own pixels, and a face that spans a tenth of the image still has 100 or more.
     */
    public static final int DECODE_SIZE = 1024;

    static final String DETECTOR = "blazeface";
    static final String EMBEDDER = "faceres";

    private final FaceModel detectorModel;
    private final FaceModel embedderModel;
    private final int threads;
    private BlazeFace detector;
    private FaceEmbedder embedder;
    private boolean closed;

    FaceAnalyzer(FaceModel detectorModel, FaceModel embedderModel, int threads) {
        this.detectorModel = detectorModel;
        this.embedderModel = embedderModel;
        this.threads = threads;
    }

    /** The built-in detector and embedder, ONNX Runtime using every processor; nothing loads until first use. */
    public static FaceAnalyzer builtIn() {
        return new FaceAnalyzer(FaceModel.builtIn(DETECTOR, "detector"), FaceModel.builtIn(EMBEDDER, "embedder"),
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * Every face in the image, best detection first: box in original-image pixels, score and embedding. Faces
     * whose box is less than {@link #minFaceSize()} pixels on its shorter side are left out: too small to tell
     * people apart.
     */
    public List<Face> faces(DecodedImage image) {
        Objects.requireNonNull(image, "image");
        List<Face> faces = new ArrayList<>();
        for (DetectedFace f : detector().detect(image)) {
            faces.add(embedded(image, f));
        }
        return faces;
    }

    /**
     * The largest face in the image (by box area), for registering a sample.
     *
     * @throws ApiException {@link ErrorCode#NO_FACE} when the image shows no face (of at least {@link #minFaceSize()})
     */
    public Face largestFace(DecodedImage image) {
        Objects.requireNonNull(image, "image");
        return detector().detect(image).stream()
                .max(Comparator.comparingDouble(f -> f.width() * f.height()))
                .map(f -> embedded(image, f)) // only the largest: embedding costs more than detecting
                .orElseThrow(() -> new ApiException(ErrorCode.NO_FACE, "No face was found in the image (faces"
                        + " smaller than " + Math.round(minFaceSize()) + " pixels are not detected)."));
    }

    private Face embedded(DecodedImage image, DetectedFace f) {
        double[] b = f.box;
        int left = (int) Math.round(b[0]);
        int top = (int) Math.round(b[1]);
        return new Face(left, top, (int) Math.round(b[2]) - left, (int) Math.round(b[3]) - top, f.score,
                embedder().embed(image, f));
    }

    /** The cosine similarity at and above which two faces are taken as the same person (loads the models). */
    public float matchThreshold() {
        return embedder().matchThreshold();
    }

    /** Floats in an embedding (loads the models). */
    public int dimensions() {
        return embedder().dimensions();
    }

    /** The smallest face reported, the shorter side of its box in original pixels (loads the models). */
    public double minFaceSize() {
        return detector().minFaceSize();
    }

    private synchronized BlazeFace detector() {
        if (closed) {
            throw new IllegalStateException("the face analyzer is closed");
        }
        if (detector == null) {
            detector = BlazeFace.load(detectorModel, threads);
        }
        return detector;
    }

    private synchronized FaceEmbedder embedder() {
        if (closed) {
            throw new IllegalStateException("the face analyzer is closed");
        }
        if (embedder == null) {
            embedder = FaceEmbedder.load(embedderModel, threads);
        }
        return embedder;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (detector != null) {
            detector.close();
        }
        if (embedder != null) {
            embedder.close();
        }
    }
}
