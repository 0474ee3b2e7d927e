package dev.openrecog.vision.face;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.RescaleOp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Edited copies of a photo, as a user's other pictures of the same people might differ: cropped, rotated, scaled,
 * brighter or darker, re-encoded at a low JPEG quality, mirrored, and all of that at once. Each copy is a JPEG and
 * carries the geometry that maps original pixels to its own, so a face found in it can be traced to the original's.
 * Deterministic: the random choices are seeded with the photo's number.
 */
public final class FaceTransforms {
    /** A copy: its JPEG bytes, original-to-copy geometry and size. */
    public record Transformed(byte[] jpeg, AffineTransform geometry, int width, int height) {
    }

    /** One kind of edit. */
    public record Transform(String name, Edit edit) {
        public Transformed apply(byte[] jpeg, long seed) {
            return edit.apply(read(jpeg), new Random(seed * 31 + name.hashCode()));
        }
    }

    public interface Edit {
        Transformed apply(BufferedImage image, Random random);
    }

    public static final List<Transform> ALL = List.of(
            new Transform("crop", (img, r) -> {
                int w = (int) (img.getWidth() * (0.7 + 0.2 * r.nextDouble()));
                int h = (int) (img.getHeight() * (0.7 + 0.2 * r.nextDouble()));
                int x = r.nextInt(img.getWidth() - w + 1);
                int y = r.nextInt(img.getHeight() - h + 1);
                return geometric(img, AffineTransform.getTranslateInstance(-x, -y), w, h, 90);
            }),
            new Transform("rotate +12°", (img, r) -> rotated(img, Math.toRadians(10 + 5 * r.nextDouble()))),
            new Transform("rotate -12°", (img, r) -> rotated(img, -Math.toRadians(10 + 5 * r.nextDouble()))),
            new Transform("scale 0.5", (img, r) -> scaled(img, 0.5)),
            new Transform("scale 1.5", (img, r) -> scaled(img, 1.5)),
            new Transform("brightness +30%", (img, r) -> jpeg(new RescaleOp(1.3f, 0, null).filter(img, null), 90)),
            new Transform("brightness -30%", (img, r) -> jpeg(new RescaleOp(0.7f, 0, null).filter(img, null), 90)),
            new Transform("JPEG q40", (img, r) -> jpeg(img, 40)),
            new Transform("JPEG q60", (img, r) -> jpeg(img, 60)),
            new Transform("mirrored", (img, r) -> {
                AffineTransform t = AffineTransform.getTranslateInstance(img.getWidth(), 0);
                t.scale(-1, 1);
                return geometric(img, t, img.getWidth(), img.getHeight(), 90);
            }),
            new Transform("all: rotate, scale 0.7, darker, q50", (img, r) -> {
                double s = 0.7;
                int w = (int) (img.getWidth() * s);
                int h = (int) (img.getHeight() * s);
                AffineTransform t = AffineTransform.getRotateInstance(Math.toRadians(r.nextBoolean() ? 10 : -10),
                        w / 2.0, h / 2.0);
                t.scale(s, s);
                BufferedImage dark = new RescaleOp(0.75f, 0, null).filter(img, null);
                return geometric(dark, t, w, h, 50);
            }));

    private FaceTransforms() {
    }

    private static Transformed rotated(BufferedImage img, double radians) {
        return geometric(img, AffineTransform.getRotateInstance(radians, img.getWidth() / 2.0,
                img.getHeight() / 2.0), img.getWidth(), img.getHeight(), 90);
    }

    private static Transformed scaled(BufferedImage img, double s) {
        return geometric(img, AffineTransform.getScaleInstance(s, s), (int) Math.round(img.getWidth() * s),
                (int) Math.round(img.getHeight() * s), 90);
    }

    /** The image drawn through {@code t} onto a black canvas of {@code w x h}, bilinear. */
    private static Transformed geometric(BufferedImage img, AffineTransform t, int w, int h, int quality) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(img, t, null);
        g.dispose();
        return new Transformed(encode(out, quality), t, w, h);
    }

    private static Transformed jpeg(BufferedImage img, int quality) {
        return new Transformed(encode(img, quality), new AffineTransform(), img.getWidth(), img.getHeight());
    }

    public static BufferedImage read(byte[] jpeg) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
            BufferedImage bgr = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            bgr.createGraphics().drawImage(img, 0, 0, null);
            return bgr;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] encode(BufferedImage img, int quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
