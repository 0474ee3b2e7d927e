package dev.openrecog.domain.access;

import java.util.Optional;

/** Where the configured access keys are looked up. */
@FunctionalInterface
public interface AccessKeyDirectory {
    /** The active key with this id, or empty when there is none (unknown or revoked). */
    Optional<AccessKey> find(String accessKeyId);
}
