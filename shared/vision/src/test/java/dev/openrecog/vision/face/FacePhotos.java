package dev.openrecog.vision.face;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.openrecog.vision.image.DecodedImage;
import dev.openrecog.vision.image.ImageDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real photos for the face tests: npm {@code @vladmandic/face-api}'s {@code demo/sample1..6.jpg} (installed by
 * {@code tools/model-converter/setup.sh}; the folder comes in the system property {@value #PROPERTY}, which the
 * module's pom sets) and Debian darknet's photos without faces. A test is skipped when its photos are missing.
 */
public final class FacePhotos {
    static final String PROPERTY = "openrecog.faceapi.demo";
    static final Path DARKNET = Path.of("/usr/share/darknet/data");
    private static final ImageDecoder DECODER = new ImageDecoder();

    private FacePhotos() {
    }

    public static Path demo() {
        String dir = System.getProperty(PROPERTY);
        Path demo = dir == null ? null : Path.of(dir);
        assumeTrue(demo != null && Files.isRegularFile(demo.resolve("sample1.jpg")),
                "face-api's demo photos are missing (" + demo + "): run tools/model-converter/setup.sh");
        return demo;
    }

    /** The bytes of face-api's {@code sample<n>.jpg}. */
    public static byte[] sample(int n) {
        return read(demo().resolve("sample" + n + ".jpg"));
    }

    /** The bytes of a darknet photo ({@code dog}, {@code eagle}, ...). */
    public static byte[] darknet(String name) {
        Path file = DARKNET.resolve(name + ".jpg");
        assumeTrue(Files.isRegularFile(file), "Debian's darknet package is not installed (" + file + ")");
        return read(file);
    }

    static DecodedImage decode(byte[] bytes) {
        return DECODER.decode(bytes, FaceAnalyzer.DECODE_SIZE, FaceAnalyzer.DECODE_SIZE);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
