package dev.openrecog.domain;

/**
 * One registered example of an entity: an image (ImageUrl) or a text label (LabelPrompt), exactly
 * one of the two. The entity's name is kept with the sample so samples can be listed by it.
 * Recognition compares images with the sample's features, computed by the vision engine.
 */
public final class Sample {
    /** The most feature bytes a sample carries; the vision engine stays within it. */
    public static final int MAX_FEATURES_BYTES = 96 * 1024;

    private final String libId;
    private final String entityId;
    private final String entityName;
    private final String sampleId;
    private final String imageUrl;
    private final String labelPrompt;
    private final long createdAt;
    private final byte[] features;

    /** A sample without features. */
    public Sample(String libId, String entityId, String entityName, String sampleId,
                  String imageUrl, String labelPrompt, long createdAt) {
        this(libId, entityId, entityName, sampleId, imageUrl, labelPrompt, createdAt, null);
    }

    private Sample(String libId, String entityId, String entityName, String sampleId,
                   String imageUrl, String labelPrompt, long createdAt, byte[] features) {
        this.libId = libId;
        this.entityId = entityId;
        this.entityName = entityName;
        this.sampleId = sampleId;
        this.imageUrl = imageUrl;
        this.labelPrompt = labelPrompt;
        this.createdAt = createdAt;
        this.features = features;
    }

    /**
     * This sample carrying {@code features}: opaque bytes, 1 to {@link #MAX_FEATURES_BYTES} of them.
     * The array is kept, not copied.
     *
     * @throws IllegalArgumentException when there are no bytes or more than the bound
     */
    public Sample withFeatures(byte[] features) {
        if (features.length == 0 || features.length > MAX_FEATURES_BYTES) {
            throw new IllegalArgumentException("Sample features must be 1 to " + MAX_FEATURES_BYTES + " bytes; got "
                + features.length + ".");
        }
        return new Sample(libId, entityId, entityName, sampleId, imageUrl, labelPrompt, createdAt, features);
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

    /** The image the sample was registered from, or null for a text sample. */
    public String imageUrl() {
        return imageUrl;
    }

    /** The text that defines a custom label, or null for an image sample. */
    public String labelPrompt() {
        return labelPrompt;
    }

    public long createdAt() {
        return createdAt;
    }

    /**
     * The features recognition compares with, or null when the sample has none (it was created
     * before recognition existed) or was read without them (a listing does not load them).
     */
    public byte[] features() {
        return features;
    }
}
