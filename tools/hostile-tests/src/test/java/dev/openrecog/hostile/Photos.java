package dev.openrecog.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real photos the tests store as objects: Debian darknet's ({@code /usr/share/darknet/data}) and, for face
 * samples, a group photo of npm {@code @vladmandic/face-api} (installed by {@code tools/model-converter/setup.sh}; the
 * pom gives its folder in the system property {@value #FACE_API_DEMO}). A test whose photos are missing is skipped.
 */
final class Photos {
    static final String FACE_API_DEMO = "openrecog.faceapi.demo";
    private static final Path DARKNET = Path.of("/usr/share/darknet/data");

    private Photos() {
    }

    /** A darknet photo: {@code dog}, {@code horses}, {@code person} ... */
    static byte[] darknet(String name) {
        Path file = DARKNET.resolve(name + ".jpg");
        assumeTrue(Files.isRegularFile(file), "Debian's darknet package is not installed (" + file + ")");
        return read(file);
    }

    /** Five people, 150 to 250 px faces in a 1920 px photo (face-api's demo/sample5.jpg); a face sample takes the largest. */
    static byte[] faces() {
        String demo = System.getProperty(FACE_API_DEMO);
        Path file = demo == null ? null : Path.of(demo, "sample5.jpg");
        assumeTrue(file != null && Files.isRegularFile(file),
            "face-api's demo photos are missing (" + file + "): run tools/model-converter/setup.sh");
        return read(file);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
