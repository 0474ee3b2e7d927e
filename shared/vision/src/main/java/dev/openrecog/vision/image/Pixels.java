package dev.openrecog.vision.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;

/**
 * Turns whatever a reader produced into packed B, G, R bytes, and applies an EXIF orientation. Works on whole rows
 * or on the raster's backing array, never pixel by pixel through {@code getRGB}. Transparency is composited over
 * white (a dark logo on a transparent background stays visible). Grey stays grey: samples are copied, not passed
 * through Java2D's linear-grey colour conversion.
 */
final class Pixels {
    private Pixels() {
    }

    static byte[] toBgr(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        ColorModel cm = image.getColorModel();
        if (isCompactBgr(image)) {
            return ((DataBufferByte) raster.getDataBuffer()).getData();
        }
        ColorSpace cs = cm.getColorSpace();
        boolean grey = cs.getType() == ColorSpace.TYPE_GRAY && cm.getNumColorComponents() == 1;
        boolean rgb = cs.isCS_sRGB() && cm.getNumColorComponents() == 3;
        if (cm instanceof IndexColorModel) {
            return fromIndexed(raster, (IndexColorModel) cm, w, h);
        }
        if ((grey || rgb) && cm instanceof ComponentColorModel && raster.getDataBuffer() instanceof DataBufferByte
                && raster.getSampleModel() instanceof PixelInterleavedSampleModel && raster.getNumBands() == cm
                        .getNumComponents() && allBits(cm, 8)) {
            return fromInterleavedBytes(raster, cm, w, h, grey);
        }
        if ((grey || rgb) && (cm instanceof ComponentColorModel || cm instanceof DirectColorModel)
                && raster.getNumBands() == cm.getNumComponents() && maxBits(cm) <= 16) {
            return fromSamples(raster, cm, w, h, grey);
        }
        return throughJava2d(image, w, h);
    }

    /** The reader's own array is already what we want: TYPE_3BYTE_BGR, not a child raster, no padding. */
    private static boolean isCompactBgr(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            return false;
        }
        Raster r = image.getRaster();
        if (!(r.getDataBuffer() instanceof DataBufferByte) || !(r.getSampleModel() instanceof PixelInterleavedSampleModel)
                || r.getParent() != null || r.getSampleModelTranslateX() != 0 || r.getSampleModelTranslateY() != 0) {
            return false;
        }
        DataBufferByte db = (DataBufferByte) r.getDataBuffer();
        PixelInterleavedSampleModel sm = (PixelInterleavedSampleModel) r.getSampleModel();
        int[] offsets = sm.getBandOffsets();
        return db.getNumBanks() == 1 && db.getOffset() == 0 && sm.getPixelStride() == 3
                && sm.getScanlineStride() == 3 * r.getWidth() && offsets[0] == 2 && offsets[1] == 1 && offsets[2] == 0
                && db.getData().length == 3 * r.getWidth() * r.getHeight();
    }

    private static boolean allBits(ColorModel cm, int bits) {
        for (int size : cm.getComponentSize()) {
            if (size != bits) {
                return false;
            }
        }
        return true;
    }

    private static int maxBits(ColorModel cm) {
        int max = 0;
        for (int size : cm.getComponentSize()) {
            max = Math.max(max, size);
        }
        return max;
    }

    /** 8-bit grey, grey+alpha, RGB or RGBA in one interleaved byte array, any band order. */
    private static byte[] fromInterleavedBytes(Raster raster, ColorModel cm, int w, int h, boolean grey) {
        PixelInterleavedSampleModel sm = (PixelInterleavedSampleModel) raster.getSampleModel();
        DataBufferByte db = (DataBufferByte) raster.getDataBuffer();
        byte[] src = db.getData(sm.getBankIndices()[0]);
        int stride = sm.getPixelStride();
        int scanline = sm.getScanlineStride();
        int[] off = sm.getBandOffsets();
        int base = db.getOffsets()[sm.getBankIndices()[0]]
                + (raster.getMinY() - raster.getSampleModelTranslateY()) * scanline
                + (raster.getMinX() - raster.getSampleModelTranslateX()) * stride;
        boolean alpha = cm.hasAlpha();
        boolean premultiplied = cm.isAlphaPremultiplied();
        int oR = off[0];
        int oG = grey ? off[0] : off[1];
        int oB = grey ? off[0] : off[2];
        int oA = alpha ? off[grey ? 1 : 3] : 0;
        byte[] out = new byte[w * h * 3];
        int o = 0;
        for (int y = 0; y < h; y++) {
            int p = base + y * scanline;
            if (!alpha) {
                for (int x = 0; x < w; x++, p += stride) {
                    out[o++] = src[p + oB];
                    out[o++] = src[p + oG];
                    out[o++] = src[p + oR];
                }
            } else {
                for (int x = 0; x < w; x++, p += stride) {
                    int a = src[p + oA] & 0xFF;
                    out[o++] = overWhite(src[p + oB] & 0xFF, a, premultiplied);
                    out[o++] = overWhite(src[p + oG] & 0xFF, a, premultiplied);
                    out[o++] = overWhite(src[p + oR] & 0xFF, a, premultiplied);
                }
            }
        }
        return out;
    }

    /** Any grey or sRGB component or packed model up to 16 bits a sample (16-bit PNG, int-packed RGB), by rows. */
    private static byte[] fromSamples(Raster raster, ColorModel cm, int w, int h, boolean grey) {
        int bands = raster.getNumBands();
        int[] bits = cm.getComponentSize();
        int[] max = new int[bands];
        for (int b = 0; b < bands; b++) {
            max[b] = (1 << bits[b]) - 1;
        }
        boolean alpha = cm.hasAlpha();
        boolean premultiplied = cm.isAlphaPremultiplied();
        int aBand = bands - 1;
        int[] row = new int[w * bands];
        byte[] out = new byte[w * h * 3];
        int o = 0;
        int x0 = raster.getMinX();
        int y0 = raster.getMinY();
        for (int y = 0; y < h; y++) {
            raster.getPixels(x0, y0 + y, w, 1, row);
            for (int x = 0, p = 0; x < w; x++, p += bands) {
                int r = scale(row[p], max[0]);
                int g = grey ? r : scale(row[p + 1], max[1]);
                int b = grey ? r : scale(row[p + 2], max[2]);
                if (alpha) {
                    int a = scale(row[p + aBand], max[aBand]);
                    out[o++] = overWhite(b, a, premultiplied);
                    out[o++] = overWhite(g, a, premultiplied);
                    out[o++] = overWhite(r, a, premultiplied);
                } else {
                    out[o++] = (byte) b;
                    out[o++] = (byte) g;
                    out[o++] = (byte) r;
                }
            }
        }
        return out;
    }

    /** Palette images (any bit depth): indices by rows, looked up in a palette already composited over white. */
    private static byte[] fromIndexed(Raster raster, IndexColorModel cm, int w, int h) {
        int lutSize = 1 << Math.min(16, Math.max(1, cm.getPixelSize()));
        int mask = lutSize - 1;
        byte[] lutB = new byte[lutSize];
        byte[] lutG = new byte[lutSize];
        byte[] lutR = new byte[lutSize];
        int entries = Math.min(cm.getMapSize(), lutSize);
        for (int i = 0; i < entries; i++) {
            int a = cm.getAlpha(i);
            lutR[i] = overWhite(cm.getRed(i), a, false);
            lutG[i] = overWhite(cm.getGreen(i), a, false);
            lutB[i] = overWhite(cm.getBlue(i), a, false);
        }
        int[] row = new int[w];
        byte[] out = new byte[w * h * 3];
        int o = 0;
        int x0 = raster.getMinX();
        int y0 = raster.getMinY();
        for (int y = 0; y < h; y++) {
            raster.getSamples(x0, y0 + y, w, 1, 0, row);
            for (int x = 0; x < w; x++) {
                int i = row[x] & mask;
                out[o++] = lutB[i];
                out[o++] = lutG[i];
                out[o++] = lutR[i];
            }
        }
        return out;
    }

    /** Other colour spaces (CMYK, embedded ICC profiles, linear RGB): one Java2D draw onto white. */
    private static byte[] throughJava2d(BufferedImage image, int w, int h) {
        BufferedImage target = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = target.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return ((DataBufferByte) target.getRaster().getDataBuffer()).getData();
    }

    private static int scale(int sample, int max) {
        return max == 255 ? sample : (sample * 255 + max / 2) / max;
    }

    private static byte overWhite(int c, int a, boolean premultiplied) {
        if (a == 255) {
            return (byte) c;
        }
        int v = premultiplied ? c + 255 - a : (c * a + 255 * (255 - a) + 127) / 255;
        return (byte) Math.min(255, v);
    }

    /** Whether an EXIF orientation swaps width and height. */
    static boolean transposes(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /** Whether the upright x axis runs against its stored axis (the stored y axis when transposed). */
    static boolean flipsX(int orientation) {
        return orientation == 2 || orientation == 3 || orientation == 6 || orientation == 7;
    }

    /** Whether the upright y axis runs against its stored axis (the stored x axis when transposed). */
    static boolean flipsY(int orientation) {
        return orientation == 3 || orientation == 4 || orientation == 7 || orientation == 8;
    }

    /** The upright pixels of a stored {@code w x h} BGR image with the given EXIF orientation. */
    static byte[] orient(byte[] src, int w, int h, int orientation) {
        if (orientation == 1) {
            return src;
        }
        boolean transpose = transposes(orientation);
        boolean flipX = flipsX(orientation);
        boolean flipY = flipsY(orientation);
        int dw = transpose ? h : w;
        int dh = transpose ? w : h;
        byte[] out = new byte[src.length];
        int o = 0;
        for (int dy = 0; dy < dh; dy++) {
            int b = flipY ? dh - 1 - dy : dy;
            for (int dx = 0; dx < dw; dx++) {
                int a = flipX ? dw - 1 - dx : dx;
                int sx = transpose ? b : a;
                int sy = transpose ? a : b;
                int p = (sy * w + sx) * 3;
                out[o++] = src[p];
                out[o++] = src[p + 1];
                out[o++] = src[p + 2];
            }
        }
        return out;
    }
}
