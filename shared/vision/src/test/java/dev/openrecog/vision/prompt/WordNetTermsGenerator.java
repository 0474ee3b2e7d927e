package dev.openrecog.vision.prompt;

import dev.openrecog.domain.Language;
import dev.openrecog.vision.taxonomy.Taxonomy;
import dev.openrecog.vision.taxonomy.TaxonomyNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes {@code WordNetTerms.java}: for each COCO class, the English words WordNet 3.0 has for it and for
 * every kind of it (its synonyms and transitive hyponyms: "golden retriever", "sports car", "stallion"),
 * and the irregular plurals of the vocabulary's words. See the "Label prompts" section of
 * {@code shared/vision/MODELS.md}.
 *
 * <p>A class starts at the synset darknet's {@code coco9k.map} gives it, or at the synsets
 * {@link #CLASS_SYNSETS} names where that one is not what the detector sees. A word of its subtree is
 * kept when WordNet's most frequent sense of the word lies in the subtree (the word's first sense,
 * if WordNet's sense-tagged corpus attests any), or, for a word with no attested sense, when at least
 * half of its senses lie there (so "grey", whose other six senses are colours and people, is not a
 * horse, while "kitty-cat" is a cat). For {@link #ATTESTED_ONLY} classes, whose subtrees hold
 * thousands of rare words, only attested words are kept. A single word that is also an adjective
 * ("white", "electric") is kept only when its noun sense is attested and most frequent, and never for
 * those classes: in a prompt such words describe rather than name. Nor is a word that also names an
 * animal a person ("tiger", whose first sense in WordNet is a fierce person, "whale", "boxer"), but for
 * the {@link #PEOPLE_ALSO_ANIMALS} (WordNet's "man" is also Homo sapiens, a "soldier" also an ant).
 * Synsets WordNet marks as
 * disparagement, ethnic slur or obscenity give no words.
 *
 * <p>Run the test {@code WordNetTermsGeneratorTest} with {@code -Dopenrecog.prompt.write=true} to
 * rewrite the file.
 */
public final class WordNetTermsGenerator {
    public static final Path DEFAULT_WORDNET = Paths.get("/usr/share/wordnet");
    public static final Path DEFAULT_DARKNET_DATA = Paths.get("/usr/share/darknet/data");
    static final String[] WORDNET_FILES = {"data.noun", "index.noun", "index.adj", "noun.exc"};
    static final String[] DARKNET_FILES = {"9k.tree", "coco9k.map", "coco.names"};
    /** The generated source, relative to the module directory. */
    static final Path SOURCE = Paths.get("src/main/java/dev/openrecog/vision/prompt/WordNetTerms.java");

    /**
     * Classes whose coco9k.map synset is broader or other than what the detector finds (a timepiece for a
     * clock, a display for a TV, a plumbing fixture for a fire hydrant): their synsets, with a word each
     * synset must hold (checked).
     */
    private static final Map<String, List<String>> CLASS_SYNSETS = Map.of(
            "fire hydrant", List.of("03346898 fire hydrant"),
            "handbag", List.of("02774152 handbag"),
            "suitcase", List.of("02773838 suitcase"),
            "cake", List.of("07628870 cake"),
            "toilet", List.of("04446521 commode"),
            "tvmonitor", List.of("04405907 television receiver", "03085219 computer monitor"),
            "sink", List.of("04223580 sink"),
            "clock", List.of("03046257 clock"));
    private static final Set<String> ATTESTED_ONLY = Set.of("person", "bird");
    private static final String ANIMAL = "00015388";
    private static final Set<String> PEOPLE_ALSO_ANIMALS = Set.of("baby", "kid", "killer", "man", "mate", "offspring",
            "orphan", "painter", "runner", "schoolmaster", "sleeper", "soldier", "survivor", "worker");
    /** WordNet's usage domains whose words a prompt vocabulary should not carry. */
    private static final Set<String> OFFENSIVE_USAGE = Set.of("disparagement", "ethnic slur", "obscenity");
    private static final int MAX_LINE = 116;

    private WordNetTermsGenerator() {
    }

    /** The generated Java source, from the WordNet and darknet files in those folders. */
    public static byte[] generate(Path wordNet, Path darknetData) throws IOException {
        Nouns nouns = Nouns.read(wordNet);
        List<String> cocoNames = lines(darknetData.resolve("coco.names"));
        List<String> treeSynsets = new ArrayList<>();
        for (String line : lines(darknetData.resolve("9k.tree"))) {
            treeSynsets.add(line.split("\\s+")[0]);
        }
        List<String> map = lines(darknetData.resolve("coco9k.map"));
        Taxonomy taxonomy = Taxonomy.coco();
        if (cocoNames.size() != taxonomy.classCount() || map.size() != cocoNames.size()) {
            throw new IllegalStateException("coco.names, coco9k.map and the taxonomy disagree on the class count");
        }
        List<Set<String>> terms = new ArrayList<>();
        Set<String> lastWords = new HashSet<>();
        for (int i = 0; i < cocoNames.size(); i++) {
            String synset = treeSynsets.get(Integer.parseInt(map.get(i).trim())).substring(1);
            List<String> roots = new ArrayList<>();
            for (String root : CLASS_SYNSETS.getOrDefault(cocoNames.get(i), List.of(synset + " -"))) {
                String[] parts = root.split(" ", 2);
                if (!parts[1].equals("-") && !nouns.words(parts[0]).contains(parts[1])) {
                    throw new IllegalStateException("synset " + parts[0] + " does not hold '" + parts[1] + "'");
                }
                roots.add(parts[0]);
            }
            Set<String> kept = nouns.kindsOf(roots, ATTESTED_ONLY.contains(cocoNames.get(i)));
            if (cocoNames.get(i).equals("person")) {
                Set<String> animals = nouns.wordsUnder(ANIMAL);
                animals.removeAll(PEOPLE_ALSO_ANIMALS);
                kept.removeAll(animals);
            }
            terms.add(kept);
            kept.forEach(term -> lastWords.add(lastWord(term)));
            for (TaxonomyNode node : taxonomy.chain(i)) {
                lastWords.add(lastWord(node.name(Language.EN).toLowerCase(Locale.ROOT)));
                node.aliases(Language.EN).forEach(alias -> lastWords.add(lastWord(alias.toLowerCase(Locale.ROOT))));
            }
        }
        Map<String, String> plurals = new TreeMap<>();
        nouns.irregularPlurals.forEach((plural, singular) -> {
            if (lastWords.contains(singular) && !plural.contains(" ")) {
                plurals.put(plural, singular);
            }
        });
        return write(cocoNames, terms, plurals).getBytes(StandardCharsets.UTF_8);
    }

    private static String lastWord(String term) {
        return term.substring(term.lastIndexOf(' ') + 1);
    }

    /** WordNet's nouns: each synset's words and hyponyms, each word's senses, irregular plurals. */
    private static final class Nouns {
        final Map<String, List<String>> wordsBySynset = new HashMap<>();
        final Map<String, List<String>> hyponyms = new HashMap<>();
        final Map<String, List<String>> senses = new HashMap<>();
        final Map<String, Integer> attestedSenses = new HashMap<>();
        final Map<String, String> irregularPlurals = new HashMap<>();
        final Set<String> adjectives = new HashSet<>();
        final Set<String> offensive = new HashSet<>();

        static Nouns read(Path dir) throws IOException {
            Nouns nouns = new Nouns();
            Map<String, List<String>> usageBySynset = new HashMap<>();
            for (String line : Files.readAllLines(dir.resolve("data.noun"), StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("  ")) {
                    continue; // licence header
                }
                String[] f = line.substring(0, line.indexOf(" | ")).split(" ");
                int wordCount = Integer.parseInt(f[3], 16);
                List<String> words = new ArrayList<>();
                for (int w = 0; w < wordCount; w++) {
                    words.add(term(f[4 + 2 * w]));
                }
                int p = 4 + 2 * wordCount;
                int pointers = Integer.parseInt(f[p++]);
                List<String> kinds = new ArrayList<>();
                List<String> usages = new ArrayList<>();
                for (int k = 0; k < pointers; k++, p += 4) {
                    if (f[p].equals("~") && f[p + 2].equals("n")) { // hyponym; "~i" (instances: people's names, places) is left out
                        kinds.add(f[p + 1]);
                    } else if (f[p].equals(";u")) {
                        usages.add(f[p + 1]);
                    }
                }
                nouns.wordsBySynset.put(f[0], words);
                nouns.hyponyms.put(f[0], kinds);
                usageBySynset.put(f[0], usages);
            }
            usageBySynset.forEach((synset, usages) -> {
                if (usages.stream().anyMatch(usage -> OFFENSIVE_USAGE.contains(nouns.wordsBySynset.get(usage).get(0)))) {
                    nouns.offensive.add(synset);
                }
            });
            for (String line : Files.readAllLines(dir.resolve("index.adj"), StandardCharsets.ISO_8859_1)) {
                if (!line.startsWith("  ")) {
                    nouns.adjectives.add(term(line.substring(0, line.indexOf(' '))));
                }
            }
            for (String line : Files.readAllLines(dir.resolve("index.noun"), StandardCharsets.ISO_8859_1)) {
                if (line.startsWith("  ")) {
                    continue;
                }
                String[] f = line.trim().split(" ");
                int pointerKinds = Integer.parseInt(f[3]);
                int senseCount = Integer.parseInt(f[2]);
                String word = term(f[0]);
                nouns.attestedSenses.put(word, Integer.parseInt(f[5 + pointerKinds]));
                nouns.senses.put(word, List.of(f).subList(6 + pointerKinds, 6 + pointerKinds + senseCount));
            }
            for (String line : Files.readAllLines(dir.resolve("noun.exc"), StandardCharsets.ISO_8859_1)) {
                String[] f = line.trim().split(" ");
                nouns.irregularPlurals.putIfAbsent(term(f[0]), term(f[1]));
            }
            return nouns;
        }

        /** A WordNet lemma as a prompt term: lower case, words separated by one space. */
        private static String term(String lemma) {
            return lemma.replace('_', ' ').toLowerCase(Locale.ROOT);
        }

        List<String> words(String synset) {
            List<String> words = wordsBySynset.get(synset);
            if (words == null) {
                throw new IllegalStateException("synset " + synset + " is not in data.noun");
            }
            return words;
        }

        Set<String> wordsUnder(String root) {
            Set<String> words = new HashSet<>();
            subtree(List.of(root)).forEach(synset -> words.addAll(wordsBySynset.get(synset)));
            return words;
        }

        private Set<String> subtree(List<String> roots) {
            Set<String> subtree = new HashSet<>();
            Deque<String> todo = new ArrayDeque<>(roots);
            while (!todo.isEmpty()) {
                String synset = todo.pop();
                if (subtree.add(synset)) {
                    todo.addAll(hyponyms.getOrDefault(synset, List.of()));
                }
            }
            return subtree;
        }

        Set<String> kindsOf(List<String> roots, boolean attestedOnly) {
            Set<String> subtree = subtree(roots);
            subtree.removeAll(offensive);
            Set<String> kept = new TreeSet<>();
            for (String synset : subtree) {
                for (String word : wordsBySynset.get(synset)) {
                    List<String> wordSenses = senses.get(word);
                    int attested = attestedSenses.getOrDefault(word, 0);
                    boolean mostFrequentHere = attested > 0 && subtree.contains(wordSenses.get(0));
                    long here = wordSenses.stream().filter(subtree::contains).count();
                    boolean mostlyHere = attested == 0 && !attestedOnly && here * 2 >= wordSenses.size();
                    boolean describes = !word.contains(" ") && adjectives.contains(word);
                    if (describes ? mostFrequentHere && !attestedOnly : mostFrequentHere || mostlyHere) {
                        kept.add(word);
                    }
                }
            }
            return kept;
        }
    }

    private static String write(List<String> cocoNames, List<Set<String>> terms, Map<String, String> plurals) {
        StringBuilder out = new StringBuilder();
        out.append("package dev.openrecog.vision.prompt;\n\n")
                .append("/**\n")
                .append(" * Generated by WordNetTermsGenerator (test sources) from WordNet 3.0 and darknet's coco9k.map: do not edit.\n")
                .append(" * WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.\n")
                .append(" */\n")
                .append("final class WordNetTerms {\n")
                .append("    /** For each COCO class, in model order: its English words and those of its kinds, '|' separated. */\n")
                .append("    static final String[] BY_CLASS = {\n");
        for (int i = 0; i < cocoNames.size(); i++) {
            out.append("        // ").append(i).append(' ').append(cocoNames.get(i)).append('\n');
            out.append(literal(String.join("|", terms.get(i)), "        ")).append(",\n");
        }
        out.append("    };\n\n")
                .append("    /** Irregular plurals of the words that end the vocabulary's terms: 'plural singular', '|' separated. */\n")
                .append("    static final String IRREGULAR_PLURALS =\n");
        List<String> pairs = new ArrayList<>();
        plurals.forEach((plural, singular) -> pairs.add(plural + " " + singular));
        out.append(literal(String.join("|", pairs), "            ")).append(";\n\n")
                .append("    private WordNetTerms() {\n    }\n}\n");
        return out.toString();
    }

    /** A Java string literal, split into concatenated pieces at '|' to keep lines short. */
    private static String literal(String text, String indent) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder();
        for (String piece : text.split("(?<=\\|)")) {
            if (line.length() > 0 && indent.length() + line.length() + piece.length() + 4 > MAX_LINE) {
                out.append(indent).append('"').append(line).append("\" +\n");
                line.setLength(0);
            }
            line.append(piece.replace("\\", "\\\\").replace("\"", "\\\""));
        }
        return out.append(indent).append('"').append(line).append('"').toString();
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
}
