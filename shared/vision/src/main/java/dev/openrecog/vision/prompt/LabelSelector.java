package dev.openrecog.vision.prompt;

import dev.openrecog.domain.ImageLabel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The taxonomy nodes a label prompt names, to be stored with its sample and matched against the labels
 * found in an image: a prompt for 动物 selects every animal class, one for "golden retriever" the dog class.
 * Stored as a version byte and the node ids (UTF-8, comma separated), so that a stored selector keeps its
 * meaning when the class order of a model changes.
 */
public final class LabelSelector {
    private static final byte FORMAT = 1;

    private final PromptVocabulary vocabulary;
    private final List<String> nodeIds;
    private final Set<String> classIds = new HashSet<>();

    LabelSelector(PromptVocabulary vocabulary, Collection<String> nodeIds) {
        this.vocabulary = vocabulary;
        this.nodeIds = List.copyOf(new TreeSet<>(nodeIds));
        nodeIds.forEach(id -> classIds.addAll(vocabulary.classesUnder(id)));
    }

    /** The taxonomy node ids, sorted: {@code [dog]}, {@code [animal]}, {@code [cat, dog]}. */
    public List<String> nodeIds() {
        return nodeIds;
    }

    public byte[] toBytes() {
        byte[] ids = String.join(",", nodeIds).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[ids.length + 1];
        out[0] = FORMAT;
        System.arraycopy(ids, 0, out, 1, ids.length);
        return out;
    }

    /**
     * A selector stored with {@link #toBytes()}, for the COCO taxonomy.
     *
     * @throws IllegalArgumentException for bytes of another format or naming nodes the taxonomy does not have
     */
    public static LabelSelector fromBytes(byte[] stored) {
        if (stored == null || stored.length < 2 || stored[0] != FORMAT) {
            throw new IllegalArgumentException("not a stored label prompt (format " + FORMAT + ")");
        }
        String ids = new String(stored, 1, stored.length - 1, StandardCharsets.UTF_8);
        return PromptVocabulary.coco().selector(Arrays.asList(ids.split(",", -1)));
    }

    /**
     * Whether the prompt applies to an image, given the labels found in it (as {@code VisionLabeler}
     * gives them, in any one language or several): it does when a selected class was detected.
     */
    public Optional<LabelMatch> match(List<ImageLabel> labels) {
        List<ImageLabel> selected = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ImageLabel label : labels) {
            String classId = vocabulary.classOf(label);
            if (classId != null && classIds.contains(classId) && seen.add(classId)) {
                selected.add(label);
            }
        }
        return selected.isEmpty() ? Optional.empty() : Optional.of(new LabelMatch(selected));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabelSelector && ((LabelSelector) other).nodeIds.equals(nodeIds);
    }

    @Override
    public int hashCode() {
        return nodeIds.hashCode();
    }

    @Override
    public String toString() {
        return "LabelSelector" + nodeIds;
    }
}
