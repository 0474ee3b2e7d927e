package dev.openrecog.rpc.auth;

import dev.openrecog.domain.ErrorCode;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** What both signature versions share: encoding, hashing, canonical parameters, timestamps. */
final class Signing {
    /** How far a signed timestamp may be from the server's clock, either way. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);

    private static final Pattern ISO_UTC = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");
    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();
    private static final char[] HEX_LOWER = "0123456789abcdef".toCharArray();

    private Signing() {
    }

    /**
     * Percent-encodes as Alibaba Cloud signs (RFC 3986 over UTF-8): only {@code A-Z a-z 0-9 - _ . ~}
     * stay as they are; everything else, space and {@code *} included, becomes {@code %XY}.
     */
    static String percentEncode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX_UPPER[c >> 4]).append(HEX_UPPER[c & 0xF]);
            }
        }
        return out.toString();
    }

    static String lowerHex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX_LOWER[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX_LOWER[bytes[i] & 0xF];
        }
        return new String(out);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static byte[] hmac(String algorithm, String key, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    /** Compares two signatures in time that depends on their length only, never on where they differ. */
    static boolean constantTimeEquals(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}; null when the text is not of that form. */
    static Instant parseUtcTimestamp(String text) {
        if (!ISO_UTC.matcher(text).matches()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Null when {@code timestamp} is within the allowed skew of {@code clock}, else the refusal. */
    static SignatureVerdict checkFreshness(Instant timestamp, String text, Clock clock) {
        Instant now = clock.instant();
        Duration skew = Duration.between(timestamp, now).abs();
        if (skew.compareTo(MAX_CLOCK_SKEW) > 0) {
            return SignatureVerdict.refused(ErrorCode.INVALID_TIMESTAMP_EXPIRED, "The specified time stamp "
                + text + " is more than " + MAX_CLOCK_SKEW.toMinutes() + " minutes away from the server time "
                + now + "; sign requests with the current UTC time.");
        }
        return null;
    }

    /** A parameter given several times with different values: no signed request looks like that. */
    static final class ConflictingParameter extends Exception {
        private static final long serialVersionUID = 1L;
        final String name;

        ConflictingParameter(String name) {
            super(name, null, false, false);
            this.name = name;
        }
    }

    /**
     * Sorts parameters by name (as the official clients do) and folds a name given several times with
     * one value into that value, as the operations read it.
     *
     * @throws ConflictingParameter when a name carries different values
     */
    static TreeMap<String, String> canonicalParameters(List<Map<String, List<String>>> sources, String excluded)
        throws ConflictingParameter {
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map<String, List<String>> source : sources) {
            for (Map.Entry<String, List<String>> entry : source.entrySet()) {
                if (entry.getKey().equals(excluded)) {
                    continue;
                }
                for (String value : entry.getValue()) {
                    String previous = sorted.putIfAbsent(entry.getKey(), value);
                    if (previous != null && !previous.equals(value)) {
                        throw new ConflictingParameter(entry.getKey());
                    }
                }
            }
        }
        return sorted;
    }

    /** {@code name=value&...} with both percent-encoded, in the map's order. */
    static String canonicalQuery(Map<String, String> sorted) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> entry : sorted.entrySet()) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(percentEncode(entry.getKey())).append('=').append(percentEncode(entry.getValue()));
        }
        return out.toString();
    }

    static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
