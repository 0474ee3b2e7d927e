package dev.openrecog.vision.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.openrecog.vision.image.InputSpec;
import dev.openrecog.vision.taxonomy.Taxonomy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelManifestTest {
    @TempDir
    Path dir;

    @Test
    void builtInManifestsLoad() {
        assertEquals(List.of("centernet", "nanodet"), ModelManifest.builtInNames());
        ModelManifest c = ModelManifest.builtIn("centernet");
        assertEquals("centernet", c.name());
        assertEquals("centernet", c.decoderKind());
        assertEquals("tower_0/images", c.input().tensor());
        assertEquals(InputSpec.Layout.NHWC, c.input().spec().layout());
        assertEquals(InputSpec.Resize.STRETCH, c.input().spec().resize());
        assertEquals(512, c.input().width());
        assertEquals(List.of(1L, 512L, 512L, 3L), boxed(c.input().shape()));
        assertEquals("/dev/openrecog/vision/models/centernet.onnx", c.modelResource().orElseThrow());
        assertTrue(c.modelPath().isEmpty());
        assertEquals("coco", c.taxonomy().orElseThrow());

        ModelManifest n = ModelManifest.builtIn("nanodet");
        assertEquals("nanodet", n.decoderKind());
        assertEquals(InputSpec.Layout.NCHW, n.input().spec().layout());
        assertEquals(List.of(1L, 3L, 416L, 416L), boxed(n.input().shape()));
        assertEquals(InputSpec.of(416, 416).withLayout(InputSpec.Layout.NCHW).withNormalization(1f,
                new float[] {123.675f, 116.28f, 103.53f}, new float[] {58.395f, 57.12f, 57.375f}), n.input().spec());
        assertEquals(ModelManifest.DEFAULT_MODEL, ModelManifest.defaultModel().name());
    }

    private static List<Long> boxed(long[] a) {
        return java.util.Arrays.stream(a).boxed().collect(java.util.stream.Collectors.toList());
    }

    @Test
    void coco80IsTheDarknetListInModelOrderAndMatchesTheTaxonomy() throws IOException {
        List<String> labels = ModelManifest.builtIn("centernet").labels();
        assertEquals(80, labels.size());
        assertEquals(Taxonomy.coco().classCount(), labels.size());
        assertEquals("person", labels.get(0));
        assertEquals("dog", labels.get(16));
        assertEquals("horse", labels.get(17));
        assertEquals("giraffe", labels.get(23));
        assertEquals("kite", labels.get(33));
        assertEquals("toothbrush", labels.get(79));
        Path darknet = Path.of("/usr/share/darknet/data/coco.names");
        if (Files.isRegularFile(darknet)) {
            List<String> names = Files.readAllLines(darknet);
            names.removeIf(String::isBlank);
            assertEquals(names, labels);
        }
        // the taxonomy resource names each class by the same key
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> classes = (List<Map<String, Object>>) JSON.std.mapFrom(
                ModelManifestTest.class.getResourceAsStream("/dev/openrecog/vision/taxonomy/coco-taxonomy.json"))
                .get("classes");
        for (Map<String, Object> c : classes) {
            assertEquals(labels.get(((Number) c.get("index")).intValue()), c.get("coco"));
        }
    }

    /** Writes a copy of a built-in manifest, changed by {@code edit}, next to a (fake) model file. */
    private Path userManifest(String builtIn, UnaryOperator<Map<String, Object>> edit) throws IOException {
        Map<String, Object> m = JSON.std.mapFrom(ModelManifestTest.class.getResourceAsStream(
                "/dev/openrecog/vision/models/" + builtIn + ".json"));
        Files.write(dir.resolve(builtIn + ".onnx"), new byte[] {1});
        Path file = dir.resolve("manifest.json");
        Files.writeString(file, JSON.std.asString(edit.apply(m)), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void userManifestResolvesTheModelAndLabelFileNextToIt() throws IOException {
        Files.writeString(dir.resolve("mine.txt"), "cat\n\ndog\r\n");
        Path file = userManifest("centernet", m -> {
            m.put("labels", "mine.txt");
            m.remove("taxonomy");
            return m;
        });
        ModelManifest mf = ModelManifest.load(file);
        assertEquals(dir.resolve("centernet.onnx").toAbsolutePath().normalize(), mf.modelPath().orElseThrow());
        assertTrue(mf.modelResource().isEmpty());
        assertEquals(List.of("cat", "dog"), mf.labels());
        assertEquals("mine.txt", mf.labelMap());
        assertFalse(mf.taxonomy().isPresent());
        assertEquals(1, mf.modelBytes().length);
        // a folder stands for its manifest.json
        assertEquals(List.of("cat", "dog"), ModelManifest.load(dir).labels());
    }

    @Test
    void inlineLabels() throws IOException {
        ModelManifest mf = ModelManifest.load(userManifest("nanodet", m -> {
            m.put("labels", List.of("x", "y", "z"));
            m.remove("taxonomy");
            return m;
        }));
        assertEquals(List.of("x", "y", "z"), mf.labels());
        assertEquals("inline", mf.labelMap());
    }

    private void refused(String builtIn, UnaryOperator<Map<String, Object>> edit, String... expected)
            throws IOException {
        Path file = userManifest(builtIn, edit);
        ModelManifestException e = assertThrows(ModelManifestException.class, () -> ModelManifest.load(file));
        for (String s : expected) {
            assertTrue(e.getMessage().contains(s), "'" + e.getMessage() + "' lacks '" + s + "'");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> sub(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    @Test
    void malformedManifestsAreRefusedWithTheFieldNamed() throws IOException {
        refused("centernet", m -> {
            m.put("scoreTreshold", 0.2);
            return m;
        }, "unknown field 'scoreTreshold'");
        refused("centernet", m -> {
            sub(m, "decoder").put("kind", "yolo");
            return m;
        }, "decoder.kind", "yolo", "centernet, nanodet");
        refused("centernet", m -> {
            m.put("model", "../centernet.onnx");
            return m;
        }, "'model'", "relative");
        refused("centernet", m -> {
            m.put("model", "missing.onnx");
            return m;
        }, "missing.onnx", "not a file");
        refused("centernet", m -> {
            sub(m, "input").put("layout", "HWC");
            return m;
        }, "input.layout", "NHWC, NCHW");
        refused("centernet", m -> {
            sub(sub(m, "input"), "normalize").put("std", List.of(1, 0, 1));
            return m;
        }, "std", "not 0");
        refused("centernet", m -> {
            sub(m, "decoder").put("stride", 5);
            return m;
        }, "decoder.stride", "divide");
        refused("nanodet", m -> {
            sub(m, "decoder").remove("regMax");
            return m;
        }, "decoder.regMax", "missing");
        refused("nanodet", m -> {
            ((List<Map<String, Object>>) (List<?>) sub(m, "decoder").get("levels")).get(1).put("strid", 16);
            return m;
        }, "decoder.levels[1].strid");
        refused("centernet", m -> {
            m.put("labels", List.of("a", "b"));
            return m;
        }, "'coco' needs the 80 COCO classes");
        refused("centernet", m -> {
            m.put("taxonomy", "wordnet");
            return m;
        }, "taxonomy", "wordnet");
        refused("centernet", m -> {
            m.put("labels", "coco91");
            return m;
        }, "no built-in label map 'coco91'");
        refused("centernet", m -> {
            m.put("nmsIou", 1.5);
            return m;
        }, "nmsIou", "0..1");
        refused("centernet", m -> {
            m.put("format", 2);
            return m;
        }, "format");
    }

    @Test
    void unreadableInputs() throws IOException {
        ModelManifestException e = assertThrows(ModelManifestException.class,
                () -> ModelManifest.load(dir.resolve("nope.json")));
        assertTrue(e.getMessage().contains("not found"));
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{not json");
        e = assertThrows(ModelManifestException.class, () -> ModelManifest.load(bad));
        assertTrue(e.getMessage().contains("not a JSON object"), e.getMessage());
        e = assertThrows(ModelManifestException.class, () -> ModelManifest.builtIn("../models/centernet"));
        assertTrue(e.getMessage().contains("invalid model name"));
        e = assertThrows(ModelManifestException.class, () -> ModelManifest.builtIn("yolov8"));
        assertTrue(e.getMessage().contains("no built-in model manifest 'yolov8'"));
    }
}
