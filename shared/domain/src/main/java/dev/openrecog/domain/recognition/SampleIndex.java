package dev.openrecog.domain.recognition;

/**
 * One library's samples in the form a {@link Recognizer} searches, built by {@link Recognizer#index}. Immutable
 * and thread-safe, so that a warm function keeps it for as long as the library's revision stays the same.
 */
public interface SampleIndex {
    /** Samples searched. */
    int size();

    /** About how much memory the index holds, for bounding a cache of indexes. */
    long memoryBytes();
}
