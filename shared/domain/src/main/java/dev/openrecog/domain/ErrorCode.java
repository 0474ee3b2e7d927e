package dev.openrecog.domain;

/** The error codes openrecog answers with, each with the HTTP status it travels under. */
public enum ErrorCode {
    INVALID_PARAMETER("InvalidParameter", 400),
    INVALID_ACTION("InvalidAction.NotFound", 404),
    LIB_NOT_FOUND("LibNotFound", 404),
    ENTITY_NOT_FOUND("EntityNotFound", 404),
    SAMPLE_NOT_FOUND("SampleNotFound", 404),
    OBJECT_NOT_FOUND("ObjectNotFound", 404),
    LABEL_RESULT_NOT_FOUND("LabelResultNotFound", 404),
    OBJECT_ACCESS_DENIED("ObjectAccessDenied", 403),
    FORBIDDEN("Forbidden.NoIdentity", 403),
    INTERNAL_ERROR("InternalError", 500);

    private final String code;
    private final int httpStatus;

    ErrorCode(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
