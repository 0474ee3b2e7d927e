package dev.openrecog.domain;

import java.util.List;

/** Finds labels in an image: the vision engine, behind a port so the domain stays free of it. */
public interface ImageLabeler {
    /** Images larger than this many bytes are refused before they are read, as IMM does. */
    long MAX_IMAGE_BYTES = 20L * 1024 * 1024;

    /**
     * Runs detection once and names the labels in each of the languages asked for.
     *
     * @param threshold the lowest confidence returned, or null for the labeler's default
     * @throws ApiException InvalidParameter when the bytes are not a supported image within the limits
     */
    List<ImageLabel> detect(byte[] image, Double threshold, List<Language> languages);
}
