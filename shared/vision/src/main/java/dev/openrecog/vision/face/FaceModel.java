package dev.openrecog.vision.face;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.openrecog.vision.detect.Fields;
import dev.openrecog.vision.detect.ModelManifestException;
import dev.openrecog.vision.image.InputSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A face model manifest: the ONNX file, its image input (tensor name + {@link InputSpec}, the same {@code input}
 * object as an object detector's manifest) and one section for what the model is, {@code detector} (read by
 * {@link BlazeFace}) or {@code embedder} (read by {@link FaceEmbedder}). The format is in
 * {@code shared/vision/MODELS.md}, section Faces. Unknown keys are errors, and every error names the manifest and
 * the field.
 */
final class FaceModel {
    static final String MODELS_DIR = "/dev/openrecog/vision/models/";

    private final String source;
    private final String name;
    private final String modelFile;
    private final Path modelPath;
    private final String inputTensor;
    private final InputSpec input;
    private final Fields section;

    private FaceModel(String source, String name, String modelFile, Path modelPath, String inputTensor,
            InputSpec input, Fields section) {
        this.source = source;
        this.name = name;
        this.modelFile = modelFile;
        this.modelPath = modelPath;
        this.inputTensor = inputTensor;
        this.input = input;
        this.section = section;
    }

    /** A manifest on the class path, {@code /dev/openrecog/vision/models/<name>.json}, its model beside it. */
    static FaceModel builtIn(String name, String kind) {
        String resource = MODELS_DIR + name + ".json";
        byte[] json = resource(resource);
        if (json == null) {
            throw new ModelManifestException("no built-in face model manifest " + resource);
        }
        return parse(json, "classpath:" + resource, kind, null);
    }

    /**
     * A manifest's JSON; its model is {@code model}, or the file it names in the folder {@code model}, or (null) the
     * class path resource it names beside the built-in manifests.
     */
    static FaceModel parse(byte[] json, String source, String kind, Path model) {
        Map<String, Object> root;
        try {
            root = JSON.std.mapFrom(new String(json, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw new ModelManifestException(source + ": not a JSON object: " + e.getMessage(), e);
        }
        if (root == null) {
            throw new ModelManifestException(source + ": not a JSON object");
        }
        Fields top = new Fields(source, "", root);
        int format = top.positive("format");
        if (format != 1) {
            throw top.bad("format", "is " + format + "; this version reads format 1");
        }
        String name = top.string("name");
        top.string("description", "");
        String file = top.string("model");
        if (file.contains("/") || file.contains("\\") || file.contains("..") || file.contains(":")) {
            throw top.bad("model", "must be a file name beside the manifest");
        }
        Path path = model == null ? null : Files.isDirectory(model) ? model.resolve(file) : model;
        if (path == null ? FaceModel.class.getResource(MODELS_DIR + file) == null : !Files.isRegularFile(path)) {
            throw top.bad("model", "names " + (path == null ? MODELS_DIR + file : path) + ", which does not exist");
        }
        Fields in = top.object("input");
        String tensor = in.string("tensor");
        InputSpec spec;
        try {
            spec = InputSpec.fromMap(in.rawMap()); // it validates its own keys, and leaves "tensor" to us
        } catch (IllegalArgumentException e) {
            throw new ModelManifestException(source + ": " + e.getMessage(), e);
        }
        Fields section = top.object(kind);
        top.rejectUnknown();
        return new FaceModel(source, name, file, path, tensor, spec, section);
    }

    static byte[] resource(String resource) {
        try (InputStream in = FaceModel.class.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new ModelManifestException("cannot read class path resource " + resource + ": " + e, e);
        }
    }

    String source() {
        return source;
    }

    String name() {
        return name;
    }

    String modelFile() {
        return modelFile;
    }

    byte[] modelBytes() {
        if (modelPath == null) {
            return resource(MODELS_DIR + modelFile);
        }
        try {
            return Files.readAllBytes(modelPath);
        } catch (IOException e) {
            throw new ModelManifestException(source + ": cannot read model " + modelPath + ": " + e, e);
        }
    }

    String inputTensor() {
        return inputTensor;
    }

    InputSpec input() {
        return input;
    }

    /** The {@code detector} or {@code embedder} section; its reader calls {@link Fields#rejectUnknown()}. */
    Fields section() {
        return section;
    }

    ModelManifestException bad(String what) {
        return new ModelManifestException(source + ": " + what);
    }
}
