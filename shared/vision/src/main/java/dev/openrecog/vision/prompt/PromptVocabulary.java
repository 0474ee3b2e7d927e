package dev.openrecog.vision.prompt;

import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ImageLabel;
import dev.openrecog.domain.Language;
import dev.openrecog.vision.taxonomy.Taxonomy;
import dev.openrecog.vision.taxonomy.TaxonomyNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What a text LabelPrompt ("家里的狗", "red sports car", "furniture") means in terms of what the detector
 * can find: the taxonomy nodes it names. The vocabulary is the taxonomy's zh-Hans and English names and
 * aliases at every level (狗, Dog, 犬科动物, 动物, Furniture ...), WordNet's words for each COCO class
 * and its kinds ({@link WordNetTerms}: puppy, golden retriever, sports car, stallion) and a few words of
 * our own ({@link #EXTRA_TERMS}: kitten, 狗狗, 跑车). What is and is not matched is documented in the
 * "Label prompts" section of {@code shared/vision/MODELS.md}.
 * <p>Parsing is shallow on purpose: list punctuation and and/or/和/或 separate alternatives (a prompt
 * naming several things means any of them); in each, the first clause (clauses end at a preposition
 * such as "with", "on", 在, or an "-ing" word) that holds a known term gives the term that ends last,
 * the head of an English or Chinese noun phrase. Everything else, colours and other modifiers
 * included, is reported as ignored. A Chinese term must stand as a word: what precedes it in the
 * clause must be modifiers (小, 红色, 一只, 宠物) or end with 的, and only 们 or a locative (上, 里 ...)
 * may follow, so 熊猫 (panda) is not a 猫 and 猫头鹰 (owl) is not one either.
 */
public final class PromptVocabulary {
    private static final int TAXONOMY = 0;
    private static final int WORDNET = 1;
    private static final int MAX_PROMPT_ECHO = 64;

    /** Words of our own that neither the taxonomy's names nor WordNet's kinds give: node id, then terms. */
    private static final String[][] EXTRA_TERMS = {
        {"person", "kid|小孩|孩子|儿童|男人|女人|男孩|女孩|婴儿|宝宝|行人"},
        {"dog", "pup|狗狗"},
        {"cat", "kitten|kitty|猫咪"},
        {"horse", "foal|colt|filly|马驹"},
        {"sheep", "lamb|羔羊"},
        {"cow", "calf|水牛"},
        {"bear", "狗熊|北极熊"},
        {"bird", "chicken|鸡|鸭|鸭子|鹅|鹰|鸽子|麻雀|鹦鹉|海鸥"},
        {"car", "跑车|越野车|出租车|的士"},
        {"truck", "皮卡|货运车"},
        {"bus", "大巴|客车"},
        {"train", "地铁|高铁|动车"},
        {"motorcycle", "摩托"},
        {"laptop", "笔记本"},
        {"personal-computer", "computer"},
        {"potted-plant", "plant"},
    };
    private static final Set<String> ALTERNATIVE_BREAKS = Set.of(PromptText.LIST_BREAK, "and", "or", "和", "或", "与", "及");
    private static final Set<String> CLAUSE_BREAKS = Set.of("with", "without", "in", "on", "at", "of", "near", "under",
        "over", "above", "below", "behind", "beside", "by", "from", "into", "onto", "inside", "outside", "next", "to",
        "for", "that", "which", "who", "where", "while", "is", "are", "在");
    /** What may precede a Chinese term in its clause, besides anything ending in 的. */
    private static final List<String> ZH_MODIFIER_WORDS = List.of("可爱", "宠物", "漂亮");
    private static final String ZH_MODIFIER_CHARS = "小大老幼胖瘦新旧红橙黄绿青蓝紫黑白灰粉棕褐金银彩花色公母一二两三四五几只个辆条头匹把张台部架艘本件双对群些位名这那我你他她它们家";
    /** What may follow a Chinese term in its clause: a plural marker or a locative. */
    private static final String ZH_TRAILERS = "们上里中下旁边前后内外儿";

    private final Map<String, Term> terms = new HashMap<>();
    private final Map<String, String> irregularPlurals = new HashMap<>();
    private final Map<String, Set<String>> classesUnder = new HashMap<>();
    private final Map<Language, Map<String, String>> classByName = new EnumMap<>(Language.class);
    private final int longestTerm;

    private PromptVocabulary(Taxonomy taxonomy) {
        for (Language language : Language.values()) {
            classByName.put(language, new HashMap<>());
        }
        for (int i = 0; i < taxonomy.classCount(); i++) {
            List<TaxonomyNode> chain = taxonomy.chain(i);
            String classId = chain.get(0).id();
            for (TaxonomyNode node : chain) {
                classesUnder.computeIfAbsent(node.id(), id -> new TreeSet<>()).add(classId);
                for (Language language : Language.values()) {
                    add(node.name(language), TAXONOMY, node.id());
                    node.aliases(language).forEach(alias -> add(alias, TAXONOMY, node.id()));
                }
            }
            for (Language language : Language.values()) {
                if (classByName.get(language).put(chain.get(0).name(language), classId) != null) {
                    throw new IllegalStateException("two classes named " + chain.get(0).name(language)); // labels are matched by name
                }
            }
            for (String term : WordNetTerms.BY_CLASS[i].split("\\|")) {
                add(term, WORDNET, classId);
            }
        }
        for (String[] extra : EXTRA_TERMS) {
            if (!classesUnder.containsKey(extra[0])) {
                throw new IllegalStateException("extra prompt terms for unknown taxonomy node " + extra[0]);
            }
            for (String term : extra[1].split("\\|")) {
                add(term, TAXONOMY, extra[0]);
            }
        }
        for (String pair : WordNetTerms.IRREGULAR_PLURALS.split("\\|")) {
            String[] words = pair.split(" ");
            irregularPlurals.put(words[0], words[1]);
        }
        longestTerm = terms.keySet().stream().mapToInt(key -> key.split(" ").length).max().orElse(1);
    }

    /** The vocabulary of the COCO-80 detectors' taxonomy; built once. */
    public static PromptVocabulary coco() {
        return CocoHolder.COCO;
    }

    private static final class CocoHolder {
        static final PromptVocabulary COCO = new PromptVocabulary(Taxonomy.coco());
    }

    /**
     * The taxonomy nodes a LabelPrompt names, with the words that were understood and those ignored.
     *
     * @throws ApiException InvalidParameter when the prompt names nothing the detector can find
     */
    public PromptResolution resolve(String prompt) {
        List<String> tokens = prompt == null ? List.of() : PromptText.tokens(prompt);
        List<Occurrence> found = occurrences(tokens);
        boolean[] covered = new boolean[tokens.size()];
        found.forEach(o -> Arrays.fill(covered, o.start, o.end, true));

        Set<String> nodeIds = new TreeSet<>();
        List<String> understood = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (int[] alternative : split(tokens, covered, 0, tokens.size(), ALTERNATIVE_BREAKS::contains)) {
            Occurrence head = null;
            for (int[] clause : split(tokens, covered, alternative[0], alternative[1], PromptVocabulary::endsClause)) {
                head = head(tokens, clause, found);
                if (head != null) {
                    break;
                }
            }
            if (head != null) {
                nodeIds.addAll(head.nodeIds);
                understood.add(PromptText.join(tokens.subList(head.start, head.end)));
                addIgnored(tokens, alternative[0], head.start, ignored);
                addIgnored(tokens, head.end, alternative[1], ignored);
            } else {
                addIgnored(tokens, alternative[0], alternative[1], ignored);
            }
        }
        if (nodeIds.isEmpty()) {
            throw ApiException.invalidParameter("The LabelPrompt '" + printable(prompt) + "' names nothing openrecog can "
                + "detect. It understands the 80 COCO object classes, their categories and their kinds, in Chinese or "
                + "English, e.g. 狗, dog, golden retriever, 汽车, sports car, 家具, furniture, 动物, animal.");
        }
        return new PromptResolution(new LabelSelector(this, nodeIds), understood, ignored);
    }

    /** A selector for stored node ids, checked against this vocabulary's taxonomy. */
    LabelSelector selector(Collection<String> nodeIds) {
        for (String id : nodeIds) {
            if (!classesUnder.containsKey(id)) {
                throw new IllegalArgumentException("stored label prompt names taxonomy node '" + id + "', which does not exist");
            }
        }
        return new LabelSelector(this, nodeIds);
    }

    /**
     * The selector of the detector class a label names, as if a prompt had named that class: for a label
     * {@code VisionLabeler} gave for a detection; empty for an ancestor's label or one from outside the taxonomy.
     */
    public Optional<LabelSelector> classSelector(ImageLabel label) {
        return Optional.ofNullable(classOf(label)).map(classId -> new LabelSelector(this, List.of(classId)));
    }

    /** The ids of the detector classes at or under a node: the node itself for a class, all its classes for a category. */
    Set<String> classesUnder(String nodeId) {
        return classesUnder.get(nodeId);
    }

    /** The id of the detector class a label names, or null for an ancestor label or a label from outside the taxonomy. */
    String classOf(ImageLabel label) {
        return label.instances().isEmpty() ? null : classByName.get(label.language()).get(label.name());
    }

    private void add(String text, int rank, String nodeId) {
        String key = String.join(" ", PromptText.tokens(text));
        Term existing = terms.get(key);
        if (existing == null || existing.rank > rank) {
            terms.put(key, new Term(rank, nodeId));
        } else if (existing.rank == rank) {
            existing.nodeIds.add(nodeId);
        }
    }

    /** Known terms in the prompt, leftmost longest first, not overlapping; only the last word of a term may be plural. */
    private List<Occurrence> occurrences(List<String> tokens) {
        List<Occurrence> found = new ArrayList<>();
        for (int start = 0; start < tokens.size(); ) {
            Term term = null;
            int end = Math.min(tokens.size(), start + longestTerm);
            while (end > start && (term = lookup(tokens.subList(start, end))) == null) {
                end--;
            }
            if (term == null) {
                start++;
            } else {
                found.add(new Occurrence(start, end, term.nodeIds));
                start = end;
            }
        }
        return found;
    }

    private Term lookup(List<String> words) {
        if (words.contains(PromptText.LIST_BREAK)) {
            return null;
        }
        String last = words.get(words.size() - 1);
        String stem = String.join(" ", words.subList(0, words.size() - 1));
        for (String candidate : singulars(last)) {
            Term term = terms.get(stem.isEmpty() ? candidate : stem + " " + candidate);
            if (term != null) {
                return term;
            }
        }
        return null;
    }

    /** The word and what it may be the plural of: WordNet's exceptions, then its detachment rules (morphy). */
    private List<String> singulars(String word) {
        Set<String> out = new LinkedHashSet<>();
        out.add(word);
        if (PromptText.isHan(word)) {
            return new ArrayList<>(out);
        }
        String irregular = irregularPlurals.get(word);
        if (irregular != null) {
            out.add(irregular);
        }
        String[][] rules = {{"ies", "y"}, {"ches", "ch"}, {"shes", "sh"}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"},
            {"men", "man"}, {"s", ""}};
        for (String[] rule : rules) {
            if (word.endsWith(rule[0]) && word.length() > rule[0].length() + 1 && !word.endsWith("ss")) {
                out.add(word.substring(0, word.length() - rule[0].length()) + rule[1]);
            }
        }
        return new ArrayList<>(out);
    }

    /** Ranges of {@code [from, to)} between the tokens that break it and are not part of a known term. */
    private static List<int[]> split(List<String> tokens, boolean[] covered, int from, int to, Predicate<String> breaks) {
        List<int[]> parts = new ArrayList<>();
        int start = from;
        for (int i = from; i < to; i++) {
            if (!covered[i] && breaks.test(tokens.get(i))) {
                parts.add(new int[] {start, i});
                start = i + 1;
            }
        }
        parts.add(new int[] {start, to});
        return parts;
    }

    private static boolean endsClause(String token) {
        return CLAUSE_BREAKS.contains(token) || token.length() > 4 && token.endsWith("ing");
    }

    /** The clause's head term: the one that ends last and, in Chinese, stands as a word. */
    private static Occurrence head(List<String> tokens, int[] clause, List<Occurrence> found) {
        List<Occurrence> inside = new ArrayList<>();
        for (Occurrence o : found) {
            if (o.start >= clause[0] && o.end <= clause[1]) {
                inside.add(o);
            }
        }
        inside.sort(Comparator.comparingInt((Occurrence o) -> -o.end));
        for (Occurrence candidate : inside) {
            if (!PromptText.isHan(tokens.get(candidate.start)) || standsAsWord(tokens, clause, candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean standsAsWord(List<String> tokens, int[] clause, Occurrence term) {
        int after = term.end;
        for (; after < clause[1] && PromptText.isHan(tokens.get(after)); after++) {
            if (ZH_TRAILERS.indexOf(tokens.get(after)) < 0) {
                return false;
            }
        }
        int before = term.start;
        while (before > clause[0] && PromptText.isHan(tokens.get(before - 1))) {
            before--;
        }
        String prefix = String.join("", tokens.subList(before, term.start));
        while (!prefix.isEmpty() && !prefix.endsWith("的")) {
            String shorter = null;
            for (String word : ZH_MODIFIER_WORDS) {
                if (prefix.endsWith(word)) {
                    shorter = prefix.substring(0, prefix.length() - word.length());
                }
            }
            if (shorter == null && ZH_MODIFIER_CHARS.indexOf(prefix.charAt(prefix.length() - 1)) >= 0) {
                shorter = prefix.substring(0, prefix.length() - 1);
            }
            if (shorter == null) {
                return false;
            }
            prefix = shorter;
        }
        return true;
    }

    private static void addIgnored(List<String> tokens, int from, int to, List<String> ignored) {
        List<String> words = new ArrayList<>();
        for (String token : tokens.subList(from, to)) {
            if (!ALTERNATIVE_BREAKS.contains(token)) {
                words.add(token);
            }
        }
        if (!words.isEmpty()) {
            ignored.add(PromptText.join(words));
        }
    }

    private static String printable(String prompt) {
        String text = prompt == null ? "" : prompt.replaceAll("\\p{Cntrl}", "?");
        return text.length() > MAX_PROMPT_ECHO ? text.substring(0, MAX_PROMPT_ECHO) + "..." : text;
    }

    /** An entry of the vocabulary: the nodes a term names, and where it comes from (a lower rank wins). */
    private static final class Term {
        final int rank;
        final Set<String> nodeIds = new TreeSet<>();

        Term(int rank, String nodeId) {
            this.rank = rank;
            nodeIds.add(nodeId);
        }
    }

    /** A known term found in the prompt's tokens {@code [start, end)}. */
    private static final class Occurrence {
        final int start;
        final int end;
        final Set<String> nodeIds;

        Occurrence(int start, int end, Set<String> nodeIds) {
            this.start = start;
            this.end = end;
            this.nodeIds = nodeIds;
        }
    }
}
