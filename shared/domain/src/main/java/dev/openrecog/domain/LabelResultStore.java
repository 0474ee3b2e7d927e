package dev.openrecog.domain;

import java.util.Optional;

/** Where the upload trigger keeps what it found, one result per object version. */
public interface LabelResultStore {
    /** True when a result for this object version is already stored. */
    boolean contains(Tenant tenant, ObjectLocation location, String version);

    /**
     * Stores the result unless one for the same object version is there already (a redelivered event),
     * and makes it the object's latest result.
     */
    void put(Tenant tenant, LabelResult result);

    /** The result stored last for the object, whatever its version. */
    Optional<LabelResult> latest(Tenant tenant, ObjectLocation location);
}
