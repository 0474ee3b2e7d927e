package dev.openrecog.domain;

/**
 * An object removed from its bucket, so that no labels are answered for it any more: deleted, hidden
 * behind a delete marker, or one of its versions deleted for good.
 */
public final class ObjectRemoval extends ObjectEvent {
    private final String version;

    private ObjectRemoval(ObjectLocation location, String order, String version) {
        super(location, order);
        this.version = version;
    }

    /** The object is gone: deleted, or a delete marker now stands in front of it. */
    public static ObjectRemoval of(ObjectLocation location, EventOrder when) {
        return new ObjectRemoval(location, when.then("R"), null);
    }

    /**
     * One version was deleted for good (S3, versioned bucket: a delete that names a version id). It
     * removes the object's result only when that result is for this version.
     */
    public static ObjectRemoval ofVersion(ObjectLocation location, String version, EventOrder when) {
        return new ObjectRemoval(location, when.then("R"), version);
    }

    /** The uploaded object was gone when its labelling read it: removed at the upload's own place. */
    static ObjectRemoval vanished(ObjectUpload upload) {
        return new ObjectRemoval(upload.location(), upload.order(), null);
    }

    /** The version deleted for good, or null when the object itself was removed. */
    public String version() {
        return version;
    }
}
