package dev.openrecog.vision.taxonomy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds {@code coco-taxonomy.json} from darknet's WordNet files ({@code 9k.tree}, {@code 9k.names},
 * {@code coco9k.map}, {@code coco.names}) and the committed name table {@code coco-taxonomy-names.tsv}.
 *
 * <p>For each COCO class: start at the synset coco9k.map gives it and walk up 9k.tree. The first
 * synset listed in a {@code maps} row (the class's own synset included) decides the level-1
 * category; the nearest {@code group} synset strictly between the class's synset and that one
 * becomes level 2; the class itself is the leaf at level 2 or 3. See {@code shared/vision/TAXONOMY.md}.
 *
 * <p>Run {@code main} (or the test with {@code -Dopenrecog.taxonomy.write=true}) to rewrite the resource.
 */
public final class CocoTaxonomyGenerator {
    public static final Path DEFAULT_DARKNET_DATA = Paths.get("/usr/share/darknet/data");
    static final String NAMES_TABLE = "/dev/openrecog/vision/taxonomy/coco-taxonomy-names.tsv";
    /** The committed resource, relative to the module directory. */
    static final Path RESOURCE = Paths.get("src/main/resources/dev/openrecog/vision/taxonomy/coco-taxonomy.json");
    static final String[] DARKNET_FILES = {"9k.tree", "9k.names", "coco9k.map", "coco.names"};

    private CocoTaxonomyGenerator() {
    }

    /** Writes the resource: {@code main [darknetDataDir [outputFile]]}. */
    public static void main(String[] args) throws IOException {
        Path data = args.length > 0 ? Paths.get(args[0]) : DEFAULT_DARKNET_DATA;
        Path out = args.length > 1 ? Paths.get(args[1]) : RESOURCE;
        Files.write(out, generate(data));
        System.out.println("wrote " + out.toAbsolutePath());
    }

    /** The resource's bytes (UTF-8 JSON), generated from the darknet files in {@code darknetData}. */
    public static byte[] generate(Path darknetData) throws IOException {
        WordNet wordNet = WordNet.read(darknetData);
        NameTable table = NameTable.read(readResource(NAMES_TABLE));
        return build(wordNet, table).getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- darknet files

    record WordNet(List<String> synsets, int[] parents, List<String> names, Map<String, Integer> indexOf,
                   int[] cocoToTree, List<String> cocoNames) {

        static WordNet read(Path dir) throws IOException {
            List<String> treeLines = lines(dir.resolve("9k.tree"));
            List<String> names = lines(dir.resolve("9k.names"));
            List<String> mapLines = lines(dir.resolve("coco9k.map"));
            List<String> cocoNames = lines(dir.resolve("coco.names"));
            if (treeLines.size() != names.size()) {
                throw new IllegalStateException("9k.tree has " + treeLines.size() + " lines, 9k.names " + names.size());
            }
            if (mapLines.size() != cocoNames.size()) {
                throw new IllegalStateException("coco9k.map has " + mapLines.size() + " lines, coco.names " + cocoNames.size());
            }
            List<String> synsets = new ArrayList<>();
            int[] parents = new int[treeLines.size()];
            Map<String, Integer> indexOf = new HashMap<>();
            for (int i = 0; i < treeLines.size(); i++) {
                String[] parts = treeLines.get(i).trim().split("\\s+");
                if (parts.length != 2) {
                    throw new IllegalStateException("9k.tree line " + (i + 1) + ": " + treeLines.get(i));
                }
                synsets.add(parts[0]);
                parents[i] = Integer.parseInt(parts[1]);
                if (parents[i] < -1 || parents[i] >= i) {
                    // darknet lists every parent before its children; that also rules out cycles
                    throw new IllegalStateException("9k.tree line " + (i + 1) + ": parent " + parents[i] + " out of order");
                }
                if (indexOf.put(parts[0], i) != null) {
                    throw new IllegalStateException("9k.tree repeats synset " + parts[0]);
                }
            }
            int[] cocoToTree = new int[mapLines.size()];
            for (int i = 0; i < mapLines.size(); i++) {
                cocoToTree[i] = Integer.parseInt(mapLines.get(i).trim());
                if (cocoToTree[i] < 0 || cocoToTree[i] >= synsets.size()) {
                    throw new IllegalStateException("coco9k.map line " + (i + 1) + " out of range");
                }
            }
            return new WordNet(synsets, parents, names, indexOf, cocoToTree, cocoNames);
        }

        int index(String synset, String expectedName) {
            Integer index = indexOf.get(synset);
            if (index == null) {
                throw new IllegalStateException("synset " + synset + " is not in 9k.tree");
            }
            if (!names.get(index).equals(expectedName)) {
                throw new IllegalStateException("synset " + synset + " is '" + names.get(index)
                        + "' in 9k.names, the name table says '" + expectedName + "'");
            }
            return index;
        }

        /** The synset and its ancestors, nearest first. */
        List<Integer> walk(int index) {
            List<Integer> path = new ArrayList<>();
            for (int i = index; i != -1; i = parents[i]) {
                path.add(i);
            }
            return path;
        }
    }

    private static List<String> lines(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(line.strip());
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- name table

    record Names(String en, String zh, List<String> aliasesEn, List<String> aliasesZh) {
    }

    record Group(String synset, String wordNetName, String id, Names names) {
    }

    record CocoClass(String cocoName, String wordNetName, String id, Names names) {
    }

    record NameTable(Map<String, Names> categories, String fallback, Map<String, List<String>> categorySynsets,
                     Map<String, String> maps, Map<String, String> mapNames, Map<String, Group> groups,
                     List<CocoClass> classes, Map<String, String> forced) {

        static NameTable read(String text) {
            Map<String, Names> categories = new LinkedHashMap<>();
            Map<String, List<String>> categorySynsets = new LinkedHashMap<>();
            Map<String, String> maps = new LinkedHashMap<>();
            Map<String, String> mapNames = new LinkedHashMap<>();
            Map<String, Group> groups = new LinkedHashMap<>();
            List<CocoClass> classes = new ArrayList<>();
            Map<String, String> forced = new LinkedHashMap<>();
            String fallback = null;
            int lineNo = 0;
            for (String line : text.split("\n", -1)) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                String where = NAMES_TABLE + " line " + lineNo + ": ";
                switch (f[0]) {
                    case "category" -> {
                        need(f, 6, where);
                        if (categories.put(f[1], names(f, 2, where)) != null) {
                            throw new IllegalStateException(where + "category " + f[1] + " twice");
                        }
                        categorySynsets.put(f[1], new ArrayList<>());
                    }
                    case "fallback" -> {
                        need(f, 2, where);
                        fallback = f[1];
                    }
                    case "maps" -> {
                        need(f, 4, where);
                        if (!categories.containsKey(f[3])) {
                            throw new IllegalStateException(where + "unknown category " + f[3]);
                        }
                        if (maps.put(f[1], f[3]) != null) {
                            throw new IllegalStateException(where + "synset " + f[1] + " mapped twice");
                        }
                        mapNames.put(f[1], f[2]);
                        categorySynsets.get(f[3]).add(f[1]);
                    }
                    case "group" -> {
                        need(f, 7, where);
                        Names names = names(f, 3, where);
                        if (groups.put(f[1], new Group(f[1], f[2], slug(names.en()), names)) != null) {
                            throw new IllegalStateException(where + "group " + f[1] + " twice");
                        }
                    }
                    case "class" -> {
                        need(f, 7, where);
                        Names names = names(f, 3, where);
                        classes.add(new CocoClass(f[1], f[2], slug(names.en()), names));
                    }
                    case "force" -> {
                        need(f, 4, where);
                        if (!categories.containsKey(f[2])) {
                            throw new IllegalStateException(where + "unknown category " + f[2]);
                        }
                        forced.put(f[1], f[2]);
                    }
                    default -> throw new IllegalStateException(where + "unknown row kind '" + f[0] + "'");
                }
            }
            if (fallback == null || !categories.containsKey(fallback)) {
                throw new IllegalStateException(NAMES_TABLE + ": no valid fallback category");
            }
            return new NameTable(categories, fallback, categorySynsets, maps, mapNames, groups, classes, forced);
        }

        private static void need(String[] fields, int count, String where) {
            if (fields.length != count) {
                throw new IllegalStateException(where + "expected " + count + " tab-separated fields, got " + fields.length);
            }
            for (String field : fields) {
                if (field.isBlank() || !field.equals(field.strip())) {
                    throw new IllegalStateException(where + "empty or padded field");
                }
            }
        }

        private static Names names(String[] f, int from, String where) {
            String zh = f[from + 1];
            checkZh(zh, where);
            List<String> aliasesZh = aliasList(f[from + 3]);
            for (String alias : aliasesZh) {
                checkZh(alias, where);
            }
            return new Names(f[from], zh, aliasList(f[from + 2]), aliasesZh);
        }

        private static void checkZh(String zh, String where) {
            for (int i = 0; i < zh.length(); i++) {
                char c = zh.charAt(i);
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
                    throw new IllegalStateException(where + "zh name '" + zh + "' contains ASCII letters");
                }
            }
        }

        private static List<String> aliasList(String field) {
            return field.equals("-") ? List.of() : List.of(field.split("\\|"));
        }
    }

    static String slug(String en) {
        String slug = en.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (slug.isEmpty()) {
            throw new IllegalStateException("no id can be made from '" + en + "'");
        }
        return slug;
    }

    // ---------------------------------------------------------------- building

    /** One node of the output, in the order written. */
    private record Node(String id, int level, String parent, Names names, List<String> aliasesEn,
                        List<String> wordNet) {
    }

    static String build(WordNet wn, NameTable table) {
        if (table.classes().size() != wn.cocoNames().size()) {
            throw new IllegalStateException("name table has " + table.classes().size() + " classes, coco.names "
                    + wn.cocoNames().size());
        }
        Map<Integer, String> categoryAt = new HashMap<>();
        table.maps().forEach((synset, category) -> categoryAt.put(wn.index(synset, table.mapNames().get(synset)), category));
        Map<Integer, Group> groupAt = new HashMap<>();
        table.groups().values().forEach(g -> groupAt.put(wn.index(g.synset(), g.wordNetName()), g));

        Map<String, Node> categories = new LinkedHashMap<>();
        Map<String, Node> groups = new LinkedHashMap<>();
        List<Node> leaves = new ArrayList<>();
        List<List<String>> chains = new ArrayList<>();
        Set<String> usedMaps = new LinkedHashSet<>();
        Set<String> usedForces = new LinkedHashSet<>();

        for (int c = 0; c < table.classes().size(); c++) {
            CocoClass cls = table.classes().get(c);
            if (!cls.cocoName().equals(wn.cocoNames().get(c))) {
                throw new IllegalStateException("name table class " + c + " is '" + cls.cocoName()
                        + "', coco.names says '" + wn.cocoNames().get(c) + "'");
            }
            int leafIndex = wn.cocoToTree()[c];
            if (!wn.names().get(leafIndex).equals(cls.wordNetName())) {
                throw new IllegalStateException("coco9k.map puts '" + cls.cocoName() + "' on '" + wn.names().get(leafIndex)
                        + "', the name table says '" + cls.wordNetName() + "'");
            }
            List<Integer> path = wn.walk(leafIndex);
            String category = table.forced().get(cls.cocoName());
            int categoryStep = path.size();
            if (category != null) {
                usedForces.add(cls.cocoName());
            } else {
                for (int step = 0; step < path.size() && category == null; step++) {
                    category = categoryAt.get(path.get(step));
                    if (category != null) {
                        categoryStep = step;
                        usedMaps.add(wn.synsets().get(path.get(step)));
                    }
                }
                if (category == null) {
                    category = table.fallback();
                }
            }
            Group group = null;
            if (!table.forced().containsKey(cls.cocoName())) {
                for (int step = 1; step < categoryStep && group == null; step++) {
                    group = groupAt.get(path.get(step));
                }
            }

            String categoryId = category;
            categories.computeIfAbsent(categoryId, id -> new Node(id, 1, null, table.categories().get(id),
                    table.categories().get(id).aliasesEn(), table.categorySynsets().get(id)));
            List<String> chain = new ArrayList<>();
            String leafParent = categoryId;
            if (group != null) {
                Group g = group;
                Node groupNode = groups.computeIfAbsent(g.id(), id -> new Node(id, 2, categoryId, g.names(),
                        withWordNetName(g.names(), g.wordNetName()), List.of(g.synset())));
                if (!groupNode.parent().equals(categoryId) || !groupNode.wordNet().equals(List.of(g.synset()))) {
                    throw new IllegalStateException("group " + g.id() + " would sit under both " + groupNode.parent()
                            + " and " + categoryId);
                }
                leafParent = g.id();
            }
            Node leaf = new Node(cls.id(), group == null ? 2 : 3, leafParent, cls.names(),
                    withWordNetName(cls.names(), cls.wordNetName()), List.of(wn.synsets().get(leafIndex)));
            leaves.add(leaf);
            chain.add(leaf.id());
            if (group != null) {
                chain.add(group.id());
            }
            chain.add(categoryId);
            chains.add(chain);
        }

        List<String> unused = new ArrayList<>();
        table.maps().keySet().stream().filter(s -> !usedMaps.contains(s)).forEach(s -> unused.add("maps " + s));
        table.groups().values().stream().filter(g -> !groups.containsKey(g.id())).forEach(g -> unused.add("group " + g.synset()));
        table.forced().keySet().stream().filter(s -> !usedForces.contains(s)).forEach(s -> unused.add("force " + s));
        if (!unused.isEmpty()) {
            throw new IllegalStateException("rows of the name table that place no class: " + unused);
        }

        // Written parents first: categories and groups in name-table order, then the classes in model order.
        List<Node> nodes = new ArrayList<>();
        table.categories().keySet().stream().filter(categories::containsKey).forEach(id -> nodes.add(categories.get(id)));
        table.groups().values().stream().filter(g -> groups.containsKey(g.id())).forEach(g -> nodes.add(groups.get(g.id())));
        nodes.addAll(leaves);
        Set<String> ids = new LinkedHashSet<>();
        for (Node node : nodes) {
            if (!ids.add(node.id())) {
                throw new IllegalStateException("two nodes share the id " + node.id());
            }
        }
        return write(wn, chains, nodes);
    }

    /** The English aliases: the WordNet name (unless it is the name or suppressed with '!'), then the table's. */
    private static List<String> withWordNetName(Names names, String wordNetName) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        seen.add(names.en().toLowerCase(Locale.ROOT));
        Set<String> suppressed = new LinkedHashSet<>();
        for (String alias : names.aliasesEn()) {
            if (alias.startsWith("!")) {
                suppressed.add(alias.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        if (!suppressed.contains(wordNetName.toLowerCase(Locale.ROOT)) && seen.add(wordNetName.toLowerCase(Locale.ROOT))) {
            out.add(capitalize(wordNetName));
        }
        for (String alias : names.aliasesEn()) {
            if (!alias.startsWith("!") && seen.add(alias.toLowerCase(Locale.ROOT))) {
                out.add(alias);
            }
        }
        return out;
    }

    private static String capitalize(String name) {
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    // ---------------------------------------------------------------- output

    private static String write(WordNet wn, List<List<String>> chains, List<Node> nodes) {
        StringBuilder out = new StringBuilder();
        out.append("{\"format\":1,\n");
        out.append("\"source\":").append(quote("Generated by CocoTaxonomyGenerator from darknet data/9k.tree, 9k.names, "
                + "coco9k.map, coco.names (WordNet) and coco-taxonomy-names.tsv; see shared/vision/TAXONOMY.md. Do not edit."))
                .append(",\n");
        out.append("\"classes\":[\n");
        for (int c = 0; c < chains.size(); c++) {
            out.append("{\"index\":").append(c).append(",\"coco\":").append(quote(wn.cocoNames().get(c)))
                    .append(",\"chain\":").append(array(chains.get(c))).append('}')
                    .append(c + 1 < chains.size() ? ",\n" : "\n");
        }
        out.append("],\n\"nodes\":[\n");
        for (int n = 0; n < nodes.size(); n++) {
            Node node = nodes.get(n);
            out.append("{\"id\":").append(quote(node.id()))
                    .append(",\"level\":").append(node.level())
                    .append(",\"parent\":").append(node.parent() == null ? "null" : quote(node.parent()))
                    .append(",\"en\":").append(quote(node.names().en()))
                    .append(",\"zh\":").append(quote(node.names().zh()))
                    .append(",\"aliases\":{\"en\":").append(array(node.aliasesEn()))
                    .append(",\"zh\":").append(array(node.names().aliasesZh())).append('}')
                    .append(",\"wordnet\":").append(array(node.wordNet())).append('}')
                    .append(n + 1 < nodes.size() ? ",\n" : "\n");
        }
        out.append("]}\n");
        return out.toString();
    }

    private static String array(List<String> items) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            out.append(i == 0 ? "" : ",").append(quote(items.get(i)));
        }
        return out.append(']').toString();
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String readResource(String name) throws IOException {
        try (InputStream in = CocoTaxonomyGenerator.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("missing test resource " + name));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
