package dev.openrecog.store.dynamodb;

import dev.openrecog.domain.ImageLabeler;
import dev.openrecog.objectstore.LocalObjectReader;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real photos as objects in a local folder, named {@code oss://photos/<name>}: Debian darknet's {@code data/*.jpg}
 * and npm {@code @vladmandic/face-api}'s group photos (the folder comes in the system property
 * {@code openrecog.faceapi.demo}, which the module's pom sets), plus single faces cut from those and files that
 * are no image or too large. A test that needs a missing photo is skipped.
 */
final class Photos {
    static final Path DARKNET = Path.of("/usr/share/darknet/data");
    private static final String BUCKET = "photos";
    private static final Path ROOT = Path.of(System.getProperty("openrecog.objects", "target/objects"));
    private static final LocalObjectReader OBJECTS = new LocalObjectReader(ROOT);

    /** A face-api group photo: five people, the woman at the top middle with her face at about 780,165 160x160. */
    static final String FIVE_PEOPLE = "sample5.jpg";
    /** A face-api group photo: three people, the man in the middle nearest the camera, face at about 1065,259 248x248. */
    static final String THREE_PEOPLE = "sample3.jpg";
    /** The woman of {@link #FIVE_PEOPLE}, cut out of that photo. */
    static final String WOMAN = "woman.jpg";
    /** The man of {@link #THREE_PEOPLE}, cut out of that photo. */
    static final String MAN = "man.jpg";
    /** Text, not an image. */
    static final String NOT_AN_IMAGE = "notes.txt";
    /** A real JPEG padded to one byte over the 20 MB images may have. */
    static final String OVERSIZED = "oversized.jpg";

    private Photos() {
    }

    static LocalObjectReader objects() {
        return OBJECTS;
    }

    /** The {@code oss://} URI of a darknet photo ({@code dog.jpg}) or one of the names above, put in place first. */
    static synchronized String uri(String name) {
        Path file = ROOT.resolve(BUCKET).resolve(name);
        if (!Files.exists(file)) {
            write(name, file);
        }
        return "oss://" + BUCKET + "/" + name;
    }

    /** The bytes {@link #uri} names. */
    static byte[] bytes(String name) {
        uri(name);
        try {
            return Files.readAllBytes(ROOT.resolve(BUCKET).resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(String name, Path file) {
        try {
            Files.createDirectories(file.getParent());
            switch (name) {
                case WOMAN:
                    Files.write(file, jpeg(read(faceApi(FIVE_PEOPLE)).getSubimage(680, 60, 360, 370)));
                    break;
                case MAN:
                    Files.write(file, jpeg(read(faceApi(THREE_PEOPLE)).getSubimage(950, 130, 480, 500)));
                    break;
                case NOT_AN_IMAGE:
                    Files.writeString(file, "not a picture");
                    break;
                case OVERSIZED:
                    Files.copy(darknet("dog.jpg"), file);
                    try (RandomAccessFile padded = new RandomAccessFile(file.toFile(), "rw")) {
                        padded.setLength(ImageLabeler.MAX_IMAGE_BYTES + 1);
                    }
                    break;
                default:
                    Files.copy(name.startsWith("sample") ? faceApi(name) : darknet(name), file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path darknet(String name) {
        Path file = DARKNET.resolve(name);
        assumeTrue(Files.isRegularFile(file), "Debian's darknet package is not installed (" + file + ")");
        return file;
    }

    private static Path faceApi(String name) {
        String demo = System.getProperty("openrecog.faceapi.demo");
        Path file = demo == null ? null : Path.of(demo, name);
        assumeTrue(file != null && Files.isRegularFile(file),
            "face-api's demo photos are missing (" + file + "): run tools/model-converter/setup.sh");
        return file;
    }

    private static BufferedImage read(Path file) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(file)));
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
