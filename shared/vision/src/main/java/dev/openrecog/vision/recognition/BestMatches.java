package dev.openrecog.vision.recognition;

import dev.openrecog.domain.recognition.RecognitionMatch;
import dev.openrecog.domain.recognition.Region;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The best match of each entity among those offered for one thing found in a query. Not thread-safe. */
final class BestMatches {
    private final Map<List<String>, RecognitionMatch> best = new HashMap<>();

    /** Keeps the match when it is its entity's best so far. */
    void offer(SampleRef sample, double score, Region region) {
        best.merge(sample.entity(), sample.match(score, region),
                (kept, offered) -> offered.score() > kept.score() ? offered : kept);
    }

    Collection<RecognitionMatch> matches() {
        return best.values();
    }
}
