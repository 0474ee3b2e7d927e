package dev.openrecog.vision.taxonomy;

import dev.openrecog.domain.Language;
import java.util.List;
import java.util.Objects;

/** One label of the taxonomy: a COCO class (the leaf) or one of its ancestors. Immutable. */
public final class TaxonomyNode {
    private final String id;
    private final int level;
    private final String nameEn;
    private final String nameZh;
    private final List<String> aliasesEn;
    private final List<String> aliasesZh;
    private final TaxonomyNode parent;

    TaxonomyNode(String id, int level, String nameEn, String nameZh,
                 List<String> aliasesEn, List<String> aliasesZh, TaxonomyNode parent) {
        this.id = Objects.requireNonNull(id);
        this.level = level;
        this.nameEn = Objects.requireNonNull(nameEn);
        this.nameZh = Objects.requireNonNull(nameZh);
        this.aliasesEn = List.copyOf(aliasesEn);
        this.aliasesZh = List.copyOf(aliasesZh);
        this.parent = parent;
    }

    /** A stable identifier, e.g. {@code dog}, {@code canine}, {@code animal}. */
    public String id() {
        return id;
    }

    /** 1 for a broad category; higher numbers are more specific. A parent's level is always lower. */
    public int level() {
        return level;
    }

    public String name(Language language) {
        return language == Language.EN ? nameEn : nameZh;
    }

    /** The parent's name in that language, or {@code ""} for a level-1 node. */
    public String parentName(Language language) {
        return parent == null ? "" : parent.name(language);
    }

    /** Other names for this label in that language (possibly none). */
    public List<String> aliases(Language language) {
        return language == Language.EN ? aliasesEn : aliasesZh;
    }

    /** The parent node, or {@code null} for a level-1 node. */
    public TaxonomyNode parent() {
        return parent;
    }

    @Override
    public String toString() {
        return id + "(" + level + ", " + nameEn + "/" + nameZh + ")";
    }
}
