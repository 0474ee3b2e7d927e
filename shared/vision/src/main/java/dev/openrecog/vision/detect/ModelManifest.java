package dev.openrecog.vision.detect;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A model manifest: everything the {@link Detector} needs to know about an ONNX detector (input tensor and
 * preprocessing, output decoding, label map, taxonomy, default thresholds), so that another model is plugged in by
 * writing a manifest, not code. The format is documented in {@code shared/vision/MODELS.md}.
 *
 * <p>Built-in manifests live on the class path under {@code /dev/openrecog/vision/models/<name>.json}
 * ({@link #builtIn(String)}); a user's manifest is a file, or {@code manifest.json} in a folder ({@link #load(Path)}).
 * In both cases the model file and a label file are resolved relative to the manifest.
 */
public final class ModelManifest {
    /** The manifest format version this code reads. */
    public static final int FORMAT = 1;
    /** The built-in model used when nothing else is configured (chosen by measured accuracy; see MODELS.md). */
    public static final String DEFAULT_MODEL = "centernet";

    /** The manifest's file name when {@link #load(Path)} is given a folder. */
    public static final String MANIFEST_FILE = "manifest.json";

    static final String MODELS_DIR = "/dev/openrecog/vision/models/";
    static final String LABELS_DIR = "/dev/openrecog/vision/labels/";
    private static final List<String> BUILT_IN = List.of("centernet", "nanodet");
    private static final List<String> TAXONOMIES = List.of("coco");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final String name;
    private final String description;
    private final String source;
    private final String modelFile;
    private final Path modelPath;
    private final String modelResource;
    private final ModelInput input;
    private final String decoderKind;
    private final OutputDecoder decoder;
    private final List<String> labels;
    private final String labelMap;
    private final String taxonomy;
    private final float scoreThreshold;
    private final float nmsIou;
    private final int maxDetections;

    private ModelManifest(Builder b) {
        this.name = b.name;
        this.description = b.description;
        this.source = b.source;
        this.modelFile = b.modelFile;
        this.modelPath = b.modelPath;
        this.modelResource = b.modelResource;
        this.input = b.input;
        this.decoderKind = b.decoderKind;
        this.decoder = b.decoder;
        this.labels = Collections.unmodifiableList(new ArrayList<>(b.labels));
        this.labelMap = b.labelMap;
        this.taxonomy = b.taxonomy;
        this.scoreThreshold = b.scoreThreshold;
        this.nmsIou = b.nmsIou;
        this.maxDetections = b.maxDetections;
    }

    /** The names of the manifests shipped in this module. */
    public static List<String> builtInNames() {
        return BUILT_IN;
    }

    /** The built-in default model ({@value #DEFAULT_MODEL}). */
    public static ModelManifest defaultModel() {
        return builtIn(DEFAULT_MODEL);
    }

    /**
     * Loads a manifest from the class path, {@code /dev/openrecog/vision/models/<name>.json}. Any manifest placed
     * there (for instance by another jar) can be loaded, not only the {@link #builtInNames() shipped} ones.
     *
     * @throws ModelManifestException when there is no such manifest or it is malformed
     */
    public static ModelManifest builtIn(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ModelManifestException("invalid model name '" + name + "': lower-case letters, digits, '.', '_'"
                    + " and '-', at most 64");
        }
        String resource = MODELS_DIR + name + ".json";
        byte[] json = readResource(resource);
        if (json == null) {
            throw new ModelManifestException("no built-in model manifest '" + name + "' (" + resource + "); built in: "
                    + BUILT_IN);
        }
        return parse(json, "classpath:" + resource, null, MODELS_DIR);
    }

    /**
     * Loads a manifest file, or {@value #MANIFEST_FILE} in a folder. Its {@code model} (and a label file) are
     * resolved relative to the manifest's folder.
     *
     * @throws ModelManifestException when the file cannot be read or is malformed, or the model file is missing
     */
    public static ModelManifest load(Path manifest) {
        if (Files.isDirectory(manifest)) {
            manifest = manifest.resolve(MANIFEST_FILE);
        }
        byte[] json;
        try {
            json = Files.readAllBytes(manifest);
        } catch (NoSuchFileException e) {
            throw new ModelManifestException("model manifest not found: " + manifest);
        } catch (IOException e) {
            throw new ModelManifestException("cannot read model manifest " + manifest + ": " + e.getMessage(), e);
        }
        Path dir = manifest.toAbsolutePath().normalize().getParent();
        return parse(json, manifest.toString(), dir, null);
    }

    private static ModelManifest parse(byte[] json, String source, Path dir, String resourceDir) {
        Map<String, Object> root;
        try {
            root = JSON.std.mapFrom(new String(json, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw new ModelManifestException(source + ": not a JSON object: " + e.getMessage(), e);
        }
        if (root == null) {
            throw new ModelManifestException(source + ": not a JSON object");
        }
        Fields f = new Fields(source, "", root);
        Builder b = new Builder();
        b.source = source;
        int format = f.integer("format");
        if (format != FORMAT) {
            throw f.bad("format", "is " + format + "; this version reads format " + FORMAT);
        }
        b.name = f.string("name");
        b.description = f.string("description", "");
        b.modelFile = relativeName(f, "model");
        if (dir != null) {
            b.modelPath = dir.resolve(b.modelFile).normalize();
            if (!Files.isRegularFile(b.modelPath)) {
                throw f.bad("model", "names " + b.modelPath + ", which is not a file");
            }
        } else {
            b.modelResource = resourceDir + b.modelFile;
            if (ModelManifest.class.getResource(b.modelResource) == null) {
                throw f.bad("model", "names class path resource " + b.modelResource + ", which does not exist");
            }
        }
        b.input = ModelInput.parse(f.object("input"));
        Fields d = f.object("decoder");
        b.decoderKind = d.string("kind").toLowerCase(Locale.ROOT);
        readLabels(f, b, dir, resourceDir);
        if (f.has("taxonomy")) {
            b.taxonomy = f.string("taxonomy");
            if (!TAXONOMIES.contains(b.taxonomy)) {
                throw f.bad("taxonomy", "is '" + b.taxonomy + "'; known taxonomies: " + TAXONOMIES
                        + " (leave it out for a label map without one)");
            }
            if (b.taxonomy.equals("coco") && b.labels.size() != 80) {
                throw f.bad("taxonomy", "'coco' needs the 80 COCO classes in model order, but the label map has "
                        + b.labels.size());
            }
        }
        b.scoreThreshold = (float) f.fraction("scoreThreshold", 0.3);
        b.nmsIou = (float) f.fraction("nmsIou", 0.5);
        b.maxDetections = f.positive("maxDetections", 100);
        f.rejectUnknown();
        b.decoder = OutputDecoder.create(b.decoderKind, d, b.input, b.labels.size());
        d.rejectUnknown();
        return new ModelManifest(b);
    }

    private static void readLabels(Fields f, Builder b, Path dir, String resourceDir) {
        Object v = f.raw("labels");
        List<String> labels = new ArrayList<>();
        if (v instanceof List) {
            for (Object o : (List<?>) v) {
                if (!(o instanceof String) || ((String) o).isEmpty()) {
                    throw f.bad("labels", "must hold non-empty strings");
                }
                labels.add((String) o);
            }
            b.labelMap = "inline";
        } else if (v instanceof String && !((String) v).endsWith(".txt")) {
            String id = (String) v;
            if (!NAME.matcher(id).matches()) {
                throw f.bad("labels", "'" + id + "' is neither a built-in label map nor a .txt file");
            }
            byte[] text = readResource(LABELS_DIR + id + ".txt");
            if (text == null) {
                throw f.bad("labels", "names no built-in label map '" + id + "'");
            }
            labels = lines(text);
            b.labelMap = id;
        } else if (v instanceof String) {
            String file = relativeName(f, "labels");
            byte[] text;
            if (dir != null) {
                try {
                    text = Files.readAllBytes(dir.resolve(file));
                } catch (IOException e) {
                    throw f.bad("labels", "names " + dir.resolve(file) + ", which cannot be read: " + e);
                }
            } else {
                text = readResource(resourceDir + file);
                if (text == null) {
                    throw f.bad("labels", "names class path resource " + resourceDir + file + ", which does not exist");
                }
            }
            labels = lines(text);
            b.labelMap = file;
        } else {
            throw f.bad("labels", v == null ? "is missing" : "must be a label map name, a .txt file or a list");
        }
        if (labels.isEmpty()) {
            throw f.bad("labels", "holds no labels");
        }
        b.labels = labels;
    }

    /** A file name relative to the manifest: no absolute paths and no way out of the manifest's folder. */
    private static String relativeName(Fields f, String key) {
        String v = f.string(key);
        if (v.startsWith("/") || v.startsWith("\\") || v.contains("..") || v.contains(":") || v.contains("\\")) {
            throw f.bad(key, "must be a file name relative to the manifest's folder, without '..'");
        }
        return v;
    }

    private static List<String> lines(byte[] text) {
        List<String> out = new ArrayList<>();
        for (String line : new String(text, StandardCharsets.UTF_8).split("\r?\n")) {
            String t = line.strip();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    static byte[] readResource(String resource) {
        try (InputStream in = ModelManifest.class.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new ModelManifestException("cannot read class path resource " + resource + ": " + e.getMessage(), e);
        }
    }

    /** The model's name, as the manifest gives it. */
    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** Where the manifest came from ({@code classpath:/...} or a file path), for messages. */
    public String source() {
        return source;
    }

    /** The model file as the manifest names it (relative to the manifest). */
    public String modelFile() {
        return modelFile;
    }

    /** The model file on disk, for a manifest loaded from a file. */
    public Optional<Path> modelPath() {
        return Optional.ofNullable(modelPath);
    }

    /** The model's class path resource, for a built-in manifest. */
    public Optional<String> modelResource() {
        return Optional.ofNullable(modelResource);
    }

    /** The ONNX model's bytes (read from the class path or the file). */
    public byte[] modelBytes() {
        if (modelPath != null) {
            try {
                return Files.readAllBytes(modelPath);
            } catch (IOException e) {
                throw new ModelManifestException("cannot read model " + modelPath + ": " + e.getMessage(), e);
            }
        }
        byte[] bytes = readResource(modelResource);
        if (bytes == null) {
            throw new ModelManifestException("model resource missing: " + modelResource);
        }
        return bytes;
    }

    public ModelInput input() {
        return input;
    }

    /** The output decoder kind ({@code centernet}, {@code nanodet}). */
    public String decoderKind() {
        return decoderKind;
    }

    OutputDecoder decoder() {
        return decoder;
    }

    /** The label keys in model output order. */
    public List<String> labels() {
        return labels;
    }

    /** The label map's name: a built-in id ({@code coco80}), a file name, or {@code inline}. */
    public String labelMap() {
        return labelMap;
    }

    /** The taxonomy that the class indexes map onto ({@code coco}: {@code Taxonomy.coco()}), if any. */
    public Optional<String> taxonomy() {
        return Optional.ofNullable(taxonomy);
    }

    /** The default minimum score of a detection. */
    public float scoreThreshold() {
        return scoreThreshold;
    }

    /** Two boxes of the same class overlapping more than this (IoU) are one object. */
    public float nmsIou() {
        return nmsIou;
    }

    /** At most this many detections per image, best first. */
    public int maxDetections() {
        return maxDetections;
    }

    @Override
    public String toString() {
        return name + " (" + source + ", " + decoderKind + ", " + labels.size() + " labels)";
    }

    private static final class Builder {
        String name;
        String description;
        String source;
        String modelFile;
        Path modelPath;
        String modelResource;
        ModelInput input;
        String decoderKind;
        OutputDecoder decoder;
        List<String> labels;
        String labelMap;
        String taxonomy;
        float scoreThreshold;
        float nmsIou;
        int maxDetections;
    }
}
