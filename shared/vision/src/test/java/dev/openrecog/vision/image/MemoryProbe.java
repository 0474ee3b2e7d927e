package dev.openrecog.vision.image;

import dev.openrecog.domain.ApiException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a child JVM with a small heap by {@link BoundedMemoryTest}: decodes each file named on the command line
 * for a 512 x 512 letterboxed input and prints one line per file, {@code OK name WxH -> wxh} or
 * {@code INVALID name: message}. An OutOfMemoryError escapes, so the JVM exits non-zero.
 */
public final class MemoryProbe {
    private MemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        ImageDecoder decoder = new ImageDecoder();
        InputSpec spec = InputSpec.of(512, 512).withResize(InputSpec.Resize.LETTERBOX);
        for (String arg : args) {
            Path file = Path.of(arg);
            byte[] bytes = Files.readAllBytes(file);
            String name = file.getFileName().toString();
            try {
                DecodedImage img = decoder.decode(bytes, spec);
                ImageTensor tensor = Preprocess.toTensor(img, spec);
                System.out.println("OK " + name + " " + img.originalWidth() + "x" + img.originalHeight() + " -> "
                        + img.width() + "x" + img.height() + " tensor " + tensor.contentWidth() + "x"
                        + tensor.contentHeight());
            } catch (ApiException e) {
                System.out.println("INVALID " + name + ": " + e.getMessage());
            }
            bytes = null;
        }
        Runtime rt = Runtime.getRuntime();
        System.out.println("HEAP max " + rt.maxMemory() / (1024 * 1024) + " MiB");
    }
}
