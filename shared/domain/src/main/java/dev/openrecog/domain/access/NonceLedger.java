package dev.openrecog.domain.access;

import java.time.Instant;

/**
 * Remembers the nonces of accepted signed requests so that none is accepted twice. A nonce only
 * needs remembering until its request's timestamp leaves the accepted window: after that the
 * timestamp check refuses a replay by itself.
 */
@FunctionalInterface
public interface NonceLedger {
    /**
     * Records the nonce as used by this access key until {@code forgetAfter}.
     *
     * @return true when it was not in use; false when it was (a replay)
     */
    boolean claim(String accessKeyId, String nonce, Instant forgetAfter);
}
