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
