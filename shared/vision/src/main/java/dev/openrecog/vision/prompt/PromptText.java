package dev.openrecog.vision.prompt;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prompt text as tokens, the same way for prompts and for the vocabulary: NFKC (full-width letters
 * become ASCII), lower case, one token per word of a spaced script and per Chinese character.
 * Apostrophes and dots join ("dog's" is "dogs", "s.u.v." is "suv"); hyphens, underscores and spaces
 * separate; list punctuation ({@code , ; / & 、 ，}) becomes the {@link #LIST_BREAK} token.
 */
final class PromptText {
    static final String LIST_BREAK = ",";

    private PromptText() {
    }

    static List<String> tokens(String text) {
        String normal = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < normal.length(); ) {
            int c = normal.codePointAt(i);
            i += Character.charCount(c);
            if (isHan(c)) {
                flush(word, tokens);
                tokens.add(new String(Character.toChars(c)));
            } else if (Character.isLetterOrDigit(c)) {
                word.appendCodePoint(c);
            } else if (c == '\'' || c == '\u2019' || c == '.') {
                continue;
            } else {
                flush(word, tokens);
                if (",;/&+\u3001\uff0c\uff1b".indexOf(c) >= 0) {
                    tokens.add(LIST_BREAK);
                }
            }
        }
        flush(word, tokens);
        return tokens;
    }

    /** The tokens as text: words separated by spaces, Chinese characters written together. */
    static String join(List<String> tokens) {
        StringBuilder out = new StringBuilder();
        String previous = null;
        for (String token : tokens) {
            if (previous != null && !(isHan(previous) && isHan(token))) {
                out.append(' ');
            }
            out.append(token);
            previous = token;
        }
        return out.toString();
    }

    static boolean isHan(String token) {
        return isHan(token.codePointAt(0));
    }

    private static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }

    private static void flush(StringBuilder word, List<String> tokens) {
        if (word.length() > 0) {
            tokens.add(word.toString());
            word.setLength(0);
        }
    }
}
