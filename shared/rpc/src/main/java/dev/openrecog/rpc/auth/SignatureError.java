package dev.openrecog.rpc.auth;

/** Why a request's signature was refused: the Alibaba Cloud error code and the HTTP status it travels under. */
public enum SignatureError {
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
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 400);

    private final String code;
    private final int httpStatus;

    SignatureError(String code, int httpStatus) {
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
