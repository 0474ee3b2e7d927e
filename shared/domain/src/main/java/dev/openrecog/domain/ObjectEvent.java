package dev.openrecog.domain;

/**
 * What a storage notification says happened to one object: an upload or a removal. Notifications
 * arrive at least once and in any order, so each event carries its place among its object's events.
 */
public abstract class ObjectEvent {
    private final ObjectLocation location;
    private final String order;

    ObjectEvent(ObjectLocation location, String order) {
        this.location = location;
        this.order = order;
    }

    public ObjectLocation location() {
        return location;
    }

    /**
     * Text that sorts as the events of this object happened; a redelivered event has the same. Of
     * events at the same time (OSS gives whole seconds), a removal sorts after an upload, and uploads
     * sort by version.
     */
    public String order() {
        return order;
    }
}
