package dev.openrecog.vision.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openrecog.domain.recognition.IndexedSample;
import dev.openrecog.domain.recognition.RecognitionMatch;
import dev.openrecog.domain.recognition.Region;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The int8 search finds exactly what a float search over the stored embeddings finds, on libraries small enough for
 * one thread and large enough to be split. Embeddings are random unit vectors, with the query near some of them.
 */
class FaceIndexTest {
    private static final int DIMENSIONS = 256;
    private static final Region WHERE = new Region(1, 2, 3, 4);

    @Test
    void aSmallLibraryGivesWhatAFloatSearchGives() {
        assertSameAsFloatSearch(2_000, 0.6);
        assertSameAsFloatSearch(2_000, 0.2);
    }

    @Test
    void aLargeLibrarySplitOverTheProcessorsGivesWhatAFloatSearchGives() {
        assertSameAsFloatSearch(FaceIndex.PARALLEL_ROWS * 2 + 7, 0.6);
    }

    @Test
    void aThresholdOfZeroGivesEveryPositiveScoreAndNothingElse() {
        assertSameAsFloatSearch(1_000, 0);
    }

    @Test
    void theBestSampleOfAnEntityIsItsMatch() {
        Random random = new Random(3);
        float[] query = unit(random);
        List<IndexedSample> samples = List.of(
                sample("alice", 1, near(query, 0.04f, random)),
                sample("alice", 2, near(query, 0.02f, random)),
                sample("bob", 1, near(query, 0.05f, random)));
        BestMatches best = new BestMatches();
        FaceIndex.of(samples).search(query, 0.5, WHERE, best);
        Map<String, RecognitionMatch> byEntity = new TreeMap<>();
        best.matches().forEach(m -> byEntity.put(m.entityId(), m));
        assertEquals(List.of("alice", "bob"), List.copyOf(byEntity.keySet()));
        assertEquals("alice-2", byEntity.get("alice").sampleId());
        assertEquals(WHERE, byEntity.get("alice").region());
    }

    @Test
    void aQueryOfAnotherSizeIsRefused() {
        FaceIndex index = FaceIndex.of(List.of(sample("alice", 1, unit(new Random(1)))));
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[128], 0.6, WHERE, new BestMatches()));
    }

    @Test
    void embeddingsOfDifferentSizesInOneLibraryAreRefused() {
        IndexedSample small = new IndexedSample("lib", "e", "e", "s", FeatureKind.FACE.wrap(new byte[128]));
        assertThrows(IllegalArgumentException.class,
                () -> FaceIndex.of(List.of(sample("alice", 1, unit(new Random(1))), small)));
    }

    private static void assertSameAsFloatSearch(int size, double threshold) {
        Random random = new Random(size);
        float[] query = unit(random);
        List<IndexedSample> samples = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            // every 50th is a noisy copy of the query, at cosines around the threshold; the rest are strangers
            float[] e = i % 50 == 0 ? near(query, 0.03f + 0.002f * (i / 50 % 40), random) : unit(random);
            samples.add(sample("entity" + i, 1, e));
        }
        BestMatches best = new BestMatches();
        FaceIndex.of(samples).search(query, threshold, WHERE, best);

        Map<String, Double> found = new TreeMap<>();
        best.matches().forEach(m -> found.put(m.entityId(), m.score()));
        Map<String, Double> expected = new TreeMap<>();
        for (IndexedSample s : samples) {
            double score = floatCosine(query, FeatureKind.FACE.payload(s.features()));
            if (score >= threshold && score > 0) {
                expected.put(s.entityId(), score);
            }
        }
        assertTrue(expected.size() >= 10, expected.size() + " expected matches: too few to tell");
        assertEquals(expected.keySet(), found.keySet());
        expected.forEach((entity, score) -> assertEquals(score, found.get(entity), 1e-5, entity));
    }

    private static double floatCosine(float[] query, byte[] stored) {
        double dot = 0;
        double squares = 0;
        for (int k = 0; k < stored.length; k++) {
            dot += query[k] * stored[k];
            squares += stored[k] * stored[k];
        }
        return dot / Math.sqrt(squares);
    }

    private static IndexedSample sample(String entity, int n, float[] embedding) {
        return new IndexedSample("lib", entity, entity, entity + "-" + n, FeatureKind.FACE.wrap(FaceIndex.quantize(embedding)));
    }

    static float[] unit(Random random) {
        float[] v = new float[DIMENSIONS];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) random.nextGaussian();
        }
        return normalized(v);
    }

    /** {@code v} plus gaussian noise of {@code sigma} per component, normalized. */
    static float[] near(float[] v, float sigma, Random random) {
        float[] out = new float[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = v[k] + sigma * (float) random.nextGaussian();
        }
        return normalized(out);
    }

    private static float[] normalized(float[] v) {
        double squares = 0;
        for (float x : v) {
            squares += x * x;
        }
        float inverse = (float) (1 / Math.sqrt(squares));
        for (int k = 0; k < v.length; k++) {
            v[k] *= inverse;
        }
        return v;
    }
}
