package dev.openrecog.vision.prompt;

import java.util.List;

/** What a LabelPrompt was understood to mean: the selector to store with the sample, and how it was read. */
public final class PromptResolution {
    private final LabelSelector selector;
    private final List<String> understood;
    private final List<String> ignored;

    PromptResolution(LabelSelector selector, List<String> understood, List<String> ignored) {
        this.selector = selector;
        this.understood = List.copyOf(understood);
        this.ignored = List.copyOf(ignored);
    }

    public LabelSelector selector() {
        return selector;
    }

    /** The terms that gave the meaning, as written in the prompt (normalized): {@code ["sports car"]}, {@code ["狗"]}. */
    public List<String> understood() {
        return understood;
    }

    /** The rest of the prompt, which does not change what is matched: {@code ["red"]}, {@code ["家里的"]}. */
    public List<String> ignored() {
        return ignored;
    }

    @Override
    public String toString() {
        return selector.nodeIds() + " from " + understood + (ignored.isEmpty() ? "" : ", ignoring " + ignored);
    }
}
