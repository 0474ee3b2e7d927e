package dev.openrecog.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where things are in the openrecog work tree. */
final class Repo {
    /** The nine library operations, in the order the results list them. */
    static final List<String> OPERATIONS = List.of(
        "create-recognition-lib", "list-recognition-libs", "delete-recognition-lib",
        "create-recognition-entity", "list-recognition-entities", "delete-recognition-entity",
        "create-recognition-sample", "list-recognition-samples", "delete-recognition-sample");

    /** The face photo CreateRecognitionSample's and RecognizeImage's events name (bucket/key), which face-api's sample1.jpg serves. */
    static final String FACE_OBJECT = "openrecog-photos/uploads/alice-zhang.jpg";

    /** The tenant of every Lambda event: the account of its IAM caller, which gateway mode takes (events/README.md). */
    static final String EVENTS_TENANT = "123456789012";

    private final Path root;

    private Repo(Path root) {
        this.root = root;
    }

    /** The work tree: -Dopenrecog.home, or the nearest folder at or above the working directory with functions/ and events/. */
    static Repo locate() {
        String home = System.getProperty("openrecog.home");
        if (home != null) {
            return new Repo(Path.of(home).toAbsolutePath().normalize());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("functions")) && Files.isDirectory(dir.resolve("events"))) {
                return new Repo(dir);
            }
        }
        throw new IllegalStateException("Run from inside the openrecog work tree, or set -Dopenrecog.home");
    }

    Path root() {
        return root;
    }

    Path functionJar(String dir) {
        return root.resolve("functions").resolve(dir).resolve("target").resolve("openrecog-" + dir + ".jar");
    }

    /**
     * The copy of a function jar this run measures, taken at its start: a rebuild of the work tree
     * during the run changes neither the jar measured nor the class path its AppCDS archive was made for.
     */
    Path measuredJar(String dir) {
        return work().resolve("jars").resolve("openrecog-" + dir + ".jar");
    }

    Path event(String dir) {
        return root.resolve("events").resolve(dir).resolve("lambda-http-v2.json");
    }

    /** dev.openrecog.functions.createrecognitionlib.LambdaHandler for create-recognition-lib. */
    static String lambdaHandler(String dir) {
        return "dev.openrecog.functions." + dir.replace("-", "") + ".LambdaHandler";
    }

    /** face-api's demo photo n (1 to 6, 3 to 5 faces each), installed by tools/model-converter/setup.sh. */
    Path facePhoto(int n) {
        return root.resolve("tools/model-converter/node/node_modules/@vladmandic/face-api/demo/sample" + n + ".jpg");
    }

    /** The photo of {@link #FACE_OBJECT}. */
    Path facePhoto() {
        return facePhoto(1);
    }

    /** Puts the photo of {@link #FACE_OBJECT} into a local objects folder (OPENRECOG_OBJECTS_DIR). */
    void stageFacePhoto(Path objects) throws java.io.IOException {
        if (!Files.exists(facePhoto())) {
            throw new IllegalStateException(facePhoto() + " is missing: run tools/model-converter/setup.sh");
        }
        Path target = objects.resolve(FACE_OBJECT);
        Files.createDirectories(target.getParent());
        Files.copy(facePhoto(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    Path moduleTarget() {
        return root.resolve("tools").resolve("benchmarks").resolve("target");
    }

    Path invokerJar() {
        return moduleTarget().resolve("openrecog-benchmarks-invoker.jar");
    }

    /** Scratch space of one run: child output, class-load logs, CDS archives. */
    Path work() {
        return moduleTarget().resolve("bench");
    }

    /** Every built function jar, the nine operations and the gateway. */
    List<String> functionDirs() throws java.io.IOException {
        try (var dirs = Files.list(root.resolve("functions"))) {
            return dirs.filter(Files::isDirectory)
                .map(dir -> dir.getFileName().toString())
                .filter(dir -> Files.exists(functionJar(dir)))
                .sorted()
                .collect(java.util.stream.Collectors.toList());
        }
    }
}
