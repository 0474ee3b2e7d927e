package dev.openrecog.vision.recognition;

import dev.openrecog.domain.recognition.IndexedSample;
import dev.openrecog.domain.recognition.RecognitionMatch;
import dev.openrecog.domain.recognition.Region;
import dev.openrecog.domain.recognition.SampleIndex;
import dev.openrecog.vision.instance.InstanceFeatures;
import dev.openrecog.vision.instance.InstanceMatch;
import dev.openrecog.vision.instance.InstanceVerifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A logo, landmark or object library compiled for search: each sample's parsed {@link InstanceFeatures}, whose
 * embeddings shortlist it and whose keypoints verify it. Immutable and thread-safe.
 */
final class InstanceIndex implements SampleIndex {
    private final List<SampleRef> samples;
    private final List<InstanceFeatures> features;
    private final long memoryBytes;

    private InstanceIndex(List<SampleRef> samples, List<InstanceFeatures> features, long featureBytes) {
        this.samples = samples;
        this.features = features;
        this.memoryBytes = SampleRef.memoryBytes(samples) + featureBytes;
    }

    /**
     * @throws IllegalArgumentException when a sample's features are not instance features
     */
    static InstanceIndex of(List<IndexedSample> samples) {
        List<InstanceFeatures> features = new ArrayList<>(samples.size());
        long featureBytes = 0;
        for (IndexedSample s : samples) {
            features.add(InstanceFeatures.fromBytes(FeatureKind.INSTANCE.payload(s.features())));
            // parsed, they hold what was stored (positions as chars), in two objects and four arrays
            featureBytes += 2 * 64 + 4 * SampleRef.array(0) + s.features().length;
        }
        return new InstanceIndex(SampleRef.of(samples), List.copyOf(features), featureBytes);
    }

    /**
     * The samples the query shows, best per entity: the {@link InstanceVerifier#SHORTLIST} samples of all the
     * indexes most similar to the query are verified, and those verified with a plausible homography and a score
     * of at least {@code threshold} are matches, found where the sample lies in the query.
     */
    static Collection<RecognitionMatch> search(List<InstanceIndex> indexes, InstanceFeatures query, double threshold,
            InstanceVerifier verifier) {
        List<Candidate> all = new ArrayList<>();
        for (InstanceIndex index : indexes) {
            for (int i = 0; i < index.samples.size(); i++) {
                all.add(new Candidate(index, i, query.similarity(index.features.get(i))));
            }
        }
        all.sort(Comparator.comparingDouble((Candidate c) -> c.similarity).reversed());
        List<Candidate> shortlist = all.subList(0, Math.min(InstanceVerifier.SHORTLIST, all.size()));
        // Verifications are independent and take milliseconds each: worth the processors.
        List<InstanceMatch> verified = shortlist.parallelStream()
                .map(c -> verifier.verify(query, c.index.features.get(c.sample))).collect(Collectors.toList());
        BestMatches best = new BestMatches();
        for (int i = 0; i < shortlist.size(); i++) {
            InstanceMatch m = verified.get(i);
            if (m.inliers() > 0 && m.score() >= threshold) {
                best.offer(shortlist.get(i).index.samples.get(shortlist.get(i).sample), m.score(),
                        m.region());
            }
        }
        return best.matches();
    }

    @Override
    public int size() {
        return samples.size();
    }

    @Override
    public long memoryBytes() {
        return memoryBytes;
    }

    private static final class Candidate {
        private final InstanceIndex index;
        private final int sample;
        private final double similarity;

        Candidate(InstanceIndex index, int sample, double similarity) {
            this.index = index;
            this.sample = sample;
            this.similarity = similarity;
        }
    }
}
