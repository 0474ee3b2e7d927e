package dev.openrecog.vision.instance;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Query images made from a registered image by a known geometric and photometric change, with the truth: where the
 * original's outline lands in the query. Every geometric change is a homography from original to query pixels
 * (crop, rotation, scale, perspective, inset), so the truth box is the original's corners mapped through it.
 */
public final class QueryImages {
    private QueryImages() {
    }

    /** One way of making a query from an original. */
    public enum Change {
        CROP_CENTER("crop: middle 60% of each side"),
        CROP_CORNER("crop: 55% x 60% off-centre"),
        CROP_TIGHT("crop: middle 35% of each side"),
        ROTATE_15("rotated 15 degrees, canvas grown"),
        ROTATE_90("rotated 90 degrees"),
        HALF("scaled to 50%"),
        QUARTER("scaled to 25%"),
        UPSCALE("scaled to 150%"),
        PERSPECTIVE("perspective: top edge 70% as wide"),
        STEEP("perspective: top edge 45% as wide"),
        BRIGHTER("brightness x1.3 + 30"),
        DARKER("brightness x0.55"),
        JPEG_30("re-encoded as JPEG quality 30"),
        COMBINED("crop 80%, rotated -10 degrees, 70%, JPEG 50"),
        INSET("scaled to 40% on a cluttered canvas"),
        INSET_SMALL("scaled to 20% on a cluttered canvas");

        public final String description;

        Change(String description) {
            this.description = description;
        }
    }

    /** A query's encoded bytes and the truth box {@code x1, y1, x2, y2} of the original in it. */
    public static final class Query {
        public final byte[] bytes;
        public final double[] truth;

        Query(byte[] bytes, double[] truth) {
            this.bytes = bytes;
            this.truth = truth;
        }
    }

    public static final List<Change> ALL = List.of(Change.values());

    public static Query make(BufferedImage original, Change change) {
        int w = original.getWidth();
        int h = original.getHeight();
        switch (change) {
            case CROP_CENTER:
                return warp(original, translate(-0.2 * w, -0.2 * h), (int) (0.6 * w), (int) (0.6 * h), null, 0.9f);
            case CROP_CORNER:
                return warp(original, translate(-0.1 * w, -0.25 * h), (int) (0.55 * w), (int) (0.6 * h), null, 0.9f);
            case CROP_TIGHT:
                return warp(original, translate(-0.325 * w, -0.325 * h), (int) (0.35 * w), (int) (0.35 * h), null,
                        0.9f);
            case ROTATE_15:
                return rotated(original, 15, 1, 0.9f);
            case ROTATE_90: {
                double[] m = {0, -1, h, 1, 0, 0, 0, 0, 1}; // (x, y) -> (h - y, x): a quarter turn clockwise
                return warp(original, m, h, w, null, 0.9f);
            }
            case HALF:
                return scaled(original, 0.5);
            case QUARTER:
                return scaled(original, 0.25);
            case UPSCALE:
                return scaled(original, 1.5);
            case PERSPECTIVE:
                return warp(original, keystone(w, h, 0.7), w, h, null, 0.9f);
            case STEEP:
                return warp(original, keystone(w, h, 0.45), w, h, null, 0.9f);
            case BRIGHTER:
                return encode(adjust(original, 1.3, 30), identity(), 0.9f);
            case DARKER:
                return encode(adjust(original, 0.55, 0), identity(), 0.9f);
            case JPEG_30:
                return encode(original, identity(), 0.3f);
            case COMBINED: {
                BufferedImage c = read(warp(original, translate(-0.1 * w, -0.1 * h), (int) (0.8 * w),
                        (int) (0.8 * h), null, -1).bytes);
                double[] m = multiply(rotation(c.getWidth(), c.getHeight(), -10, 0.7), translate(-0.1 * w, -0.1 * h));
                int[] size = rotatedSize(c.getWidth(), c.getHeight(), -10, 0.7);
                return new Query(rotated(c, -10, 0.7, 0.5f).bytes, truthBox(m, w, h, size[0], size[1]));
            }
            case INSET: {
                double[] m = multiply(translate(0.45 * w, 0.15 * h), scale(0.4));
                return warp(original, m, w, h, clutter(w, h, 7), 0.9f);
            }
            case INSET_SMALL: {
                double[] m = multiply(translate(0.1 * w, 0.6 * h), scale(0.2));
                return warp(original, m, w, h, clutter(w, h, 11), 0.9f);
            }
            default:
                throw new IllegalArgumentException(change.name());
        }
    }

    /** The encoded image on white: transparent icons look as they do on a page, and as a JPEG keeps them. */
    public static BufferedImage opaque(byte[] bytes) {
        BufferedImage image = read(bytes);
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }

    /** The image as the service receives it: encoded bytes, read back. */
    static BufferedImage read(byte[] bytes) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Intersection over union of two boxes {@code x1, y1, x2, y2}. */
    static double iou(double[] a, double[] b) {
        double iw = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
        double ih = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
        double inter = iw * ih;
        double union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
        return union <= 0 ? 0 : inter / union;
    }

    private static Query scaled(BufferedImage original, double s) {
        int w = original.getWidth();
        int h = original.getHeight();
        return warp(original, scale(s), (int) Math.round(w * s), (int) Math.round(h * s), null, 0.9f);
    }

    private static Query rotated(BufferedImage original, double degrees, double s, float quality) {
        double[] m = rotation(original.getWidth(), original.getHeight(), degrees, s);
        int[] size = rotatedSize(original.getWidth(), original.getHeight(), degrees, s);
        return warp(original, m, size[0], size[1], null, quality);
    }

    /** Rotation by {@code degrees} clockwise and scale {@code s} about the centre, onto a canvas that holds it all. */
    private static double[] rotation(int w, int h, double degrees, double s) {
        double a = Math.toRadians(degrees);
        double c = Math.cos(a) * s;
        double n = Math.sin(a) * s;
        int[] size = rotatedSize(w, h, degrees, s);
        double[] r = {c, -n, 0, n, c, 0, 0, 0, 1};
        return multiply(translate(size[0] / 2.0, size[1] / 2.0), multiply(r, translate(-w / 2.0, -h / 2.0)));
    }

    private static int[] rotatedSize(int w, int h, double degrees, double s) {
        double a = Math.toRadians(degrees);
        double c = Math.abs(Math.cos(a)) * s;
        double n = Math.abs(Math.sin(a)) * s;
        return new int[] {(int) Math.ceil(w * c + h * n), (int) Math.ceil(w * n + h * c)};
    }

    /** The homography that maps the rectangle onto a trapezoid whose top edge is {@code top} as wide, centred. */
    private static double[] keystone(int w, int h, double top) {
        // Solve for H mapping (0,0),(w,0),(w,h),(0,h) to (d,0),(w-d,0),(w,h),(0,h) with d = (1-top)/2 * w.
        double d = (1 - top) / 2 * w;
        double[][] src = {{0, 0}, {w, 0}, {w, h}, {0, h}};
        double[][] dst = {{d, 0}, {w - d, 0}, {w, h}, {0, h}};
        double[][] a = new double[8][9];
        for (int i = 0; i < 4; i++) {
            double x = src[i][0];
            double y = src[i][1];
            double u = dst[i][0];
            double v = dst[i][1];
            a[2 * i] = new double[] {x, y, 1, 0, 0, 0, -u * x, -u * y, u};
            a[2 * i + 1] = new double[] {0, 0, 0, x, y, 1, -v * x, -v * y, v};
        }
        double[] sol = solve(a);
        return new double[] {sol[0], sol[1], sol[2], sol[3], sol[4], sol[5], sol[6], sol[7], 1};
    }

    /** Gauss-Jordan elimination of an 8x9 augmented system. */
    private static double[] solve(double[][] a) {
        int n = 8;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double f = a[r][col] / a[col][col];
                    for (int k = col; k <= n; k++) {
                        a[r][k] -= f * a[col][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = a[i][n] / a[i][i];
        }
        return x;
    }

    /** Random grey blobs and lines: a busy background with its own keypoints, unlike any registered image. */
    private static BufferedImage clutter(int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = img.createGraphics();
        Random r = new Random(seed);
        g.setColor(new java.awt.Color(128, 128, 128));
        g.fillRect(0, 0, w, h);
        for (int i = 0; i < 150; i++) {
            g.setColor(new java.awt.Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
            int s = 5 + r.nextInt(Math.max(6, w / 10));
            if (r.nextBoolean()) {
                g.fillOval(r.nextInt(w), r.nextInt(h), s, s);
            } else {
                g.drawLine(r.nextInt(w), r.nextInt(h), r.nextInt(w), r.nextInt(h));
            }
        }
        g.dispose();
        return img;
    }

    private static BufferedImage adjust(BufferedImage src, double gain, double offset) {
        BufferedImage out = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < src.getHeight(); y++) {
            for (int x = 0; x < src.getWidth(); x++) {
                int p = src.getRGB(x, y);
                int rgb = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    int v = (int) Math.round(((p >> shift) & 0xFF) * gain + offset);
                    rgb |= Math.max(0, Math.min(255, v)) << shift;
                }
                out.setRGB(x, y, rgb);
            }
        }
        return out;
    }

    /**
     * Renders {@code src} through homography {@code m} (original to query pixels, pixel edges at integers) on a
     * {@code w x h} canvas (black, or {@code background}), 2x2 supersampled bilinear, and encodes it.
     */
    private static Query warp(BufferedImage src, double[] m, int w, int h, BufferedImage background, float quality) {
        double[] inv = invert(m);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int sw = src.getWidth();
        int sh = src.getHeight();
        int[] px = src.getRGB(0, 0, sw, sh, null, 0, sw);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double[] acc = new double[3];
                int inside = 0;
                for (int s = 0; s < 4; s++) {
                    double qx = x + 0.25 + 0.5 * (s & 1);
                    double qy = y + 0.25 + 0.5 * (s >> 1);
                    double z = inv[6] * qx + inv[7] * qy + inv[8];
                    double ox = (inv[0] * qx + inv[1] * qy + inv[2]) / z - 0.5;
                    double oy = (inv[3] * qx + inv[4] * qy + inv[5]) / z - 0.5;
                    if (ox < -0.5 || oy < -0.5 || ox > sw - 0.5 || oy > sh - 0.5) {
                        continue;
                    }
                    inside++;
                    int x0 = (int) Math.floor(Math.max(0, Math.min(sw - 1, ox)));
                    int y0 = (int) Math.floor(Math.max(0, Math.min(sh - 1, oy)));
                    int x1 = Math.min(sw - 1, x0 + 1);
                    int y1 = Math.min(sh - 1, y0 + 1);
                    double fx = Math.max(0, Math.min(1, ox - x0));
                    double fy = Math.max(0, Math.min(1, oy - y0));
                    for (int c = 0, shift = 16; c < 3; c++, shift -= 8) {
                        double top = ((px[y0 * sw + x0] >> shift) & 0xFF) * (1 - fx)
                                + ((px[y0 * sw + x1] >> shift) & 0xFF) * fx;
                        double bottom = ((px[y1 * sw + x0] >> shift) & 0xFF) * (1 - fx)
                                + ((px[y1 * sw + x1] >> shift) & 0xFF) * fx;
                        acc[c] += top * (1 - fy) + bottom * fy;
                    }
                }
                int bg = background == null ? 0 : background.getRGB(x, y);
                int rgb = 0;
                for (int c = 0, shift = 16; c < 3; c++, shift -= 8) {
                    double v = (acc[c] + ((bg >> shift) & 0xFF) * (4 - inside)) / 4;
                    rgb |= (int) Math.round(v) << shift;
                }
                out.setRGB(x, y, rgb);
            }
        }
        return encode(out, m, quality, src.getWidth(), src.getHeight());
    }

    private static Query encode(BufferedImage img, double[] m, float quality) {
        return encode(img, m, quality, img.getWidth(), img.getHeight());
    }

    /** JPEG at {@code quality}, or PNG when it is negative (an intermediate step that must not lose anything). */
    private static Query encode(BufferedImage img, double[] m, float quality, int originalWidth, int originalHeight) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (quality < 0) {
                ImageIO.write(img, "png", bytes);
            } else {
                ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
                try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                    writer.setOutput(out);
                    writer.write(null, new IIOImage(img, null, null), param);
                }
                writer.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Query(bytes.toByteArray(), truthBox(m, originalWidth, originalHeight, img.getWidth(),
                img.getHeight()));
    }

    /** The original's corners through {@code m}, bounding box clipped to the query. */
    static double[] truthBox(double[] m, int w, int h, int queryWidth, int queryHeight) {
        double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double[] c : new double[][] {{0, 0}, {w, 0}, {w, h}, {0, h}}) {
            double z = m[6] * c[0] + m[7] * c[1] + m[8];
            double x = (m[0] * c[0] + m[1] * c[1] + m[2]) / z;
            double y = (m[3] * c[0] + m[4] * c[1] + m[5]) / z;
            box[0] = Math.min(box[0], x);
            box[1] = Math.min(box[1], y);
            box[2] = Math.max(box[2], x);
            box[3] = Math.max(box[3], y);
        }
        return new double[] {Math.max(0, box[0]), Math.max(0, box[1]), Math.min(queryWidth, box[2]),
            Math.min(queryHeight, box[3])};
    }

    private static double[] identity() {
        return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
    }

    private static double[] translate(double dx, double dy) {
        return new double[] {1, 0, dx, 0, 1, dy, 0, 0, 1};
    }

    private static double[] scale(double s) {
        return new double[] {s, 0, 0, 0, s, 0, 0, 0, 1};
    }

    private static double[] multiply(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    c[3 * i + j] += a[3 * i + k] * b[3 * k + j];
                }
            }
        }
        return c;
    }

    private static double[] invert(double[] m) {
        double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
        double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
        return new double[] {
            (e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det,
            (f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det,
            (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det
        };
    }
}
