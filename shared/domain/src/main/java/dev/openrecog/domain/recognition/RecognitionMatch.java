package dev.openrecog.domain.recognition;

/** One registered entity found in an image: the sample that matched it best, how well, and where. */
public final class RecognitionMatch {
    private final String libId;
    private final String entityId;
    private final String entityName;
    private final String sampleId;
    private final double score;
    private final Region region;

    /**
     * @param score 0 to 1; a match at or above the algorithm's threshold is taken as the entity
     */
    public RecognitionMatch(String libId, String entityId, String entityName, String sampleId, double score, Region region) {
        this.libId = libId;
        this.entityId = entityId;
        this.entityName = entityName;
        this.sampleId = sampleId;
        this.score = score;
        this.region = region;
    }

    /** A match of {@code sample}. */
    public RecognitionMatch(IndexedSample sample, double score, Region region) {
        this(sample.libId(), sample.entityId(), sample.entityName(), sample.sampleId(), score, region);
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

    /** The sample that matched best. */
    public String sampleId() {
        return sampleId;
    }

    public double score() {
        return score;
    }

    /** Where in the image the entity was found. */
    public Region region() {
        return region;
    }

    @Override
    public String toString() {
        return "RecognitionMatch[" + entityName + " (" + sampleId + "), " + score + ", " + region + "]";
    }
}
