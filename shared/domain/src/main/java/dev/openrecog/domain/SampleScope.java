package dev.openrecog.domain;

/** Which samples of a library a listing covers: one entity's, those of entities with one name, or all. */
public final class SampleScope {
    private final String entityId;
    private final String entityName;

    private SampleScope(String entityId, String entityName) {
        this.entityId = entityId;
        this.entityName = entityName;
    }

    public static SampleScope entity(String entityId) {
        return new SampleScope(entityId, null);
    }

    public static SampleScope entityName(String entityName) {
        return new SampleScope(null, entityName);
    }

    public static SampleScope all() {
        return new SampleScope(null, null);
    }

    /** The entity id, or null when the scope is not one entity. */
    public String entityId() {
        return entityId;
    }

    /** The entity name, or null when the scope is not by name. */
    public String entityName() {
        return entityName;
    }
}
