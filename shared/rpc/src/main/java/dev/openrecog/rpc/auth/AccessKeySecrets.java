package dev.openrecog.rpc.auth;

import java.util.Map;
import java.util.Optional;

/** Looks up the secret of an access key; the verifiers never reveal what it returns. */
@FunctionalInterface
public interface AccessKeySecrets {
    /** The secret of {@code accessKeyId}, or empty when no such key is configured. */
    Optional<String> secretOf(String accessKeyId);

    /** Secrets from a fixed map of AccessKeyId to secret. */
    static AccessKeySecrets of(Map<String, String> secretsById) {
        Map<String, String> copy = Map.copyOf(secretsById);
        return id -> Optional.ofNullable(copy.get(id));
    }
}
