package dev.openrecog.domain;

/** A recognition library: a named set of entities for one algorithm, owned by one tenant. */
public final class Library {
    private final String libId;
    private final Algorithm algorithm;
    private final String name;
    private final String description;
    private final long createdAt;
    private final long entityCount;
    private final long sampleCount;

    /** A new, empty library. */
    public Library(String libId, Algorithm algorithm, String name, String description, long createdAt) {
        this(libId, algorithm, name, description, createdAt, 0, 0);
    }

    public Library(String libId, Algorithm algorithm, String name, String description, long createdAt,
                   long entityCount, long sampleCount) {
        this.libId = libId;
        this.algorithm = algorithm;
        this.name = name;
        this.description = description;
        this.createdAt = createdAt;
        this.entityCount = entityCount;
        this.sampleCount = sampleCount;
    }

    public String libId() {
        return libId;
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    public String name() {
        return name;
    }

    /** The description, or null when none was given. */
    public String description() {
        return description;
    }

    /** Creation time in epoch milliseconds. */
    public long createdAt() {
        return createdAt;
    }

    public long entityCount() {
        return entityCount;
    }

    public long sampleCount() {
        return sampleCount;
    }
}
