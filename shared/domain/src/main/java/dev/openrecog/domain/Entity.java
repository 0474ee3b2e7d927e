package dev.openrecog.domain;

/** Something to recognize (a person, a logo, a place...) inside one library. */
public final class Entity {
    private final String libId;
    private final String entityId;
    private final String name;
    private final String info;
    private final long createdAt;
    private final long sampleCount;

    /** A new entity without samples. */
    public Entity(String libId, String entityId, String name, String info, long createdAt) {
        this(libId, entityId, name, info, createdAt, 0);
    }

    public Entity(String libId, String entityId, String name, String info, long createdAt, long sampleCount) {
        this.libId = libId;
        this.entityId = entityId;
        this.name = name;
        this.info = info;
        this.createdAt = createdAt;
        this.sampleCount = sampleCount;
    }

    public String libId() {
        return libId;
    }

    public String entityId() {
        return entityId;
    }

    public String name() {
        return name;
    }

    /** The caller's JSON text about the entity, or null when none was given. */
    public String info() {
        return info;
    }

    public long createdAt() {
        return createdAt;
    }

    public long sampleCount() {
        return sampleCount;
    }
}
