package dev.openrecog.domain;

import java.time.Instant;

/** One object version that an upload event announced. */
public final class ObjectUpload extends ObjectEvent {
    private final String version;
    private final long size;

    /**
     * @param version the object's version id, or its ETag in an unversioned bucket
     * @param size    the size the event gives, in bytes
     * @param when    where the event falls among the object's events
     */
    public ObjectUpload(ObjectLocation location, String version, long size, EventOrder when) {
        super(location, when.then("C" + version));
        this.version = version;
        this.size = size;
    }

    /** An upload seen as it happens (the local server), ordered by the clock. */
    public ObjectUpload(ObjectLocation location, String version, long size) {
        this(location, version, size, EventOrder.time(Instant.now()));
    }

    public String version() {
        return version;
    }

    public long size() {
        return size;
    }
}
