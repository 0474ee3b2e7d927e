package dev.openrecog.domain;

/** One object version that an upload event announced. */
public final class ObjectUpload {
    private final ObjectLocation location;
    private final String version;
    private final long size;

    /**
     * @param version the object's version id, or its ETag in an unversioned bucket
     * @param size    the size the event gives, in bytes
     */
    public ObjectUpload(ObjectLocation location, String version, long size) {
        this.location = location;
        this.version = version;
        this.size = size;
    }

    public ObjectLocation location() {
        return location;
    }

    public String version() {
        return version;
    }

    public long size() {
        return size;
    }
}
