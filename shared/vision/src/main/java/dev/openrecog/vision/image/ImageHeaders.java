package dev.openrecog.vision.image;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads the few container facts the decoders do not report: EXIF orientation, whether a JPEG is progressive,
 * whether a WebP's RIFF container is complete, and HTML markup hidden in the first bytes. Every read is bounded by
 * the array; nothing here decodes pixels.
 */
final class ImageHeaders {
    /** Browsers that sniff content look at the first 512 to 1024 bytes. */
    private static final int POLYGLOT_WINDOW = 1024;
    /** Tags that make a browser render or run the content, each to be followed by a tag delimiter. */
    private static final String[] MARKUP_TAGS = {
        "<!doctype", "<html", "<head", "<body", "<script", "<iframe", "<object", "<embed", "<svg", "<img", "<meta",
        "<form", "<style", "<link", "<base"
    };
    private static final String[] MARKUP_TEXT = {"<?php", "<a href", "javascript:"};

    private ImageHeaders() {
    }

    /** What the container says beyond the pixels. */
    static final class Info {
        final int orientation;
        final boolean progressive;
        /** The number of scans of a progressive JPEG (each one is decoded in full), else 1. */
        final int scans;
        final boolean truncated;

        Info(int orientation, boolean progressive, int scans, boolean truncated) {
            this.orientation = orientation;
            this.progressive = progressive;
            this.scans = scans;
            this.truncated = truncated;
        }
    }

    static Info read(ImageFormat format, byte[] b) {
        switch (format) {
            case JPEG:
                return jpeg(b);
            case TIFF:
                return new Info(tiffOrientation(b, 0, b.length), false, 1, false);
            case WEBP:
                return webp(b);
            default:
                return new Info(1, false, 1, false);
        }
    }

    /** The HTML or script token found in the first bytes, or {@code null}: an image/HTML polyglot. */
    static String markup(byte[] b) {
        int n = Math.min(b.length, POLYGLOT_WINDOW);
        String head = new String(b, 0, n, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        for (String token : MARKUP_TEXT) {
            if (head.contains(token)) {
                return token;
            }
        }
        for (String tag : MARKUP_TAGS) {
            for (int at = head.indexOf(tag); at >= 0; at = head.indexOf(tag, at + 1)) {
                int next = at + tag.length();
                if (next < head.length() && isTagDelimiter(head.charAt(next))) {
                    return tag + head.charAt(next);
                }
            }
        }
        return null;
    }

    private static boolean isTagDelimiter(char c) {
        return c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    /**
     * Walks the JPEG markers: APP1 EXIF orientation and the frame type up to the first scan; for a progressive JPEG
     * on through the entropy-coded data to count its scans.
     */
    private static Info jpeg(byte[] b) {
        int orientation = 0;
        boolean progressive = false;
        int scans = 0;
        int i = 2;
        int n = b.length;
        while (i + 1 < n) {
            if ((b[i] & 0xFF) != 0xFF) {
                break; // not a marker: leave the verdict to the decoder
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            i += 2;
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD8) {
                continue; // markers without a length
            }
            if (marker == 0xD9 || i + 2 > n) {
                break;
            }
            int length = u16be(b, i);
            if (length < 2 || i + length > n) {
                break;
            }
            int start = i + 2;
            int size = length - 2;
            if (marker == 0xE1 && orientation == 0 && scans == 0 && size >= 14 && ImageFormat.ascii(b, start, "Exif")
                    && b[start + 4] == 0 && b[start + 5] == 0) {
                orientation = tiffOrientation(b, start + 6, size - 6);
            } else if (isStartOfFrame(marker) && scans == 0) {
                progressive = marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE;
            }
            i += length;
            if (marker == 0xDA) {
                scans++;
                if (!progressive) {
                    break; // a sequential JPEG decodes each scan once: nothing more to learn
                }
                i = skipEntropyCodedData(b, i);
            }
        }
        return new Info(orientation == 0 ? 1 : orientation, progressive, Math.max(1, scans), false);
    }

    /** The position of the next marker after entropy-coded data (stuffed 0xFF00 and restart markers skipped). */
    private static int skipEntropyCodedData(byte[] b, int i) {
        int n = b.length;
        while (i + 1 < n) {
            if (b[i] != (byte) 0xFF) {
                i++;
                continue;
            }
            int next = b[i + 1] & 0xFF;
            if (next == 0x00 || next >= 0xD0 && next <= 0xD7) {
                i += 2;
            } else if (next == 0xFF) {
                i++;
            } else {
                return i;
            }
        }
        return n;
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /** RIFF length against the bytes present, and the orientation in an EXIF chunk of an extended WebP. */
    private static Info webp(byte[] b) {
        long declared = 8 + ImageFormat.le32(b, 4);
        boolean truncated = declared > b.length;
        int orientation = 1;
        if (ImageFormat.ascii(b, 12, "VP8X")) {
            long end = Math.min(declared, b.length);
            long i = 12;
            while (i + 8 <= end) {
                long size = ImageFormat.le32(b, (int) i + 4);
                long start = i + 8;
                if (start + size > end) {
                    break;
                }
                if (ImageFormat.ascii(b, (int) i, "EXIF")) {
                    int at = (int) start;
                    int len = (int) size;
                    if (len >= 6 && ImageFormat.ascii(b, at, "Exif") && b[at + 4] == 0 && b[at + 5] == 0) {
                        at += 6;
                        len -= 6;
                    }
                    orientation = tiffOrientation(b, at, len);
                    break;
                }
                i = start + size + (size & 1);
            }
        }
        return new Info(orientation, false, 1, truncated);
    }

    /**
     * The Orientation tag (0x0112) of the first IFD of the TIFF structure at {@code [off, off + len)}, 1 when it is
     * absent or invalid.
     */
    static int tiffOrientation(byte[] b, int off, int len) {
        if (off < 0 || len < 8 || off + len > b.length) {
            return 1;
        }
        boolean little;
        if (b[off] == 'I' && b[off + 1] == 'I') {
            little = true;
        } else if (b[off] == 'M' && b[off + 1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        if (u16(b, off + 2, little) != 42) {
            return 1;
        }
        long ifd = u32(b, off + 4, little);
        if (ifd < 8 || ifd + 2 > len) {
            return 1;
        }
        int at = off + (int) ifd;
        int count = u16(b, at, little);
        for (int k = 0; k < count; k++) {
            int e = at + 2 + 12 * k;
            if (e + 12 > off + len) {
                break;
            }
            if (u16(b, e, little) == 0x0112) {
                int type = u16(b, e + 2, little);
                long value;
                if (type == 3) {
                    value = u16(b, e + 8, little);
                } else if (type == 4) {
                    value = u32(b, e + 8, little);
                } else {
                    return 1;
                }
                return value >= 1 && value <= 8 ? (int) value : 1;
            }
        }
        return 1;
    }

    private static int u16be(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    private static int u16(byte[] b, int i, boolean little) {
        return little ? (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 : u16be(b, i);
    }

    private static long u32(byte[] b, int i, boolean little) {
        if (little) {
            return ImageFormat.le32(b, i);
        }
        return (b[i] & 0xFFL) << 24 | (b[i + 1] & 0xFFL) << 16 | (b[i + 2] & 0xFFL) << 8 | (b[i + 3] & 0xFFL);
    }
}
