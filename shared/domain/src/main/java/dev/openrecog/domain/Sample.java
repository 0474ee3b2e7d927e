package dev.openrecog.domain;

/**
 * One registered example of an entity: an image (ImageUrl) or a text label (LabelPrompt), exactly
 * one of the two. The entity's name is kept with the sample so samples can be listed by it.
 */
public final class Sample {
    private final String libId;
    private final String entityId;
    private final String entityName;
    private final String sampleId;
    private final String imageUrl;
    private final String labelPrompt;
    private final long createdAt;

    public Sample(String libId, String entityId, String entityName, String sampleId,
                  String imageUrl, String labelPrompt, long createdAt) {
        this.libId = libId;
        this.entityId = entityId;
        this.entityName = entityName;
        this.sampleId = sampleId;
        this.imageUrl = imageUrl;
        this.labelPrompt = labelPrompt;
        this.createdAt = createdAt;
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
}
