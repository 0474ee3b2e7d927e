package dev.openrecog.rpc;

import dev.openrecog.domain.Backends;
import dev.openrecog.domain.RecognitionStore;
import dev.openrecog.fetch.ImageUrlFetcher;
import dev.openrecog.objectstore.ObjectReaders;
import dev.openrecog.vision.recognition.VisionRecognizer;

import java.util.Map;

/**
 * What an endpoint serving the nine library operations is built with, as the functions build it: the store, and for
 * CreateRecognitionSample an object reader, the image fetcher and the vision engine, with their default settings.
 */
public final class LibraryBackends {
    /** Its models load on first use only, and are shared by the tests of this JVM. */
    private static final VisionRecognizer RECOGNIZER = VisionRecognizer.builtIn();
    private static final ImageUrlFetcher FETCHER = ImageUrlFetcher.builder().build();

    private LibraryBackends() {
    }

    public static Backends.Builder on(RecognitionStore store) {
        return Backends.builder().store(store).objects(ObjectReaders.fromEnvironment(Map.of())).fetcher(FETCHER).recognizer(RECOGNIZER);
    }
}
