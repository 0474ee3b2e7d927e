package dev.openrecog.rpc.auth;

import dev.openrecog.domain.ErrorCode;
import dev.openrecog.domain.access.AccessKey;
import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of checking a request's signature: either the verified access key with the nonce
 * and timestamp it signed (a nonce store decides on replays), or a refusal with its error code and
 * a message fit to send back to the caller (it never holds a secret).
 */
public final class SignatureVerdict {
    private final AccessKey accessKey;
    private final String nonce;
    private final Instant timestamp;
    private final ErrorCode error;
    private final String message;

    private SignatureVerdict(AccessKey accessKey, String nonce, Instant timestamp, ErrorCode error, String message) {
        this.accessKey = accessKey;
        this.nonce = nonce;
        this.timestamp = timestamp;
        this.error = error;
        this.message = message;
    }

    public static SignatureVerdict verified(AccessKey accessKey, String nonce, Instant timestamp) {
        return new SignatureVerdict(Objects.requireNonNull(accessKey), Objects.requireNonNull(nonce),
            Objects.requireNonNull(timestamp), null, null);
    }

    public static SignatureVerdict refused(ErrorCode error, String message) {
        return new SignatureVerdict(null, null, null, Objects.requireNonNull(error), Objects.requireNonNull(message));
    }

    public boolean isVerified() {
        return error == null;
    }

    /** The key the request was verified with; null when refused. */
    public AccessKey accessKey() {
        return accessKey;
    }

    /** The signed nonce ({@code SignatureNonce} or {@code x-acs-signature-nonce}); null when refused. */
    public String nonce() {
        return nonce;
    }

    /** The signed timestamp ({@code Timestamp} or {@code x-acs-date}); null when refused. */
    public Instant timestamp() {
        return timestamp;
    }

    /** Why the request was refused; null when verified. */
    public ErrorCode error() {
        return error;
    }

    /** The Alibaba error code of a refusal (for example {@code SignatureDoesNotMatch}); null when verified. */
    public String code() {
        return error == null ? null : error.code();
    }

    /** The HTTP status of a refusal; 200 when verified. */
    public int httpStatus() {
        return error == null ? 200 : error.httpStatus();
    }

    /** What to tell the caller about a refusal; null when verified. */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return isVerified() ? "Verified[" + accessKey.id() + ", nonce " + nonce + ", " + timestamp + "]"
            : "Refused[" + error.code() + ": " + message + "]";
    }
}
