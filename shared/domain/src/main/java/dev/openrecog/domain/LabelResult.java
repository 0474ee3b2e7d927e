package dev.openrecog.domain;

import dev.openrecog.domain.recognition.RecognitionMatch;

import java.util.List;

/**
 * What the upload trigger found for one version of one object: its labels and the registered entities
 * recognized in it, or why there are none. Labels are kept in every language the service speaks
 * (zh-Hans and English).
 */
public final class LabelResult {
    /** The outcome of labelling an upload. */
    public enum Status { SUCCEEDED, FAILED }

    private final ObjectLocation location;
    private final String version;
    private final Status status;
    private final List<ImageLabel> labels;
    private final List<RecognitionMatch> matches;
    private final String errorCode;
    private final String errorMessage;
    private final long processedAt;

    private LabelResult(ObjectLocation location, String version, Status status, List<ImageLabel> labels,
                        List<RecognitionMatch> matches, String errorCode, String errorMessage, long processedAt) {
        this.location = location;
        this.version = version;
        this.status = status;
        this.labels = List.copyOf(labels);
        this.matches = List.copyOf(matches);
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
        this.processedAt = processedAt;
    }

    public static LabelResult succeeded(ObjectLocation location, String version, List<ImageLabel> labels, long processedAt) {
        return new LabelResult(location, version, Status.SUCCEEDED, labels, List.of(), null, null, processedAt);
    }

    public static LabelResult failed(ObjectLocation location, String version, ApiException why, long processedAt) {
        return new LabelResult(location, version, Status.FAILED, List.of(), List.of(), why.errorCode().code(), why.getMessage(),
            processedAt);
    }

    /** Rebuilds a stored result. */
    public static LabelResult of(ObjectLocation location, String version, Status status, List<ImageLabel> labels,
                                 List<RecognitionMatch> matches, String errorCode, String errorMessage, long processedAt) {
        return new LabelResult(location, version, status, labels, matches, errorCode, errorMessage, processedAt);
    }

    /** This result with the entities recognized in the image. */
    public LabelResult withMatches(List<RecognitionMatch> matches) {
        return new LabelResult(location, version, status, labels, matches, errorCode, errorMessage, processedAt);
    }

    public ObjectLocation location() {
        return location;
    }

    /** The object version the result is for: its version id, or its ETag in an unversioned bucket. */
    public String version() {
        return version;
    }

    public Status status() {
        return status;
    }

    public List<ImageLabel> labels() {
        return labels;
    }

    /** The registered entities recognized in the image, best first; empty when none or no rule applies. */
    public List<RecognitionMatch> matches() {
        return matches;
    }

    /** Why labelling failed (an error code such as InvalidParameter), or null. */
    public String errorCode() {
        return errorCode;
    }

    public String errorMessage() {
        return errorMessage;
    }

    public long processedAt() {
        return processedAt;
    }
}
