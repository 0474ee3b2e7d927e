package dev.openrecog.vision.image;

/**
 * The image formats the service accepts. A format is told from the content's leading magic bytes only
 * ({@link #sniff(byte[])}), never from a file name, an extension or a declared content type.
 */
public enum ImageFormat {
    JPEG("image/jpeg"),
    PNG("image/png"),
    WEBP("image/webp"),
    BMP("image/bmp"),
    TIFF("image/tiff");

    /** The formats named in error messages, in the order users know them. */
    static final String SUPPORTED = "JPEG, PNG, WebP, BMP, TIFF";

    private final String mimeType;

    ImageFormat(String mimeType) {
        this.mimeType = mimeType;
    }

    /** The media type of the format, for instance {@code image/jpeg}. */
    public String mimeType() {
        return mimeType;
    }

    /**
     * The format whose signature starts {@code bytes}, or {@code null} when none does. Only offset 0 counts: a file
     * that starts with anything else (HTML followed by a JPEG, say) is not an image.
     */
    public static ImageFormat sniff(byte[] bytes) {
        int n = bytes.length;
        if (n >= 3 && u8(bytes, 0) == 0xFF && u8(bytes, 1) == 0xD8 && u8(bytes, 2) == 0xFF) {
            return JPEG;
        }
        if (n >= 8 && u8(bytes, 0) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G'
                && bytes[4] == '\r' && bytes[5] == '\n' && bytes[6] == 0x1A && bytes[7] == '\n') {
            return PNG;
        }
        if (n >= 16 && ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WEBP")
                && (ascii(bytes, 12, "VP8 ") || ascii(bytes, 12, "VP8L") || ascii(bytes, 12, "VP8X"))) {
            return WEBP;
        }
        if (n >= 18 && bytes[0] == 'B' && bytes[1] == 'M' && isBmpInfoHeaderSize(le32(bytes, 14))) {
            return BMP;
        }
        if (n >= 8 && ((bytes[0] == 'I' && bytes[1] == 'I' && bytes[2] == 42 && bytes[3] == 0)
                || (bytes[0] == 'M' && bytes[1] == 'M' && bytes[2] == 0 && bytes[3] == 42))) {
            return TIFF;
        }
        return null;
    }

    /** The sizes of the BMP info headers that exist (core, OS/2 v1/v2, Windows v1..v5), which "BM" text lacks. */
    private static boolean isBmpInfoHeaderSize(long size) {
        return size == 12 || size == 16 || size == 40 || size == 52 || size == 56 || size == 64 || size == 108
                || size == 124;
    }

    static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    static long le32(byte[] b, int i) {
        return (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24;
    }

    static boolean ascii(byte[] b, int at, String s) {
        if (at < 0 || at + s.length() > b.length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[at + i] != (byte) s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
