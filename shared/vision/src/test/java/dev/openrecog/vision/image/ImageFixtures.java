package dev.openrecog.vision.image;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Real photos (Debian's darknet package) and images made on the spot, for the image tests. */
final class ImageFixtures {
    static final Path DARKNET = Path.of("/usr/share/darknet/data");
    static final String[] PHOTOS = {"dog", "horses", "eagle", "giraffe", "person"};

    private ImageFixtures() {
    }

    /** The bytes of a darknet photo; the test is skipped when the darknet package is not installed. */
    static byte[] photo(String name) {
        Path file = DARKNET.resolve(name + ".jpg");
        assumeTrue(Files.isRegularFile(file), "Debian's darknet package is not installed (" + file + ")");
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = ImageFixtures.class.getResourceAsStream("/images/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /images/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ImageIO's own full decode, as a compact TYPE_3BYTE_BGR image: the reference the tests compare with. */
    static BufferedImage reference(byte[] bytes) {
        try {
            BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
            if (img == null) {
                throw new IllegalStateException("ImageIO cannot read the reference image");
            }
            return toBgr(img);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage toBgr(BufferedImage img) {
        BufferedImage bgr = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = bgr.createGraphics();
        g.drawImage(img, 0, 0, null);
        g.dispose();
        return bgr;
    }

    static byte[] bytes(BufferedImage bgr) {
        return ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
    }

    static BufferedImage scaled(BufferedImage src, int w, int h) {
        BufferedImage dst = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = dst.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return dst;
    }

    /** ImageIO encoding: "png", "bmp", "tiff", ... */
    static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format + " and " + img);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] jpeg(BufferedImage img, float quality, boolean progressive) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** Inserts an APP1 EXIF segment with one Orientation tag right after the SOI marker. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8); // big-endian header, IFD0 at 8
        tiff.putShort((short) 1); // one entry
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0); // no next IFD
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + exif.length + tiff.capacity();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(exif, 0, exif.length);
        out.write(tiff.array(), 0, tiff.capacity());
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A copy of a TIFF whose first IFD's Orientation tag (which the writer puts there) is set to a value. */
    static byte[] withTiffOrientation(byte[] tiff, int orientation) {
        byte[] b = tiff.clone();
        ByteBuffer buf = ByteBuffer.wrap(b).order(b[0] == 'I' ? java.nio.ByteOrder.LITTLE_ENDIAN
                : java.nio.ByteOrder.BIG_ENDIAN);
        int ifd = buf.getInt(4);
        int count = buf.getShort(ifd) & 0xFFFF;
        for (int k = 0; k < count; k++) {
            int entry = ifd + 2 + 12 * k;
            if ((buf.getShort(entry) & 0xFFFF) == 0x0112) {
                buf.putShort(entry + 8, (short) orientation);
                return b;
            }
        }
        throw new IllegalStateException("the TIFF writer wrote no Orientation tag");
    }

    /** Inserts a COM (comment) segment right after the SOI marker. */
    static byte[] withComment(byte[] jpeg, String comment) {
        byte[] text = comment.getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xFE);
        out.write((text.length + 2) >> 8);
        out.write((text.length + 2) & 0xFF);
        out.write(text, 0, text.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A copy of a JPEG whose frame header claims another size (the scan data is unchanged). */
    static byte[] withJpegSize(byte[] jpeg, int width, int height) {
        byte[] b = jpeg.clone();
        int i = 2;
        while (i + 4 < b.length) {
            int marker = b[i + 1] & 0xFF;
            int length = (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
            if (marker == 0xC0 || marker == 0xC1 || marker == 0xC2) {
                b[i + 5] = (byte) (height >> 8);
                b[i + 6] = (byte) height;
                b[i + 7] = (byte) (width >> 8);
                b[i + 8] = (byte) width;
                return b;
            }
            i += 2 + length;
        }
        throw new IllegalStateException("no SOF marker");
    }

    /** A PNG that claims {@code width x height} (8-bit RGB) and carries a few bytes of image data. */
    static byte[] pngHeader(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        pngChunk(out, "IHDR", ihdr.array());
        pngChunk(out, "IDAT", deflate(new byte[1024]));
        pngChunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    static void pngChunk(OutputStream out, String type, byte[] data) {
        try {
            byte[] t = type.getBytes(StandardCharsets.US_ASCII);
            out.write(ByteBuffer.allocate(4).putInt(data.length).array());
            out.write(t);
            out.write(data);
            CRC32 crc = new CRC32();
            crc.update(t);
            crc.update(data);
            out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!deflater.finished()) {
            out.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        return out.toByteArray();
    }

    /** A legitimate but huge 8-bit grey PNG (all black), streamed row by row: it never exists in memory. */
    static void writeGreyPng(Path file, int width, int height) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            pngChunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0)
                    .put((byte) 0).put((byte) 0).put((byte) 0).array());
            ByteArrayOutputStream idat = new ByteArrayOutputStream();
            byte[] row = new byte[width + 1]; // filter type 0, then zeros
            try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_SPEED), 1 << 16)) {
                for (int y = 0; y < height; y++) {
                    z.write(row);
                }
            }
            pngChunk(out, "IDAT", idat.toByteArray());
            pngChunk(out, "IEND", new byte[0]);
        }
    }

    /** A small PNG whose zTXt chunk inflates to {@code megabytes} MiB of text: harmless unless metadata is read. */
    static byte[] pngWithTextBomb(int megabytes) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        text.writeBytes("Comment\0\0".getBytes(StandardCharsets.ISO_8859_1));
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(z, new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
            byte[] mib = new byte[1 << 20];
            for (int i = 0; i < megabytes; i++) {
                d.write(mib);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        text.writeBytes(z.toByteArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        pngChunk(out, "IHDR", ByteBuffer.allocate(13).putInt(16).putInt(16).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        pngChunk(out, "zTXt", text.toByteArray());
        pngChunk(out, "IDAT", deflate(new byte[16 * 17]));
        pngChunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A WebP whose lossless header claims {@code width x height} (the bit stream after it is not valid). */
    static byte[] webpLosslessHeader(int width, int height) {
        int bits = (width - 1) | (height - 1) << 14;
        ByteBuffer b = ByteBuffer.allocate(30).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(22).put("WEBP".getBytes(StandardCharsets.US_ASCII));
        b.put("VP8L".getBytes(StandardCharsets.US_ASCII)).putInt(10).put((byte) 0x2F).putInt(bits);
        return b.array();
    }

    /** The deterministic pattern that {@code images/pattern-lossless.webp} was made from (see the README there). */
    static BufferedImage pattern(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] px = bytes(img);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = (y * w + x) * 3;
                px[p + 2] = (byte) (x * 255 / (w - 1));
                px[p + 1] = (byte) (y * 255 / (h - 1));
                px[p] = (byte) (((x / 8 + y / 8) % 2) * 255);
            }
        }
        return img;
    }

    /** Four quadrants: red top-left, green top-right, blue bottom-left, white bottom-right. */
    static BufferedImage quadrants(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] px = bytes(img);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean right = x >= w / 2;
                boolean bottom = y >= h / 2;
                int r = !bottom ? (right ? 0 : 255) : (right ? 255 : 0);
                int g = !bottom ? (right ? 255 : 0) : (right ? 255 : 0);
                int b = bottom ? 255 : 0;
                int p = (y * w + x) * 3;
                px[p] = (byte) b;
                px[p + 1] = (byte) g;
                px[p + 2] = (byte) r;
            }
        }
        return img;
    }
}
