package dev.openrecog.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The recognition algorithms a library can be created for; the wire value is the lower-case name. */
public enum Algorithm {
    LANDMARK, OBJECT, LOGO, FACE, LABEL;

    private static final String VALID = Arrays.stream(values()).map(Algorithm::wireName).collect(Collectors.joining(", "));

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Algorithm parse(String value) {
        for (Algorithm algorithm : values()) {
            if (algorithm.wireName().equals(value)) {
                return algorithm;
            }
        }
        throw ApiException.invalidParameter("Algorithm must be one of " + VALID + "; got '" + ApiException.abbreviate(value) + "'.");
    }
}
