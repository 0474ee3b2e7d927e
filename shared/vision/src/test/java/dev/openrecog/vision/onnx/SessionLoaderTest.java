package dev.openrecog.vision.onnx;

import dev.openrecog.vision.detect.Detector;
import dev.openrecog.vision.detect.ModelManifest;
import dev.openrecog.vision.face.FaceAnalyzer;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Models load from threads with small stacks. Creating these sessions on a 256 KB stack used to kill the JVM
 * (SIGSEGV in ONNX Runtime's graph optimization), and a 1 MB handler thread was close enough to the edge that a
 * longer class path tipped it over.
 */
class SessionLoaderTest {
    private static final long SMALL_STACK = 256 * 1024;

    @Test
    void theDetectorAndTheFaceModelsLoadFromASmallStack() throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<String> loaded = new AtomicReference<>();
        Thread small = new Thread(null, () -> {
            try (Detector detector = Detector.create(ModelManifest.builtIn("centernet"));
                 FaceAnalyzer faces = FaceAnalyzer.builtIn()) {
                loaded.set(detector.manifest().name() + ", faces of " + faces.dimensions() + " dimensions");
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "small-stack", SMALL_STACK);
        small.start();
        small.join();

        assertNull(failure.get());
        assertEquals("centernet, faces of 256 dimensions", loaded.get());
    }
}
