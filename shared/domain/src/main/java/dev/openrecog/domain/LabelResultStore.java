package dev.openrecog.domain;

import java.util.Optional;

/**
 * Where the upload trigger keeps what it found: per object, the outcome of the newest event applied,
 * a result or a removal. Events arrive at least once and in any order; every write here applies only
 * when its event is newer than the one applied, decided atomically, so of two concurrent deliveries
 * exactly one wins and an older event never overwrites a newer one.
 */
public interface LabelResultStore {
    /** True when an event at or after this one's place is already applied to its object: storing it would change nothing. */
    boolean isSuperseded(Tenant tenant, ObjectEvent event);

    /**
     * Makes the result the object's latest, unless a newer or the same event is applied already, or the
     * upload's version was deleted for good.
     *
     * @return true when the result was stored
     */
    boolean put(Tenant tenant, ObjectUpload upload, LabelResult result);

    /**
     * Removes the object's result, unless a newer or the same event is applied already. A removal of
     * one version ({@link ObjectRemoval#version()}) removes the result only when it is that version's,
     * and keeps that version from being stored later.
     *
     * @return true when the object's result was removed
     */
    boolean remove(Tenant tenant, ObjectRemoval removal);

    /** The result of the newest event applied to the object, or empty when there is none or the object was removed. */
    Optional<LabelResult> latest(Tenant tenant, ObjectLocation location);
}
