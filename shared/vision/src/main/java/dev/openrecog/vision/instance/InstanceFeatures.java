package dev.openrecog.vision.instance;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * What instance recognition keeps of one image: embeddings that shortlist candidates ({@link #similarity}) and
 * local keypoints with descriptors that {@link InstanceVerifier} matches geometrically, and a small grey thumbnail
 * (the {@link Appearance}) that the verifier compares once the geometry is known. Immutable.
 *
 * <p>The embeddings describe the whole image (region 0) and parts of it (quadrants, centre; see
 * {@link InstanceFeatureExtractor}), so that a query that shows a sample in a part of it still ranks it high.
 * Everything is stored quantized, as {@link #toBytes()} writes it, so features read back with
 * {@link #fromBytes(byte[])} behave exactly like the ones extracted. Vectors are int8: each embedding scaled so that
 * its largest component is 127 (they are compared by direction only, so no scale is stored), the unit-length SURF
 * descriptors times {@link InstanceFeatureExtractor#DESCRIPTOR_SCALE}. Keypoints are in the pixels of the
 * <em>frame</em> the features were extracted from (the image resized so that its longer side is
 * {@link InstanceFeatureExtractor#FRAME_SIDE}), in 1/32 pixel steps; the original image's size maps them back.
 *
 * <p>Byte format, version 2, big-endian: {@code u8 version}, {@code i32 width, height} (original image, upright),
 * {@code u16 frameWidth, frameHeight}; {@code u8 R} embeddings of {@code u16 E} dimensions, R times E {@code i8};
 * {@code u16 N} keypoints with descriptors of {@code u8 D} values, N times {@code u16 x, y} (1/32 frame pixels),
 * N times D {@code i8}; {@code u8 W, H}, the appearance's W times H {@code u8} luma, row by row. Size:
 * {@code 21 + R * E + N * (4 + D) + W * H} bytes. Version 1 ends before the appearance.
 */
public final class InstanceFeatures {
    /** Version 2 adds the appearance; version 1 features, without it, are read and verified without it. */
    static final int VERSION = 2;
    /** Keypoint coordinates are stored in these fractions of a frame pixel. */
    static final int POSITION_STEPS = 32;
    /** The largest frame side whose coordinates fit the format's 16 bits. */
    static final int MAX_FRAME_SIDE = 65535 / POSITION_STEPS;
    private static final int HEADER_BYTES = 1 + 4 + 4 + 2 + 2 + 1 + 2 + 2 + 1;

    private final int width;
    private final int height;
    private final int frameWidth;
    private final int frameHeight;
    private final int embeddingLength;
    private final byte[] embeddings;
    private final char[] positions;
    private final int descriptorLength;
    private final byte[] descriptors;
    private final Appearance appearance;

    /**
     * @param embeddings the whole image's embedding, then its regions', {@code embeddingLength} values each
     * @param positions x, y of each keypoint in 1/32 frame pixels, interleaved
     * @param descriptors the keypoints' descriptors, {@code descriptorLength} values each, in keypoint order
     */
    InstanceFeatures(int width, int height, int frameWidth, int frameHeight, int embeddingLength, byte[] embeddings,
            char[] positions, int descriptorLength, byte[] descriptors, Appearance appearance) {
        check(width > 0 && height > 0, "image size " + width + "x" + height);
        check(frameWidth > 0 && frameHeight > 0 && frameWidth <= MAX_FRAME_SIDE && frameHeight <= MAX_FRAME_SIDE,
                "frame size " + frameWidth + "x" + frameHeight);
        check(embeddingLength > 0 && embeddingLength <= 65535 && embeddings.length % embeddingLength == 0
                && embeddings.length / embeddingLength >= 1 && embeddings.length / embeddingLength <= 255,
                embeddings.length + " embedding values of " + embeddingLength + " dimensions");
        check(positions.length % 2 == 0 && positions.length / 2 <= 65535, positions.length / 2 + " keypoints");
        check(descriptorLength > 0 && descriptorLength <= 255, "descriptor length " + descriptorLength);
        check(descriptors.length == positions.length / 2 * descriptorLength,
                descriptors.length + " descriptor values for " + positions.length / 2 + " keypoints");
        for (int i = 0; i < positions.length; i += 2) {
            check(positions[i] <= frameWidth * POSITION_STEPS && positions[i + 1] <= frameHeight * POSITION_STEPS,
                    "keypoint " + i / 2 + " outside the frame");
        }
        this.width = width;
        this.height = height;
        this.frameWidth = frameWidth;
        this.frameHeight = frameHeight;
        this.embeddingLength = embeddingLength;
        this.embeddings = embeddings;
        this.positions = positions;
        this.descriptorLength = descriptorLength;
        this.descriptors = descriptors;
        this.appearance = appearance;
    }

    /**
     * Reads what {@link #toBytes()} wrote.
     *
     * @throws IllegalArgumentException when the bytes are not instance features of a version this code reads
     */
    public static InstanceFeatures fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            int version = in.get() & 0xFF;
            check(version == 1 || version == VERSION, "version " + version + ", this code reads versions 1 and "
                    + VERSION);
            int width = in.getInt();
            int height = in.getInt();
            int frameWidth = in.getChar();
            int frameHeight = in.getChar();
            int regions = in.get() & 0xFF;
            int embeddingLength = in.getChar();
            byte[] embeddings = new byte[regions * embeddingLength];
            in.get(embeddings);
            int count = in.getChar();
            int descriptorLength = in.get() & 0xFF;
            char[] positions = new char[2 * count];
            in.asCharBuffer().get(positions);
            in.position(in.position() + 4 * count);
            byte[] descriptors = new byte[count * descriptorLength];
            in.get(descriptors);
            Appearance appearance = null;
            if (version >= 2) {
                int appearanceWidth = in.get() & 0xFF;
                int appearanceHeight = in.get() & 0xFF;
                byte[] luma = new byte[appearanceWidth * appearanceHeight];
                in.get(luma);
                appearance = new Appearance(appearanceWidth, appearanceHeight, luma);
            }
            check(!in.hasRemaining(), "length: " + bytes.length + " bytes, " + in.remaining() + " of them unread");
            return new InstanceFeatures(width, height, frameWidth, frameHeight, embeddingLength, embeddings,
                    positions, descriptorLength, descriptors, appearance);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("instance features: truncated (" + bytes.length + " bytes)", e);
        }
    }

    /** The compact form (format in the class comment), version 1 when there is no appearance. */
    public byte[] toBytes() {
        int appearanceBytes = appearance == null ? 0 : 2 + appearance.luma().length;
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + embeddings.length + 2 * positions.length
                + descriptors.length + appearanceBytes);
        out.put((byte) (appearance == null ? 1 : VERSION)).putInt(width).putInt(height).putChar((char) frameWidth).putChar((char) frameHeight);
        out.put((byte) (embeddings.length / embeddingLength)).putChar((char) embeddingLength).put(embeddings);
        out.putChar((char) keypointCount()).put((byte) descriptorLength);
        out.asCharBuffer().put(positions);
        out.position(out.position() + 2 * positions.length);
        out.put(descriptors);
        if (appearance != null) {
            out.put((byte) appearance.width()).put((byte) appearance.height()).put(appearance.luma());
        }
        return out.array();
    }

    /** Width of the image the features come from, in its original pixels (upright). */
    public int width() {
        return width;
    }

    /** Height of the image the features come from, in its original pixels (upright). */
    public int height() {
        return height;
    }

    /** Number of local keypoints (the strongest ones, at most the extractor's cap). */
    public int keypointCount() {
        return positions.length / 2;
    }

    /**
     * How much this image, taken as the query, looks like {@code sample}: the best cosine similarity between any of
     * this image's embeddings (whole and regions) and the sample's whole-image embedding, -1..1, higher is more
     * alike. Only for shortlisting the samples to {@link InstanceVerifier#verify verify}; it is no verdict.
     *
     * @throws IllegalArgumentException when the two were extracted with embeddings of different sizes
     */
    public double similarity(InstanceFeatures sample) {
        if (embeddingLength != sample.embeddingLength) {
            throw new IllegalArgumentException("embeddings of " + embeddingLength + " and " + sample.embeddingLength
                    + " dimensions cannot be compared");
        }
        double best = -1;
        for (int at = 0; at < embeddings.length; at += embeddingLength) {
            best = Math.max(best, cosine(embeddings, at, sample.embeddings, 0, embeddingLength));
        }
        return best;
    }

    private static double cosine(byte[] a, int from, byte[] b, int bFrom, int length) {
        long dot = 0;
        long aa = 0;
        long bb = 0;
        for (int i = 0; i < length; i++) {
            int x = a[from + i];
            int y = b[bFrom + i];
            dot += x * y;
            aa += x * x;
            bb += y * y;
        }
        return aa == 0 || bb == 0 ? 0 : dot / Math.sqrt((double) aa * bb);
    }

    int frameWidth() {
        return frameWidth;
    }

    int frameHeight() {
        return frameHeight;
    }

    /** Keypoint {@code i}'s x in frame pixels. */
    double x(int i) {
        return positions[2 * i] / (double) POSITION_STEPS;
    }

    /** Keypoint {@code i}'s y in frame pixels. */
    double y(int i) {
        return positions[2 * i + 1] / (double) POSITION_STEPS;
    }

    /** The thumbnail the verifier compares; null for features stored before it existed (version 1). */
    Appearance appearance() {
        return appearance;
    }

    int descriptorLength() {
        return descriptorLength;
    }

    /** Copies keypoint {@code i}'s descriptor into {@code into}. */
    void descriptor(int i, byte[] into) {
        System.arraycopy(descriptors, i * descriptorLength, into, 0, descriptorLength);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("instance features: invalid " + what);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof InstanceFeatures)) {
            return false;
        }
        InstanceFeatures f = (InstanceFeatures) o;
        return width == f.width && height == f.height && frameWidth == f.frameWidth && frameHeight == f.frameHeight
                && embeddingLength == f.embeddingLength && descriptorLength == f.descriptorLength
                && Arrays.equals(embeddings, f.embeddings) && Arrays.equals(positions, f.positions)
                && Arrays.equals(descriptors, f.descriptors) && Objects.equals(appearance, f.appearance);
    }

    @Override
    public int hashCode() {
        return Objects.hash(width, height, frameWidth, frameHeight, Arrays.hashCode(embeddings),
                Arrays.hashCode(positions), Arrays.hashCode(descriptors));
    }

    @Override
    public String toString() {
        return "InstanceFeatures[" + width + "x" + height + ", frame " + frameWidth + "x" + frameHeight + ", "
                + embeddings.length / embeddingLength + " embeddings of " + embeddingLength + " dimensions, "
                + keypointCount() + " keypoints]";
    }
}
