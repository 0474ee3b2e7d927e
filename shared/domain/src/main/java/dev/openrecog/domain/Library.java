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
    private final long revision;

    /** A new, empty library. */
    public Library(String libId, Algorithm algorithm, String name, String description, long createdAt) {
        this(libId, algorithm, name, description, createdAt, 0, 0, 0);
    }

    public Library(String libId, Algorithm algorithm, String name, String description, long createdAt,
                   long entityCount, long sampleCount, long revision) {
        this.libId = libId;
        this.algorithm = algorithm;
        this.name = name;
        this.description = description;
        this.createdAt = createdAt;
        this.entityCount = entityCount;
        this.sampleCount = sampleCount;
        this.revision = revision;
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

    /**
     * A number that grows whenever the library's samples change: a sample created or deleted, an
     * entity deleted with its samples. Equal revisions of one library mean the same samples, so a
     * copy of them made after reading a revision is current for as long as the revision stays.
     */
    public long revision() {
        return revision;
    }
}
