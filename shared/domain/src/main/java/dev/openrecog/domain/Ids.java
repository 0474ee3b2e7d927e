package dev.openrecog.domain;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Identifiers for libraries, entities and samples: 32 lower-case hex digits, a 48-bit millisecond
 * timestamp followed by 80 random bits, so that sorting ids sorts by creation time.
 */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Ids() {
    }

    public static String newId() {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        char[] out = new char[32];
        long millis = System.currentTimeMillis();
        for (int i = 11; i >= 0; i--) {
            out[i] = HEX[(int) (millis & 0xf)];
            millis >>>= 4;
        }
        for (int i = 0; i < random.length; i++) {
            out[12 + 2 * i] = HEX[(random[i] >> 4) & 0xf];
            out[13 + 2 * i] = HEX[random[i] & 0xf];
        }
        return new String(out);
    }

    /** True for a string that could be an id this service issued; anything else can never match a record. */
    public static boolean isWellFormed(String value) {
        return value != null && ID.matcher(value).matches();
    }
}
