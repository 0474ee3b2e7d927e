package dev.openrecog.hostile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Object keys that object storage takes but a local folder cannot hold (the fuzz found them answering
 * 500 once), each reduced to the one request that shows it.
 */
class LocalObjectKeysTest {
    private static final String TENANT = "1234567890123456";

    @TempDir
    static Path objects;
    private static Openrecog service;

    @BeforeAll
    static void start() throws IOException {
        Files.createDirectories(objects.resolve("photos"));
        service = Openrecog.everyAction(objects);
    }

    /** No file path can spell a NUL. */
    @Test
    @DisplayName("DetectImageLabels on a SourceURI whose key holds a NUL is an InvalidParameter")
    void aKeyWithANulIsAnInvalidParameter() {
        Reply reply = service.call(TENANT, Call.of("DetectImageLabels").with("ProjectName", "demo")
            .with("SourceURI", "oss://photos/dog.jpg\u0000.png"));

        assertEquals(400, reply.status(), reply.body());
        assertEquals("InvalidParameter", reply.code(), reply.body());
    }

    /** A lone surrogate cannot travel as UTF-8: it arrives as '?', an ordinary key of an object that is not there. */
    @Test
    @DisplayName("DetectImageLabels on a SourceURI whose key holds a lone surrogate finds no object")
    void aKeyWithALoneSurrogateArrivesAsAQuestionMark() {
        Reply reply = service.call(TENANT, Call.of("DetectImageLabels").with("ProjectName", "demo")
            .with("SourceURI", "oss://photos/\uD800.jpg"));

        assertEquals(404, reply.status(), reply.body());
        assertEquals("ObjectNotFound", reply.code(), reply.body());
    }

    /** ObjectLocation takes keys of up to 1,023 bytes, but a local file name holds 255: no such object can be here. */
    @Test
    @DisplayName("DetectImageLabels on a SourceURI with a key segment over 255 bytes is an object that does not exist")
    void aKeyNoLocalFileCanHaveIsAnObjectThatDoesNotExist() {
        Reply reply = service.call(TENANT, Call.of("DetectImageLabels").with("ProjectName", "demo")
            .with("SourceURI", "oss://photos/" + "k".repeat(256)));

        assertEquals(404, reply.status(), reply.body());
        assertEquals("ObjectNotFound", reply.code(), reply.body());
    }
}
