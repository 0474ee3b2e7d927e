package dev.openrecog.vision.taxonomy;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The label hierarchy of the COCO-80 detectors: for each class the leaf label and its ancestors,
 * derived from the WordNet tree that darknet ships (see {@code shared/vision/TAXONOMY.md}).
 */
public final class Taxonomy {
    static final String COCO_RESOURCE = "/dev/openrecog/vision/taxonomy/coco-taxonomy.json";

    private final List<List<TaxonomyNode>> chains;

    private Taxonomy(List<List<TaxonomyNode>> chains) {
        this.chains = chains;
    }

    /** The taxonomy of the 80 COCO classes, in the order of the models' outputs; loaded once. */
    public static Taxonomy coco() {
        return CocoHolder.COCO;
    }

    /** The number of classes (80 for COCO). */
    public int classCount() {
        return chains.size();
    }

    /**
     * The labels for one detector class, leaf first: the class itself, then each parent up to its
     * level-1 category. Always at least two nodes.
     *
     * @throws IllegalArgumentException for an index outside {@code 0..classCount()-1}
     */
    public List<TaxonomyNode> chain(int classIndex) {
        if (classIndex < 0 || classIndex >= chains.size()) {
            throw new IllegalArgumentException("class index " + classIndex + " outside 0.." + (chains.size() - 1));
        }
        return chains.get(classIndex);
    }

    private static final class CocoHolder {
        static final Taxonomy COCO = load(COCO_RESOURCE);
    }

    static Taxonomy load(String resource) {
        Map<String, Object> root;
        try (InputStream in = Taxonomy.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("taxonomy resource missing: " + resource);
            }
            root = JSON.std.mapFrom(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read taxonomy resource " + resource, e);
        }
        return fromJson(root, resource);
    }

    private static Taxonomy fromJson(Map<String, Object> root, String source) {
        Map<String, TaxonomyNode> byId = new HashMap<>();
        // Nodes are listed parents first (by level), so each parent is known when its child is read.
        for (Object item : list(root.get("nodes"), "nodes", source)) {
            Map<String, Object> node = map(item, "node", source);
            String id = string(node.get("id"), "id", source);
            Object parentId = node.get("parent");
            TaxonomyNode parent = null;
            if (parentId != null) {
                parent = byId.get(string(parentId, "parent", source));
                if (parent == null) {
                    throw bad(source, "node " + id + " names parent " + parentId + " before it is defined");
                }
            }
            int level = ((Number) node.get("level")).intValue();
            if ((parent == null) != (level == 1) || (parent != null && parent.level() >= level)) {
                throw bad(source, "node " + id + " has level " + level + " under " + parent);
            }
            Map<String, Object> aliases = map(node.get("aliases"), "aliases", source);
            TaxonomyNode created = new TaxonomyNode(id, level,
                    string(node.get("en"), "en", source), string(node.get("zh"), "zh", source),
                    strings(aliases.get("en"), source), strings(aliases.get("zh"), source), parent);
            if (byId.put(id, created) != null) {
                throw bad(source, "duplicate node id " + id);
            }
        }
        List<List<TaxonomyNode>> chains = new ArrayList<>();
        for (Object item : list(root.get("classes"), "classes", source)) {
            Map<String, Object> cls = map(item, "class", source);
            List<TaxonomyNode> chain = new ArrayList<>();
            for (String id : strings(cls.get("chain"), source)) {
                TaxonomyNode node = byId.get(id);
                if (node == null) {
                    throw bad(source, "unknown node " + id + " in class " + cls.get("index"));
                }
                if (!chain.isEmpty() && chain.get(chain.size() - 1).parent() != node) {
                    throw bad(source, "chain of class " + cls.get("index") + " does not follow parents at " + id);
                }
                chain.add(node);
            }
            if (chain.size() < 2 || chain.get(chain.size() - 1).parent() != null) {
                throw bad(source, "chain of class " + cls.get("index") + " must reach a level-1 node");
            }
            chains.add(Collections.unmodifiableList(chain));
        }
        return new Taxonomy(Collections.unmodifiableList(chains));
    }

    private static List<?> list(Object value, String what, String source) {
        if (!(value instanceof List)) {
            throw bad(source, what + " is not a list");
        }
        return (List<?>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what, String source) {
        if (!(value instanceof Map)) {
            throw bad(source, what + " is not an object");
        }
        return (Map<String, Object>) value;
    }

    private static String string(Object value, String what, String source) {
        if (!(value instanceof String)) {
            throw bad(source, what + " is not a string");
        }
        return (String) value;
    }

    private static List<String> strings(Object value, String source) {
        List<String> out = new ArrayList<>();
        for (Object item : list(value, "string list", source)) {
            out.add(string(item, "list item", source));
        }
        return out;
    }

    private static IllegalStateException bad(String source, String message) {
        return new IllegalStateException("malformed taxonomy " + source + ": " + message);
    }
}
