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
    /** No signature at all: neither a {@code Signature} parameter nor an {@code Authorization} header. */
    MISSING_SIGNATURE("MissingSignature", 400),
    /** A signature whose companions (key, nonce, timestamp, signed headers...) are missing or malformed. */
    INCOMPLETE_SIGNATURE("IncompleteSignature", 400),
    /** A signature method, version or algorithm that is not served. */
    UNSUPPORTED_SIGNATURE_METHOD("UnsupportedSignatureMethod", 400),
    /** The timestamp is not ISO 8601 UTC ({@code yyyy-MM-ddTHH:mm:ssZ}). */
    INVALID_TIMESTAMP_FORMAT("InvalidTimeStamp.Format", 400),
    /** The timestamp is more than the allowed skew away from the server's clock. */
    INVALID_TIMESTAMP_EXPIRED("InvalidTimeStamp.Expired", 400),
    /** The AccessKeyId is not configured. */
    INVALID_ACCESS_KEY_ID_NOT_FOUND("InvalidAccessKeyId.NotFound", 404),
    /** The signature does not match the request as received. */
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 400),
    /** A signature nonce that was already used within the timestamp window (a replay). */
    SIGNATURE_NONCE_USED("SignatureNonceUsed", 400),
    /** A ClientToken reused with parameters that differ from its first use. */
    IDEMPOTENT_PARAMETER_MISMATCH("IdempotentParameterMismatch", 400),
    /** An ImageUrl whose target is not allowed (scheme, port, or an internal address after resolution or a redirect). */
    IMAGE_URL_FORBIDDEN("InvalidImageUrl.Forbidden", 400),
    /** An ImageUrl that could not be downloaded (unreachable, timed out, HTTP error, too many redirects). */
    IMAGE_DOWNLOAD_FAILED("InvalidImageUrl.DownloadFailed", 400),
    /** A face sample or query image in which no face was found. */
    NO_FACE("InvalidImage.NoFace", 400),
    /** The caller's tenant sent more requests than its limit allows; retry later. */
    THROTTLING("Throttling", 429),
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
