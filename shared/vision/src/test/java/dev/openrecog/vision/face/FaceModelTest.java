package dev.openrecog.vision.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.openrecog.vision.detect.ModelManifestException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The face model manifests: the built-in ones load, and every mistake in one is refused with a precise message. */
class FaceModelTest {
    @TempDir
    Path dir;

    private static String builtIn(String name) {
        return new String(FaceModel.resource(FaceModel.MODELS_DIR + name + ".json"), StandardCharsets.UTF_8);
    }

    private static ModelManifestException refusedDetector(UnaryOperator<String> edit) {
        return assertThrows(ModelManifestException.class, () -> {
            FaceModel m = FaceModel.parse(edit.apply(builtIn("blazeface")).getBytes(StandardCharsets.UTF_8), "m.json",
                    "detector", null);
            BlazeFace.load(m, 1).close();
        });
    }

    private static ModelManifestException refusedEmbedder(UnaryOperator<String> edit) {
        return assertThrows(ModelManifestException.class, () -> {
            FaceModel m = FaceModel.parse(edit.apply(builtIn(FaceAnalyzer.EMBEDDER)).getBytes(StandardCharsets.UTF_8),
                    "m.json", "embedder", null);
            FaceEmbedder.load(m, 1).close();
        });
    }

    @Test
    void theBuiltInModelsLoad() {
        try (BlazeFace d = BlazeFace.load(FaceModel.builtIn("blazeface", "detector"), 1);
                FaceEmbedder e = FaceEmbedder.load(FaceModel.builtIn(FaceAnalyzer.EMBEDDER, "embedder"), 1)) {
            assertEquals(24, d.minFaceSize());
            assertEquals(256, e.dimensions());
            assertEquals(0.60f, e.matchThreshold());
        }
    }

    @Test
    void aManifestOutsideTheClassPathLoadsItsModelFromItsFolder() throws Exception {
        Files.write(dir.resolve("blazeface.onnx"), FaceModel.resource(FaceModel.MODELS_DIR + "blazeface.onnx"));
        byte[] json = builtIn("blazeface").getBytes(StandardCharsets.UTF_8);
        try (BlazeFace d = BlazeFace.load(FaceModel.parse(json, "face.json", "detector", dir), 1)) {
            assertEquals(24, d.minFaceSize());
        }
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        assertEquals("face.json: field 'model' names " + elsewhere.resolve("blazeface.onnx") + ", which does not exist",
                assertThrows(ModelManifestException.class,
                        () -> FaceModel.parse(json, "face.json", "detector", elsewhere)).getMessage());
    }

    @Test
    void mistakesInTheCommonPartAreNamed() {
        assertEquals("m.json: unknown field 'colour'",
                refusedDetector(s -> s.replace("\"format\": 1,", "\"format\": 1, \"colour\": 1,")).getMessage());
        assertEquals("m.json: field 'format' is 2; this version reads format 1",
                refusedDetector(s -> s.replace("\"format\": 1", "\"format\": 2")).getMessage());
        assertEquals("m.json: field 'name' is missing",
                refusedDetector(s -> s.replace("\"name\"", "\"nom\"")).getMessage());
        assertEquals("m.json: field 'model' must be a file name beside the manifest",
                refusedDetector(s -> s.replace("\"blazeface.onnx\"", "\"../x.onnx\"")).getMessage());
        assertTrue(refusedDetector(s -> s.replace("\"blazeface.onnx\"", "\"other.onnx\"")).getMessage()
                .endsWith("other.onnx, which does not exist"));
        assertTrue(refusedDetector(s -> s.replace("\"layout\": \"NHWC\"", "\"layout\": \"NWHC\""))
                .getMessage().startsWith("m.json: input.layout is 'NWHC'"));
        assertTrue(refusedDetector(s -> "[1]").getMessage().startsWith("m.json: not a JSON object"));
        assertEquals("m.json: not a JSON object", refusedDetector(s -> "null").getMessage());
        assertEquals("m.json: field 'detector' is missing", assertThrows(ModelManifestException.class,
                () -> FaceModel.parse(builtIn(FaceAnalyzer.EMBEDDER).getBytes(StandardCharsets.UTF_8), "m.json",
                        "detector", null)).getMessage());
    }

    @Test
    void aManifestThatDoesNotFitItsModelIsRefused() {
        assertEquals("m.json: input 'input' has shape [1, 256, 256, 3], expected [1, 128, 128, 3]",
                refusedDetector(s -> s.replace("\"width\": 256,\n    \"height\": 256",
                        "\"width\": 128,\n    \"height\": 128")).getMessage());
        assertTrue(refusedDetector(s -> s.replace("\"tensor\": \"input\"", "\"tensor\": \"image\"")).getMessage()
                .startsWith("m.json: the model's inputs are [input], the manifest names one, 'image'"));
        assertTrue(refusedDetector(s -> s.replace("\"Identity_3\"", "\"boxes\"")).getMessage()
                .startsWith("m.json: the model has no output 'boxes'"));
        assertTrue(refusedDetector(s -> s.replace("\"anchorsPerCell\": 6", "\"anchorsPerCell\": 5")).getMessage()
                .startsWith("m.json: output 'Identity_1' has shape [1, 384, 1], expected [1, 320, 1]"));
        assertTrue(refusedEmbedder(s -> s.replace("\"outputSize\": 1024", "\"outputSize\": 512")).getMessage()
                .startsWith("m.json: output 'global_pooling/Mean' has shape [-1, 1024], expected [-1, 512]"));
    }

    @Test
    void mistakesInTheModelSectionsAreNamed() {
        assertEquals("m.json: field 'detector.scoreThreshold' must be within 0.0..1.0, not 1.5",
                refusedDetector(s -> s.replace("\"scoreThreshold\": 0.5", "\"scoreThreshold\": 1.5")).getMessage());
        assertEquals("m.json: unknown field 'detector.levels[0].anchors'",
                refusedDetector(s -> s.replace("\"stride\": 16,", "\"stride\": 16, \"anchors\": 2,")).getMessage());
        assertEquals("m.json: field 'detector.levels' must be a non-empty list of objects",
                refusedDetector(s -> s.replaceAll("(?s)\"levels\": \\[.*?\\]", "\"levels\": []"))
                        .getMessage());
        assertEquals("m.json: field 'embedder.dimensions' must divide outputSize 1024, not 300",
                refusedEmbedder(s -> s.replace("\"dimensions\": 256", "\"dimensions\": 300")).getMessage());
        assertEquals("m.json: field 'embedder.centre' must be true or false",
                refusedEmbedder(s -> s.replace("\"centre\": true", "\"centre\": 1")).getMessage());
        assertEquals("m.json: unknown field 'embedder.crop.eyeX'",
                refusedEmbedder(s -> s.replace("\"eyeY\"", "\"eyeX\": 0.5, \"eyeY\"")).getMessage());
        assertEquals("m.json: field 'embedder.output' is missing",
                refusedEmbedder(s -> s.replace("\"output\":", "\"outputs\":")).getMessage());
    }
}
