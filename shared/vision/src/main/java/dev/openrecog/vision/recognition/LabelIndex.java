package dev.openrecog.vision.recognition;

import dev.openrecog.domain.ImageLabel;
import dev.openrecog.domain.recognition.IndexedSample;
import dev.openrecog.domain.recognition.RecognitionMatch;
import dev.openrecog.domain.recognition.Region;
import dev.openrecog.domain.recognition.SampleIndex;
import dev.openrecog.vision.prompt.LabelMatch;
import dev.openrecog.vision.prompt.LabelSelector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A label library compiled for search: each sample's {@link LabelSelector}. Immutable and thread-safe. */
final class LabelIndex implements SampleIndex {
    /** A parsed selector: its node ids and the hash set of the classes they select, a few hundred bytes. */
    private static final long SELECTOR_BYTES = 512;

    private final List<SampleRef> samples;
    private final List<LabelSelector> selectors;
    private final long memoryBytes;

    private LabelIndex(List<SampleRef> samples, List<LabelSelector> selectors) {
        this.samples = samples;
        this.selectors = selectors;
        this.memoryBytes = SampleRef.memoryBytes(samples) + SELECTOR_BYTES * samples.size();
    }

    /**
     * @throws IllegalArgumentException when a sample's features are not a label selector
     */
    static LabelIndex of(List<IndexedSample> samples) {
        List<LabelSelector> selectors = new ArrayList<>(samples.size());
        for (IndexedSample s : samples) {
            selectors.add(LabelSelector.fromBytes(FeatureKind.LABEL.payload(s.features())));
        }
        return new LabelIndex(SampleRef.of(samples), List.copyOf(selectors));
    }

    /**
     * The samples whose selector applies to the labels found in a query, best per entity, each scored with the
     * best confidence among its selected classes and found at that class's most confident instance.
     */
    static Collection<RecognitionMatch> search(List<LabelIndex> indexes, List<ImageLabel> labels, double threshold) {
        BestMatches best = new BestMatches();
        for (LabelIndex index : indexes) {
            for (int i = 0; i < index.samples.size(); i++) {
                Optional<LabelMatch> match = index.selectors.get(i).match(labels);
                if (match.isPresent() && match.get().score() >= threshold) {
                    best.offer(index.samples.get(i), match.get().score(), region(match.get()));
                }
            }
        }
        return best.matches();
    }

    /** The most confident instance: a selected label is a detected class, so it always has one. */
    private static Region region(LabelMatch match) {
        return match.instances().stream()
                .max(Comparator.comparingDouble(ImageLabel.Instance::confidence)).orElseThrow().region();
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
