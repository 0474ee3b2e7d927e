package dev.openrecog.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Values a hostile or careless caller sends: boundaries, wrong types, unicode that breaks naive code,
 * injection-shaped text and sizes far over every limit. Every choice comes from the caller's
 * {@link Random}, so a seed replays the same values.
 */
final class Hostile {
    /** The byte limits of docs and Params: names 64, descriptions and ProjectName 128, EntityInfo and LabelPrompt 256. */
    static final int[] BYTE_LIMITS = {64, 128, 256};
    static final int MAX_IMAGE_URL_CHARS = 2048;
    static final int MAX_KEY_BYTES = 1023;
    static final int MAX_BODY_BYTES = 1 << 20;

    static final List<String> NUMBERS = List.of("0", "-1", "1", "2", "10", "49", "50", "51", "100", "101", "2147483647",
        "2147483648", "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "1e3", "1.5", "0x10", " 5 ", "+5", "05", "٣", "５", "NaN", "Infinity", "-0", "1_000", "", " ", "one", "1,2",
        "99999999999999999999999999999999");

    static final List<String> FRACTIONS = List.of("0", "1", "0.35", "0.5", "-0.0", "1.0000001", "-0.1", "NaN", "Infinity",
        "-Infinity", "1e-400", "1e400", "0x1p-3", "1d", ".5", "5.", "0,5", "", "2", "4.9e-324", "true");

    static final List<String> ALGORITHMS = List.of("face", "logo", "landmark", "object", "label", "FACE", " face", "face ",
        "face\u0000", "faces", "fac", "Face", "f\u0430ce", "ﬁace", "*", "%", "face,logo", "any", "");

    static final List<String> LANGUAGES = List.of("en", "zh-Hans", "EN", "zh-hans", " en ", "zh-Hant", "zh", "fr", "en-US",
        "en\u0000", "", "\u202Een");

    /** Text that has broken naive code somewhere: each is tried wherever a text parameter goes. */
    static final List<String> TEXTS = List.of(
        "", " ", "\t", "\n", "\r\n", "\u00A0", "\u3000", "\u200B", "\uFEFF",
        "e\u0301", "Z\u0335\u0321\u0322\u0327\u0328\u0334\u0336\u0337\u0338\u0300\u0301\u0302\u0303\u0304\u0305",
        "\u202Eevil\u202C", "\u05E9\u05DC\u05D5\u05DD", "\u0627\u0644\u0633\u0644\u0627\u0645", "👩‍👩‍👧‍👦", "🏳️‍🌈", "\uD83D\uDE00",
        "\uD800", "\uDFFF", "\uDC00\uD800", "a\uD800b", "\u0000", "a\u0000b", "\u0001\u001F\u007F", "\u2028\u2029", "\uFFFF",
        "\uFFFD", "\uE000", "員工", "ｆａｃｅ",
        "' OR '1'='1", "\"; DROP TABLE openrecog; --", "{\"$ne\":null}", "\"},\"LibId\":\"x", "\\", "\\\"", "%00", "%23", "%25",
        "#", "##", "T#", "T#other#A#face", "#COUNT", "L#", "E#", "S#", "PURGE", "T#a%23b#L#", "A#face", "#N#",
        "attribute_exists(pk)", ":delta", "#counter", "${jndi:ldap://127.0.0.1/a}", "<script>alert(1)</script>",
        "../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f", "file:///etc/passwd", "null", "undefined", "true", "[]",
        "{}", "ANY", "any", "*");

    static final List<String> JSON_INFOS = List.of("{}", "[]", "1", "\"s\"", "null", "true", "{\"team\":\"blue\"}",
        "{\"a\":1,\"a\":2}", "{", "{}}", "{} {}", "NaN", "'a'", "{\"a\":1,}", "[1,2", "\"\\ud800\"", "{\"\u0000\":1}", " {} ",
        "/* */ {}", "[" + "[".repeat(127) + "]".repeat(128));

    /** The cloud metadata address: the fetcher refuses it before connecting, as every internal host. */
    private static final String METADATA_URL = "http://169.254.169.254/";

    /**
     * ImageUrls of every form. The hosts are all internal (loopback, link-local, private) or no host at all, which the
     * fetcher refuses before connecting: the fuzz never makes the server try the internet.
     */
    static final List<String> IMAGE_URLS = List.of("https://127.0.0.1/a.jpg", "http://10.0.0.1/a.jpg",
        "oss://photos/dog.jpg", "s3://photos/dog.jpg", "HTTPS://127.0.0.1/A.JPG", "http://127.0.0.1/a.jpg",
        METADATA_URL + "latest/meta-data/", "http://[::1]/a.jpg", "http://localhost:8080/a.jpg", "file:///etc/passwd",
        "gopher://127.0.0.1/_x", "javascript:alert(1)", "data:image/png;base64,iVBORw0KGgo=", "ftp://127.0.0.1/a.jpg",
        "http:///a.jpg", "http://192.168.0.1", "http://192.168.0.1/", "http://user:pass@127.0.0.1/a.jpg",
        "http://2130706433/a.jpg", "http://0177.0.0.1/a.jpg", "http://[::ffff:169.254.169.254]/a.jpg",
        "https://127.0.0.1/画像.jpg", "http://127.0.0.1/b c", "http://127.0.0.1/%zz", "oss://b/../../etc/passwd",
        "s3://photos/../../../etc/passwd", "http://127.0.0.1/a.jpg#frag", "//127.0.0.1/a.jpg", "127.0.0.1/a.jpg", "\u0000",
        METADATA_URL + "a".repeat(MAX_IMAGE_URL_CHARS - METADATA_URL.length()), METADATA_URL + "a".repeat(MAX_IMAGE_URL_CHARS),
        METADATA_URL + "画".repeat(MAX_IMAGE_URL_CHARS - METADATA_URL.length()));

    /** SourceURI values that aim outside the object folder, at nothing, or at the key scheme; no public host. */
    static final List<String> SOURCE_URIS = List.of("oss://b/../../etc/passwd", "oss://photos/../../etc/passwd",
        "oss://photos/..", "oss://photos/../secret/dog.jpg", "oss://photos/%2e%2e/%2e%2e/etc/passwd", "oss://photos/./dog.jpg",
        "oss://photos//etc/passwd", "oss://photos/dog.jpg/..", "oss://photos/", "oss://photos", "oss://", "oss:///dog.jpg",
        "s3://photos/..%2f..%2fetc%2fpasswd", "oss://../dog.jpg", "oss://photos/..\\..\\etc\\passwd", "file:///etc/passwd",
        "file://photos/dog.jpg", "http://127.0.0.1/photos/dog.jpg", "/etc/passwd", "photos/dog.jpg", "OSS://photos/dog.jpg",
        "oss://PHOTOS/dog.jpg", "oss://photos/dog.jpg\u0000.png", "oss://photos/dog.jpg#O#S3#photos#dog.jpg",
        "oss://photos/missing.jpg", "oss://photos/sub", "oss://photos/empty.jpg", "oss://photos/text.jpg",
        "oss://photos/truncated.jpg", "oss://photos/huge.jpg", "oss://photos/polyglot.jpg", "oss://secret/dog.jpg",
        "oss://ph/dog.jpg", "oss://" + "b".repeat(64) + "/dog.jpg", "oss://photos/" + "k".repeat(MAX_KEY_BYTES),
        "oss://photos/" + "k".repeat(MAX_KEY_BYTES + 1), "oss://photos/" + "画".repeat(342), "oss://photos/\uD800.jpg",
        "s3://photos/dog.jpg", "oss://photos/dog.jpg?versionId=1", "oss://photos/%64og.jpg");

    private Hostile() {
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Text of exactly {@code bytes} UTF-8 bytes (or one more), in ASCII, 3-byte CJK or 4-byte emoji. */
    static String ofBytes(Random random, int bytes) {
        String unit = pick(random, List.of("a", "員", "😀", "é"));
        int unitBytes = unit.getBytes(StandardCharsets.UTF_8).length;
        String text = unit.repeat(bytes / unitBytes) + "a".repeat(bytes % unitBytes);
        return random.nextBoolean() ? text : text + "a";
    }

    /** A value over a megabyte, as no parameter takes. */
    static String huge(Random random) {
        return pick(random, List.of("a", "員", ",", "#", "%", "\u0301")).repeat(MAX_BODY_BYTES + random.nextInt(1024));
    }

    /** Any of the hostile texts, or a text at or over a byte limit. */
    static String text(Random random) {
        return random.nextInt(100) < 60 ? pick(random, TEXTS) : ofBytes(random, BYTE_LIMITS[random.nextInt(BYTE_LIMITS.length)]);
    }

    /** A ClientToken as the idempotency work will take it (an ASCII token of up to 64 characters), or not. */
    static String clientToken(Random random) {
        return pick(random, List.of("token-1", "token-2", "0b6e0d1c-7c4f-4a57-9d2f-3f1f5c2e9a11", "t".repeat(64), "t".repeat(65),
            "", " ", "tök€n", "\u0000", "a,b", "token-1 "));
    }

    /** A comma list of the given ids as a caller could spell it: repeats, blanks, padding, too many. */
    static String idList(Random random, List<String> ids, int maxIds) {
        List<String> list = new ArrayList<>(ids);
        int roll = random.nextInt(8);
        switch (roll) {
            case 0 -> list.add(list.isEmpty() ? randomId(random) : list.get(0));
            case 1 -> list.add("");
            case 2 -> {
                while (list.size() <= maxIds) {
                    list.add(randomId(random));
                }
            }
            case 3 -> {
                while (list.size() < maxIds) {
                    list.add(randomId(random));
                }
            }
            default -> {
            }
        }
        Function<String, String> pad = roll == 4 ? id -> " " + id + " " : id -> id;
        return String.join(roll == 5 ? ", " : ",", list.stream().map(pad).toList());
    }

    /** A well-formed id that no record has. */
    static String randomId(Random random) {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            id.append(Character.forDigit(random.nextInt(16), 16));
        }
        return id.toString();
    }

    /** An id spelled wrong: case, length, padding, or not hex at all. */
    static String malformedId(Random random, String id) {
        return pick(random, List.of(id.toUpperCase(), id.substring(1), id + "0", " " + id, id + "\n", id.replace('a', 'g'),
            id + "#", "L#" + id, id + "%00", "0x" + id.substring(2), id.substring(0, 16) + "#" + id.substring(17)));
    }

    /** Bytes that are not UTF-8: a lone continuation byte, an overlong '/', a CESU-8 surrogate, a truncated sequence. */
    static byte[] invalidUtf8(Random random) {
        return pick(random, List.of(new byte[]{(byte) 0x80}, new byte[]{(byte) 0xC0, (byte) 0xAF}, new byte[]{(byte) 0xFF},
            new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[]{(byte) 0xE6, (byte) 0x97}, new byte[]{(byte) 0xC3, 0x28},
            new byte[]{(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}));
    }
}
