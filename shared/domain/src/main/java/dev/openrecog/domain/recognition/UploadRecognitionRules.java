package dev.openrecog.domain.recognition;

import dev.openrecog.domain.Algorithm;
import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.Ids;
import dev.openrecog.domain.ObjectLocation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Which libraries the upload trigger recognizes each new image against, by bucket and key prefix. Written as rules
 * separated by {@code ;}, each {@code bucket[/prefix]=algorithm:libId[,libId...]}, e.g.
 * {@code photos/staff/=face:4e0c...;photos=logo:9a1f...,77b2...}. Every rule whose bucket is the object's and whose
 * prefix starts its key applies; the libraries are the uploading tenant's.
 */
public final class UploadRecognitionRules {
    /** The environment variable deployments write the rules in. */
    public static final String ENVIRONMENT_VARIABLE = "OPENRECOG_UPLOAD_RECOGNITION";

    /** No recognition: uploads are only labelled. */
    public static final UploadRecognitionRules NONE = new UploadRecognitionRules(List.of());

    private final List<Rule> rules;

    private UploadRecognitionRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * The rules written in {@code text}; none for null or blank text.
     *
     * @throws IllegalArgumentException naming the rule that is not well formed
     */
    public static UploadRecognitionRules parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Rule> rules = new ArrayList<>();
        for (String written : text.split(";")) {
            if (!written.isBlank()) {
                rules.add(Rule.parse(written.trim()));
            }
        }
        return new UploadRecognitionRules(rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The rules that apply to an object, in the order written. */
    public List<Rule> rulesFor(ObjectLocation location) {
        List<Rule> applying = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.bucket.equals(location.bucket()) && location.key().startsWith(rule.prefix)) {
                applying.add(rule);
            }
        }
        return applying;
    }

    /** Recognize with these libraries of one algorithm. */
    public static final class Rule {
        private static final String FORM = "bucket[/prefix]=algorithm:libId[,libId...]";

        private final String bucket;
        private final String prefix;
        private final Algorithm algorithm;
        private final List<String> libIds;

        private Rule(String bucket, String prefix, Algorithm algorithm, List<String> libIds) {
            this.bucket = bucket;
            this.prefix = prefix;
            this.algorithm = algorithm;
            this.libIds = List.copyOf(libIds);
        }

        static Rule parse(String written) {
            int equals = written.indexOf('=');
            int colon = written.indexOf(':', Math.max(equals, 0));
            if (equals < 1 || colon < 0) {
                throw malformed(written, "it is not of the form " + FORM);
            }
            String place = written.substring(0, equals).trim();
            int slash = place.indexOf('/');
            String bucket = slash < 0 ? place : place.substring(0, slash);
            String prefix = slash < 0 ? "" : place.substring(slash + 1);
            try {
                ObjectLocation.parse("rule", "oss://" + bucket + "/x");
            } catch (ApiException e) {
                throw malformed(written, "'" + bucket + "' is not a bucket name");
            }
            Algorithm algorithm;
            try {
                algorithm = Algorithm.parse(written.substring(equals + 1, colon).trim());
            } catch (ApiException e) {
                throw malformed(written, e.getMessage());
            }
            LinkedHashSet<String> libIds = new LinkedHashSet<>();
            for (String libId : written.substring(colon + 1).split(",")) {
                if (!Ids.isWellFormed(libId.trim())) {
                    throw malformed(written, "'" + libId.trim() + "' is not a LibId");
                }
                libIds.add(libId.trim());
            }
            return new Rule(bucket, prefix, algorithm, new ArrayList<>(libIds));
        }

        private static IllegalArgumentException malformed(String written, String why) {
            return new IllegalArgumentException("The upload recognition rule '" + written + "' is not valid: " + why + ".");
        }

        public Algorithm algorithm() {
            return algorithm;
        }

        public List<String> libIds() {
            return libIds;
        }
    }
}
