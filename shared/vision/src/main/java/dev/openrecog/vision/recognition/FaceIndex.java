package dev.openrecog.vision.recognition;

import dev.openrecog.domain.recognition.IndexedSample;
import dev.openrecog.domain.recognition.Region;
import dev.openrecog.domain.recognition.SampleIndex;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A face library compiled for search: every sample's embedding as one row of a contiguous int8 matrix. A stored
 * embedding is the L2-normalized float embedding scaled so that its largest component is ±127 and rounded; its
 * direction is all that counts, so each row keeps the inverse of its length instead of a scale.
 *
 * <p>A search first scores every row against the query rounded to int8 the same way, with int dot products, split
 * over the processors for large libraries. Rounding the query moves a score by at most the distance between the
 * query and its rounded direction (Cauchy-Schwarz), so every row within that margin of the threshold is a candidate,
 * and only candidates are scored exactly, with the float query: the results are exactly those a float search over
 * the stored rows gives. Immutable and thread-safe.
 */
final class FaceIndex implements SampleIndex {
    /** Below this many rows a search runs on the calling thread: splitting costs more than it saves. */
    static final int PARALLEL_ROWS = 16_384;

    private final List<SampleRef> samples;
    private final int dimensions;
    private final byte[] matrix;
    private final float[] inverseLengths;
    private final long memoryBytes;

    private FaceIndex(List<SampleRef> samples, int dimensions, byte[] matrix, float[] inverseLengths) {
        this.samples = samples;
        this.dimensions = dimensions;
        this.matrix = matrix;
        this.inverseLengths = inverseLengths;
        this.memoryBytes = SampleRef.memoryBytes(samples) + SampleRef.array(matrix.length)
                + SampleRef.array(4L * inverseLengths.length);
    }

    /**
     * @throws IllegalArgumentException when a sample's features are not face features, or of another size
     */
    static FaceIndex of(List<IndexedSample> samples) {
        int dimensions = samples.isEmpty() ? 0 : FeatureKind.FACE.payload(samples.get(0).features()).length;
        byte[] matrix = new byte[Math.multiplyExact(samples.size(), dimensions)];
        float[] inverseLengths = new float[samples.size()];
        for (int row = 0; row < samples.size(); row++) {
            byte[] embedding = FeatureKind.FACE.payload(samples.get(row).features());
            if (embedding.length != dimensions) {
                throw new IllegalArgumentException("face features of " + embedding.length + " and " + dimensions
                        + " dimensions in one library");
            }
            System.arraycopy(embedding, 0, matrix, row * dimensions, dimensions);
            long squares = 0;
            for (byte v : embedding) {
                squares += v * v;
            }
            inverseLengths[row] = squares == 0 ? 0 : (float) (1 / Math.sqrt(squares));
        }
        return new FaceIndex(SampleRef.of(samples), dimensions, matrix, inverseLengths);
    }

    /** An embedding as stored: scaled so that its largest component is ±127, rounded. */
    static byte[] quantize(float[] embedding) {
        float max = 0;
        for (float v : embedding) {
            max = Math.max(max, Math.abs(v));
        }
        byte[] out = new byte[embedding.length];
        for (int i = 0; i < embedding.length && max > 0; i++) {
            out[i] = (byte) Math.round(embedding[i] * 127 / max);
        }
        return out;
    }

    /**
     * Offers {@code best} every sample whose cosine similarity with {@code query} (an L2-normalized embedding) is
     * at least {@code threshold} and above 0, with {@code region} as where it was found.
     *
     * @throws IllegalArgumentException when the query has another number of dimensions than the samples
     */
    void search(float[] query, double threshold, Region region, BestMatches best) {
        if (samples.isEmpty()) {
            return;
        }
        if (query.length != dimensions) {
            throw new IllegalArgumentException("a face of " + query.length + " dimensions searched among faces of "
                    + dimensions);
        }
        byte[] rounded = quantize(query);
        double roundedLength = Math.sqrt(dot(rounded, rounded, 0));
        double margin = 0;
        for (int k = 0; k < dimensions; k++) {
            double d = query[k] - rounded[k] / roundedLength;
            margin += d * d;
        }
        // 1e-6: the approximate scores are float products, a row at the margin must not be lost to their rounding
        float cutoff = (float) ((threshold - Math.sqrt(margin) - 1e-6) * roundedLength);
        int parts = samples.size() < PARALLEL_ROWS ? 1 : Runtime.getRuntime().availableProcessors();
        IntStream chunks = IntStream.range(0, parts);
        int[][] candidates = (parts > 1 ? chunks.parallel() : chunks)
                .mapToObj(p -> candidates(rounded, cutoff, (int) ((long) samples.size() * p / parts),
                        (int) ((long) samples.size() * (p + 1) / parts)))
                .toArray(int[][]::new);
        for (int[] rows : candidates) {
            for (int i = 1; i <= rows[0]; i++) {
                int row = rows[i];
                double score = Math.max(0, exact(query, row));
                if (score >= threshold && score > 0) {
                    best.offer(samples.get(row), score, region);
                }
            }
        }
    }

    /** Rows from {@code from} to {@code to} whose approximate score reaches the cutoff: count first, then rows. */
    private int[] candidates(byte[] rounded, float cutoff, int from, int to) {
        int[] found = new int[16];
        int count = 0;
        for (int row = from; row < to; row++) {
            if (dot(rounded, matrix, row * dimensions) * inverseLengths[row] >= cutoff) {
                if (++count == found.length) {
                    found = Arrays.copyOf(found, 2 * found.length);
                }
                found[count] = row;
            }
        }
        found[0] = count;
        return found;
    }

    /**
     * Four running sums let the processor overlap the multiply-adds: Java 17's JIT does not vectorize products of
     * bytes, and this measured 1.35 times as fast as one sum (14 against 19 ms for 100,000 rows, one thread).
     */
    private static int dot(byte[] query, byte[] rows, int at) {
        int s0 = 0;
        int s1 = 0;
        int s2 = 0;
        int s3 = 0;
        int k = 0;
        for (int end = query.length & ~3; k < end; k += 4) {
            s0 += query[k] * rows[at + k];
            s1 += query[k + 1] * rows[at + k + 1];
            s2 += query[k + 2] * rows[at + k + 2];
            s3 += query[k + 3] * rows[at + k + 3];
        }
        for (; k < query.length; k++) {
            s0 += query[k] * rows[at + k];
        }
        return s0 + s1 + s2 + s3;
    }

    private double exact(float[] query, int row) {
        float sum = 0;
        for (int k = 0, at = row * dimensions; k < dimensions; k++, at++) {
            sum += query[k] * matrix[at];
        }
        return sum * inverseLengths[row];
    }

    @Override
    public int size() {
        return samples.size();
    }

    @Override
    public long memoryBytes() {
        return memoryBytes;
    }
}
