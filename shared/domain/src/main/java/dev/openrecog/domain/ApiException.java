package dev.openrecog.domain;

/** A failure the caller is told about: its code, HTTP status and message go on the wire as they are. */
public final class ApiException extends RuntimeException {
    private final ErrorCode errorCode;

    public ApiException(ErrorCode errorCode, String message) {
        super(message, null, false, false);
        this.errorCode = errorCode;
    }

    public static ApiException invalidParameter(String message) {
        return new ApiException(ErrorCode.INVALID_PARAMETER, message);
    }

    public static ApiException libNotFound(String libId) {
        return new ApiException(ErrorCode.LIB_NOT_FOUND, "The recognition library '" + libId + "' does not exist.");
    }

    public static ApiException entityNotFound(String entityId) {
        return new ApiException(ErrorCode.ENTITY_NOT_FOUND, "The entity '" + entityId + "' does not exist in this library.");
    }

    public static ApiException sampleNotFound(String sampleId) {
        return new ApiException(ErrorCode.SAMPLE_NOT_FOUND, "The sample '" + sampleId + "' does not exist for this entity.");
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    /** A caller's value as an error message may quote it: at most 64 characters, so that no answer echoes megabytes. */
    public static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "...";
    }
}
