package dev.openrecog.vision.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory stays bounded: a decompression bomb, a text-chunk bomb, and big legitimate images (an 8000 x 6000 JPEG,
 * baseline and progressive, a 240-megapixel PNG) are decoded in a child JVM limited to a 256 MiB heap. Decoding any
 * of the big ones whole would need 144 MB to 720 MB of pixels.
 */
class BoundedMemoryTest {
    @Test
    void bigImagesAndBombsDecodeInA256MiBHeap(@TempDir Path dir) throws Exception {
        Path bomb = dir.resolve("bomb.png");
        Files.write(bomb, ImageFixtures.pngHeader(100_000, 100_000));
        Path textBomb = dir.resolve("text-bomb.png");
        Files.write(textBomb, ImageFixtures.pngWithTextBomb(1024)); // 1 GiB of text when inflated
        Path bigGrey = dir.resolve("grey-16000x15000.png");
        ImageFixtures.writeGreyPng(bigGrey, 16_000, 15_000); // 240 M pixels, within the limits
        Path dog = ImageFixtures.DARKNET.resolve("dog.jpg");
        BufferedImage photo = Files.isRegularFile(dog) ? ImageFixtures.reference(Files.readAllBytes(dog))
                : ImageFixtures.pattern(768, 576); // the memory bound does not depend on the content
        BufferedImage big = ImageFixtures.scaled(photo, 8000, 6000);
        Path baseline = dir.resolve("big-8000x6000.jpg");
        Files.write(baseline, ImageFixtures.jpeg(big, 0.85f, false));
        Path progressive = dir.resolve("big-8000x6000-progressive.jpg");
        Files.write(progressive, ImageFixtures.jpeg(big, 0.85f, true));
        big = null;

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:+UseSerialGC",
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                MemoryProbe.class.getName()));
        for (Path p : List.of(bomb, textBomb, bigGrey, baseline, progressive)) {
            command.add(p.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "child JVM did not finish");
        String output = new String(out, StandardCharsets.UTF_8);

        assertFalse(output.contains("OutOfMemoryError"), output);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("INVALID bomb.png: The image is 100000 x 100000 pixels; each side may be at most"
                + " 30,000 pixels."), output);
        assertTrue(output.contains("OK text-bomb.png 16x16 -> 16x16 tensor 512x512"), output);
        assertTrue(output.contains("OK grey-16000x15000.png 16000x15000 -> 516x484 tensor 512x480"), output);
        assertTrue(output.contains("OK big-8000x6000.jpg 8000x6000 -> 533x400 tensor 512x384"), output);
        assertTrue(output.contains("OK big-8000x6000-progressive.jpg 8000x6000 -> 533x400 tensor 512x384"), output);
        assertTrue(output.contains("HEAP max 2"), output); // 2xx MiB: the limit was in force
    }
}
