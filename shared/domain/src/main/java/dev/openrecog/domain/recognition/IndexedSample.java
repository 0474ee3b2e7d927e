package dev.openrecog.domain.recognition;

/** A sample as recognition searches it: whose it is, and its features. */
public final class IndexedSample {
    private final String libId;
    private final String entityId;
    private final String entityName;
    private final String sampleId;
    private final byte[] features;

    /** The features array is kept, not copied. */
    public IndexedSample(String libId, String entityId, String entityName, String sampleId, byte[] features) {
        this.libId = libId;
        this.entityId = entityId;
        this.entityName = entityName;
        this.sampleId = sampleId;
        this.features = features;
    }

    public String libId() {
        return libId;
    }

    public String entityId() {
        return entityId;
    }

    public String entityName() {
        return entityName;
    }

    public String sampleId() {
        return sampleId;
    }

    /** The bytes the vision engine computed for the sample; never null. */
    public byte[] features() {
        return features;
    }
}
