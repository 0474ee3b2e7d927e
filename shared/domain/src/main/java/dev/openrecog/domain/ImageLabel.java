package dev.openrecog.domain;

import dev.openrecog.domain.recognition.Region;
import java.util.List;
import java.util.Objects;

/**
 * One label found in an image, as IMM's DetectImageLabels returns it: a name at a level of the
 * taxonomy, its parent's name, how sure the detector is, and how much the label is the image's main
 * subject (CentricScore). Object labels also carry the instances they were found at.
 */
public final class ImageLabel {
    private final String name;
    private final int level;
    private final String parentName;
    private final double confidence;
    private final double centricScore;
    private final Language language;
    private final String alias;
    private final List<Instance> instances;

    public ImageLabel(String name, int level, String parentName, double confidence, double centricScore,
                      Language language, String alias, List<Instance> instances) {
        this.name = name;
        this.level = level;
        this.parentName = parentName;
        this.confidence = confidence;
        this.centricScore = centricScore;
        this.language = language;
        this.alias = alias;
        this.instances = List.copyOf(instances);
    }

    public String name() {
        return name;
    }

    public int level() {
        return level;
    }

    /** The parent label's name; empty at the top level. */
    public String parentName() {
        return parentName;
    }

    /** 0 to 1. */
    public double confidence() {
        return confidence;
    }

    /** 0 to 1: how large and how central the label's instances are in the image. */
    public double centricScore() {
        return centricScore;
    }

    public Language language() {
        return language;
    }

    /** Other names of the label, comma-separated; empty when there are none. */
    public String alias() {
        return alias;
    }

    /** Where the label was seen, in pixels of the original image; empty for labels that stand for their children. */
    public List<Instance> instances() {
        return instances;
    }

    /** One detected object: its box in pixels of the original image and its confidence. */
    public static final class Instance {
        private final Region region;
        private final double confidence;

        public Instance(Region region, double confidence) {
            this.region = Objects.requireNonNull(region, "region");
            this.confidence = confidence;
        }

        public Region region() {
            return region;
        }

        public double confidence() {
            return confidence;
        }
    }
}
