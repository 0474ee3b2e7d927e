package dev.openrecog.vision.recognition;

import dev.openrecog.domain.recognition.IndexedSample;
import dev.openrecog.domain.recognition.RecognitionMatch;
import dev.openrecog.domain.recognition.Region;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Whom a sample belongs to, as a match names it: what an index keeps of a sample besides its compiled features. */
final class SampleRef {
    private final String libId;
    private final String entityId;
    private final String entityName;
    private final String sampleId;

    private SampleRef(String libId, String entityId, String entityName, String sampleId) {
        this.libId = libId;
        this.entityId = entityId;
        this.entityName = entityName;
        this.sampleId = sampleId;
    }

    /** The samples' references, in order; a library's samples share one copy of its id. */
    static List<SampleRef> of(List<IndexedSample> samples) {
        Map<String, String> libIds = new HashMap<>();
        List<SampleRef> refs = new ArrayList<>(samples.size());
        for (IndexedSample s : samples) {
            refs.add(new SampleRef(libIds.computeIfAbsent(s.libId(), id -> id), s.entityId(), s.entityName(),
                    s.sampleId()));
        }
        return List.copyOf(refs);
    }

    /** Entities of different libraries are different, whatever their ids. */
    List<String> entity() {
        return List.of(libId, entityId);
    }

    RecognitionMatch match(double score, Region region) {
        return new RecognitionMatch(libId, entityId, entityName, sampleId, score, region);
    }

    /** About the memory the references hold: the list, the objects and their strings (library ids once). */
    static long memoryBytes(List<SampleRef> refs) {
        long bytes = array(4L * refs.size());
        for (SampleRef r : refs) {
            bytes += 32 + string(r.entityId) + string(r.entityName) + string(r.sampleId);
        }
        return bytes + refs.stream().map(r -> r.libId).distinct().mapToLong(SampleRef::string).sum();
    }

    /** An array of this many bytes of elements, with its header. */
    static long array(long bytes) {
        return 16 + bytes;
    }

    private static long string(String s) {
        return s == null ? 0 : 24 + array(2L * s.length()); // at most two bytes a char
    }
}
