package dev.openrecog.vision.instance;

import boofcv.struct.image.GrayF32;
import dev.openrecog.vision.detect.Detector;
import dev.openrecog.vision.detect.ModelManifest;
import dev.openrecog.vision.image.DecodedImage;
import dev.openrecog.vision.image.InputSpec;
import dev.openrecog.vision.image.Preprocess;
import java.nio.FloatBuffer;
import java.util.Objects;

/**
 * Extracts {@link InstanceFeatures} from an image: SURF keypoints (BoofCV) on a grey frame whose longer side is
 * {@link #FRAME_SIDE} pixels, {@code maxKeypoints} kept with corner-like ones first ({@link SurfKeypoints}), and
 * embeddings pooled from the backbone of the built-in centernet detector (its last feature map, 16x16x480, which the
 * committed model exposes as an extra output): generalized-mean (GeM, p = 3) pooling per channel, so that strong
 * local evidence counts more than in an average, over the whole map, each quadrant and the centre, then int8.
 *
 * <p>Decode with at least {@link #FRAME_SIDE} pixels on the shorter side, e.g.
 * {@code new ImageDecoder().decode(bytes, FRAME_SIDE, FRAME_SIDE)}: a finer decode costs time and changes nothing.
 * Thread-safe; create one and keep it (it holds an ONNX Runtime session), close it when done.
 */
public final class InstanceFeatureExtractor implements AutoCloseable {
    /** The longer side, in pixels, of the frame that keypoints are detected in. */
    public static final int FRAME_SIDE = 640;
    /** The built-in detector whose backbone gives the embeddings. */
    public static final String BACKBONE = "centernet";
    static final int MAX_KEYPOINTS = 500;
    static final String EMBEDDING_OUTPUT = "tower_0/extern1/hard_swish/mul_1";
    static final int EMBEDDING_CHANNELS = 480;
    /**
     * int8 steps per unit of a SURF descriptor component. The descriptors have unit length and their largest
     * components measured up to 0.62 (99.9% below 0.55), so 200 keeps them within ±127 at a step of 0.005.
     */
    static final double DESCRIPTOR_SCALE = 200;

    private final Detector backbone;
    private final int frameSide;
    private final int maxKeypoints;
    private final boolean ownsBackbone;

    InstanceFeatureExtractor(Detector backbone, int frameSide, int maxKeypoints) {
        this(backbone, frameSide, maxKeypoints, true);
    }

    private InstanceFeatureExtractor(Detector backbone, int frameSide, int maxKeypoints, boolean ownsBackbone) {
        if (frameSide < 32 || frameSide > InstanceFeatures.MAX_FRAME_SIDE) {
            throw new IllegalArgumentException("frame side must be within 32.." + InstanceFeatures.MAX_FRAME_SIDE
                    + ": " + frameSide);
        }
        if (maxKeypoints < 1 || maxKeypoints > 65535) {
            throw new IllegalArgumentException("keypoint cap must be within 1..65535: " + maxKeypoints);
        }
        this.backbone = Objects.requireNonNull(backbone, "backbone");
        this.frameSide = frameSide;
        this.maxKeypoints = maxKeypoints;
        this.ownsBackbone = ownsBackbone;
    }

    /** The extractor with the measured defaults (see MODELS.md, "Instance matching") on the built-in centernet. */
    public static InstanceFeatureExtractor builtIn() {
        return new InstanceFeatureExtractor(Detector.create(ModelManifest.builtIn(BACKBONE)), FRAME_SIDE,
                MAX_KEYPOINTS);
    }

    /**
     * The extractor with the measured defaults on a built-in centernet detector that the caller keeps, so that label
     * detection and instance features share one model session. Closing the extractor leaves the detector open.
     */
    public static InstanceFeatureExtractor sharing(Detector centernet) {
        if (!BACKBONE.equals(centernet.manifest().name())) {
            throw new IllegalArgumentException("instance features need the built-in " + BACKBONE + " detector, not "
                    + centernet.manifest().name());
        }
        return new InstanceFeatureExtractor(centernet, FRAME_SIDE, MAX_KEYPOINTS, false);
    }

    /** The features of one image. */
    public InstanceFeatures extract(DecodedImage image) {
        Objects.requireNonNull(image, "image");
        int width = image.originalWidth();
        int height = image.originalHeight();
        double scale = (double) frameSide / Math.max(width, height);
        int frameWidth = Math.max(1, (int) Math.round(width * scale));
        int frameHeight = Math.max(1, (int) Math.round(height * scale));
        GrayF32 frame = grey(Preprocess.toTensor(image, InputSpec.of(frameWidth, frameHeight)).data(), frameWidth,
                frameHeight);

        SurfKeypoints keypoints = SurfKeypoints.detect(frame, maxKeypoints);
        int count = keypoints.count();
        int length = keypoints.descriptorLength();
        char[] positions = new char[2 * count];
        byte[] descriptors = new byte[count * length];
        for (int i = 0; i < count; i++) {
            positions[2 * i] = position(keypoints.x(i), frameWidth);
            positions[2 * i + 1] = position(keypoints.y(i), frameHeight);
            double[] d = keypoints.descriptor(i);
            for (int k = 0; k < length; k++) {
                long q = Math.round(d[k] * DESCRIPTOR_SCALE);
                descriptors[i * length + k] = (byte) Math.max(-127, Math.min(127, q));
            }
        }
        return new InstanceFeatures(width, height, frameWidth, frameHeight, EMBEDDING_CHANNELS, embeddings(image),
                positions, length, descriptors, appearance(image, frameWidth, frameHeight));
    }

    /** Luma (BT.601) of an RGB 0..255 NHWC tensor. */
    private static GrayF32 grey(FloatBuffer rgb, int width, int height) {
        GrayF32 grey = new GrayF32(width, height);
        float[] px = new float[3 * width];
        for (int y = 0; y < height; y++) {
            rgb.get(px);
            int at = grey.startIndex + y * grey.stride;
            for (int x = 0, i = 0; x < width; x++, i += 3) {
                grey.data[at + x] = 0.299f * px[i] + 0.587f * px[i + 1] + 0.114f * px[i + 2];
            }
        }
        return grey;
    }

    /** The image's {@link Appearance}: resized like the frame, to the thumbnail's size. */
    static Appearance appearance(DecodedImage image, int frameWidth, int frameHeight) {
        int[] size = Appearance.size(frameWidth, frameHeight);
        GrayF32 grey = grey(Preprocess.toTensor(image, InputSpec.of(size[0], size[1])).data(), size[0], size[1]);
        byte[] luma = new byte[size[0] * size[1]];
        for (int i = 0; i < luma.length; i++) {
            luma[i] = (byte) Math.max(0, Math.min(255, Math.round(grey.data[i])));
        }
        return new Appearance(size[0], size[1], luma);
    }

    private static char position(double v, int side) {
        return (char) Math.max(0, Math.min(side * InstanceFeatures.POSITION_STEPS,
                Math.round(v * InstanceFeatures.POSITION_STEPS)));
    }

    /** GeM pooling (p = 3) of the backbone's last feature map (NHWC) over the image and each of its regions. */
    private byte[] embeddings(DecodedImage image) {
        InputSpec spec = backbone.manifest().input().spec();
        float[] map = backbone.output(Preprocess.toTensor(image, spec).data(), EMBEDDING_OUTPUT);
        int channels = EMBEDDING_CHANNELS;
        int side = (int) Math.round(Math.sqrt(map.length / (double) channels));
        if (side * side * channels != map.length || side % 4 != 0) {
            throw new IllegalStateException(EMBEDDING_OUTPUT + " holds " + map.length + " values, not a square grid"
                    + " of " + channels + " channels");
        }
        int half = side / 2;
        int[][] regions = {{0, 0, side}, {0, 0, half}, {half, 0, half}, {0, half, half}, {half, half, half},
            {half / 2, half / 2, half}};
        byte[] out = new byte[regions.length * channels];
        for (int r = 0; r < regions.length; r++) {
            gem(map, side, channels, regions[r][0], regions[r][1], regions[r][2], out, r * channels);
        }
        return out;
    }

    /** GeM over the {@code size x size} cells from {@code (x0, y0)}, scaled to int8 (largest value 127). */
    private static void gem(float[] map, int side, int channels, int x0, int y0, int size, byte[] out, int at) {
        double[] pooled = new double[channels];
        for (int y = y0; y < y0 + size; y++) {
            for (int x = x0, i = (y * side + x0) * channels; x < x0 + size; x++) {
                for (int c = 0; c < channels; c++, i++) {
                    double v = Math.max(0, map[i]); // hard-swish dips slightly below 0; GeM needs v >= 0
                    pooled[c] += v * v * v;
                }
            }
        }
        double max = 0;
        for (int c = 0; c < channels; c++) {
            pooled[c] = Math.cbrt(pooled[c] / (size * size));
            max = Math.max(max, pooled[c]);
        }
        for (int c = 0; c < channels && max > 0; c++) {
            out[at + c] = (byte) Math.round(pooled[c] * 127 / max);
        }
    }

    @Override
    public void close() {
        if (ownsBackbone) {
            backbone.close();
        }
    }
}
