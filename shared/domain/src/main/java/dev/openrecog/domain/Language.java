package dev.openrecog.domain;

import java.util.Locale;

/** The languages label names are given in, with the value IMM puts in a label's {@code Language} field. */
public enum Language {
    ZH_HANS("zh-Hans"),
    EN("en");

    private final String wireValue;

    Language(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value on the wire: {@code zh-Hans} or {@code en}. */
    public String wireValue() {
        return wireValue;
    }

    /**
     * The language for a wire value, matched without regard to case (language tags are case-insensitive).
     *
     * @throws ApiException InvalidParameter when the value is missing or not a supported language
     */
    public static Language parse(String value) {
        if (value == null || value.trim().isEmpty()) {
            throw ApiException.invalidParameter("The parameter Language is empty; supported values are zh-Hans and en.");
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        for (Language language : values()) {
            if (language.wireValue.toLowerCase(Locale.ROOT).equals(wanted)) {
                return language;
            }
        }
        throw ApiException.invalidParameter(
                "The parameter Language '" + printable(value) + "' is not supported; supported values are zh-Hans and en.");
    }

    private static String printable(String value) {
        StringBuilder out = new StringBuilder();
        int limit = Math.min(value.length(), 32);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        if (value.length() > limit) {
            out.append("...");
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return wireValue;
    }
}
