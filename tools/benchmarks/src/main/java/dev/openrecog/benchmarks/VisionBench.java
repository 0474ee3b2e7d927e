package dev.openrecog.benchmarks;

import dev.openrecog.dynamodblocal.DynamoDbLocal;
import dev.openrecog.store.dynamodb.RecognitionTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The vision section: DetectImageLabels on a 640×480 JPEG, warm (against the raw ONNX Runtime inference in the same
 * JVM) and cold (against a JVM that only creates the ONNX Runtime session); RecognizeImage of a group photo against a
 * face library of a few samples, warm (against {@code VisionRecognizer.recognize} in the same JVM) and cold (against a
 * JVM that only creates the face models' sessions); the peak RSS of the cold runs, and the sizes of the vision jars.
 * The functions read their images from a local objects folder, and RecognizeImage its library from a DynamoDB Local
 * of this section's own.
 */
final class VisionBench {
    static final String FUNCTION = "detect-image-labels";
    static final String RECOGNIZE = "recognize-image";
    /** The jars that carry the vision engine. */
    static final List<String> JARS = List.of("detect-image-labels", "image-upload-trigger", "create-recognition-sample",
        RECOGNIZE, "rpc-gateway");
    /** The face models RecognizeImage loads (FaceAnalyzer's detector and embedder). */
    static final List<String> FACE_MODELS = List.of("blazeface.onnx", "faceres.onnx");
    /** The photos whose largest faces make RecognizeImage's library: face-api's six, one entity each. */
    static final int FACE_SAMPLES = 6;
    static final Path SOURCE_IMAGE = Path.of("/usr/share/darknet/data/dog.jpg");
    static final int WIDTH = 640;
    static final int HEIGHT = 480;
    static final float JPEG_QUALITY = 0.9f;
    static final String BUCKET = "photos";
    static final String KEY = "dog-640.jpg";

    /** The targets. */
    static final double WARM_RATIO_TARGET = 1.5;
    static final double COLD_SECONDS_TARGET = 1.5;
    static final double COLD_RATIO_TARGET = 2.0;
    /** 512 MB as Lambda counts memory: MiB. */
    static final double RSS_MIB_TARGET = 512;
    static final double JAR_MB_TARGET = 60;

    private final Repo repo;
    private final int warmup;
    private final int timed;
    private final int coldRuns;
    private final List<String> warmFlags;
    private final List<String> extraFlags;
    private final Path work;

    VisionBench(Repo repo, int warmup, int timed, int coldRuns, List<String> warmFlags, List<String> extraFlags) {
        this.repo = repo;
        this.warmup = warmup;
        this.timed = timed;
        this.coldRuns = coldRuns;
        this.warmFlags = warmFlags;
        this.extraFlags = extraFlags;
        this.work = repo.work().resolve("vision");
    }

    /** Runs everything and returns the section (Markdown). */
    String run() throws IOException, InterruptedException {
        long started = System.nanoTime();
        String loadBefore = Benchmarks.loadAverage();
        for (String dir : JARS) {
            Path jar = repo.functionJar(dir);
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: build the function jars: mvn -q -DskipTests install");
            }
        }
        if (!Files.exists(SOURCE_IMAGE)) {
            throw new IllegalStateException(SOURCE_IMAGE + " is missing: apt-get install darknet (Debian's package ships it)");
        }
        Files.createDirectories(repo.work().resolve("jars"));
        for (String dir : JARS) {
            Files.copy(repo.functionJar(dir), repo.measuredJar(dir), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.COPY_ATTRIBUTES);
        }
        Files.createDirectories(work);
        deleteTree(tmp());
        Files.createDirectories(tmp());
        extractNativeLibraries(repo.measuredJar(FUNCTION), nativeLibraries());
        Path objects = Files.createTempDirectory("openrecog-bench-objects-");
        System.err.println("Vision: starting DynamoDB Local for RecognizeImage's library");
        try (DynamoDbLocal local = DynamoDbLocal.inMemory(); DynamoDbClient client = local.client()) {
            RecognitionTable.createIfMissing(client, Benchmarks.TABLE);
            Path image = objects.resolve(BUCKET).resolve(KEY);
            Files.createDirectories(image.getParent());
            makeImage(SOURCE_IMAGE, image);
            repo.stageFacePhoto(objects);
            Path event = work.resolve("event.json");
            Files.writeString(event, event(), StandardCharsets.UTF_8);
            Map<String, String> environment = environment(local.endpoint().toString(), objects);

            System.err.println("Vision, warm: " + warmup + " warm-up + " + timed + " timed calls");
            Warm warm = warm(environment, FUNCTION, "dev.openrecog.benchmarks.invoker.VisionWarm", "warm",
                results -> List.of(Repo.lambdaHandler(FUNCTION), event.toString(), image.toString(), Integer.toString(warmup),
                    Integer.toString(timed), results.toString()));
            System.err.println("Vision, RecognizeImage warm: " + warmup + " warm-up + " + timed + " timed calls");
            Path recognizeEvent = work.resolve("recognize-event.json");
            Warm recognize = warm(environment, RECOGNIZE, "dev.openrecog.benchmarks.invoker.RecognizeWarm", "recognize-warm",
                results -> recognizeArguments(results, recognizeEvent));
            System.err.println("Vision, cold start: " + coldRuns + " rounds");
            List<ColdStart.Cell> cold = cold(environment, event, recognizeEvent);
            return render(warm, recognize, cold, image, (System.nanoTime() - started) / 1e9, loadBefore);
        } finally {
            deleteTree(objects);
            deleteTree(tmp());
        }
    }

    /**
     * The children's java.io.tmpdir: ONNX Runtime extracts its native libraries into a new folder there at every
     * start and leaves the empty folder behind, so the runs' leftovers stay in the benchmark's scratch space (same
     * file system as /tmp here) and go when the section ends.
     */
    private Path tmp() {
        return work.resolve("tmp");
    }

    /** ONNX Runtime's native libraries, extracted once from the function jar for the pre-extracted runs. */
    private Path nativeLibraries() {
        return work.resolve("onnxruntime-native");
    }

    private static final String NATIVE_DIR = "ai/onnxruntime/native/linux-x64/";

    /** The size of the pre-extracted native libraries. */
    private long nativeBytes() throws IOException {
        try (Stream<Path> files = Files.list(nativeLibraries())) {
            long total = 0;
            for (Path f : files.toList()) {
                total += Files.size(f);
            }
            return total;
        }
    }

    private static void extractNativeLibraries(Path jar, Path target) throws IOException {
        deleteTree(target);
        Files.createDirectories(target);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (!entry.isDirectory() && entry.getName().startsWith(NATIVE_DIR)
                    && entry.getName().indexOf('/', NATIVE_DIR.length()) < 0) {
                    try (var in = zip.getInputStream(entry)) {
                        Files.copy(in, target.resolve(entry.getName().substring(NATIVE_DIR.length())));
                    }
                }
            }
        }
        try (Stream<Path> files = Files.list(target)) {
            if (files.noneMatch(f -> f.getFileName().toString().startsWith("libonnxruntime"))) {
                throw new IllegalStateException(jar + " holds no " + NATIVE_DIR + "libonnxruntime*");
            }
        }
    }

    /** System properties every vision child gets: its own java.io.tmpdir (see tmp()). */
    private List<String> childOptions() {
        return List.of("-Djava.io.tmpdir=" + tmp());
    }

    private List<String> preExtractedOptions() {
        List<String> options = new ArrayList<>(childOptions());
        options.add("-Donnxruntime.native.path=" + nativeLibraries());
        return options;
    }

    // --- set-up ----------------------------------------------------------------------------------

    /** dog.jpg (768×576) resized to 640×480 with Java2D (bilinear, quality hints), written as a JPEG of quality 0.9. */
    static void makeImage(Path source, Path target) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage original = ImageIO.read(source.toFile());
        if (original == null) {
            throw new IOException("Cannot decode " + source);
        }
        BufferedImage resized = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = resized.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(original, 0, 0, WIDTH, HEIGHT, null);
        } finally {
            g.dispose();
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(target.toFile())) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.setOutput(out);
            writer.write(null, new IIOImage(resized, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /** The repository's DetectImageLabels event, pointed at the image (the rest as it is: Threshold 0.3, Language en). */
    private String event() throws IOException {
        String template = Files.readString(repo.event(FUNCTION), StandardCharsets.UTF_8);
        String uri = "s3://openrecog-photos/uploads/dog.jpg";
        if (!template.contains(uri)) {
            throw new IllegalStateException(repo.event(FUNCTION) + " no longer names " + uri + "; update VisionBench.event()");
        }
        return template.replace(uri, "oss://" + BUCKET + "/" + KEY);
    }

    /**
     * The CRUD children's environment (the parent's without JVM option variables, the table on DynamoDB Local), without
     * OPENRECOG_MODEL (so the default model is measured), plus OPENRECOG_OBJECTS_DIR.
     */
    private static Map<String, String> environment(String endpoint, Path objects) {
        Map<String, String> env = Benchmarks.childEnvironment(endpoint);
        env.remove("OPENRECOG_MODEL");
        env.put("OPENRECOG_OBJECTS_DIR", objects.toString());
        return env;
    }

    /** RecognizeWarm's arguments: the event names the face photo; the library is face-api's six photos. */
    private List<String> recognizeArguments(Path results, Path recognizeEvent) {
        List<String> args = new ArrayList<>(List.of(Repo.lambdaHandler(RECOGNIZE), repo.event(RECOGNIZE).toString(),
            repo.facePhoto().toString(), Repo.EVENTS_TENANT, Integer.toString(warmup), Integer.toString(timed), results.toString(),
            recognizeEvent.toString()));
        for (int n = 1; n <= FACE_SAMPLES; n++) {
            args.add(repo.facePhoto(n).toString());
        }
        return args;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private List<Path> classPath(String function) {
        return List.of(repo.measuredJar(function), repo.invokerJar());
    }

    // --- warm ------------------------------------------------------------------------------------

    /** What the warm JVM wrote: its samples and facts, and its wall time. */
    record Warm(Map<String, Stats> stats, Map<String, String> info, double wallSeconds) {
        Stats get(String name) {
            return stats.get(name);
        }
    }

    /**
     * One warm JVM on a function's jar and the invoker jar, running {@code mainClass} with the arguments made for its
     * results file; {@code name} names its files in the scratch folder.
     */
    private Warm warm(Map<String, String> environment, String function, String mainClass, String name,
                      java.util.function.Function<Path, List<String>> arguments) throws IOException, InterruptedException {
        Path results = work.resolve(name + "-results.tsv");
        Files.deleteIfExists(results);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(childOptions());
        command.addAll(warmFlags);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath(function).stream().map(Path::toString).toList()));
        command.add(mainClass);
        command.addAll(arguments.apply(results));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.redirectOutput(work.resolve(name + "-handler-stdout.log").toFile());
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        long start = System.nanoTime();
        int exit = builder.start().waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        if (exit != 0 || !Files.exists(results)) {
            throw new IllegalStateException("The vision warm JVM " + mainClass + " failed (exit " + exit + "); see its output above");
        }
        Map<String, Stats> stats = new LinkedHashMap<>();
        Map<String, String> info = new LinkedHashMap<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", 2);
            if (f[0].startsWith("info:")) {
                info.put(f[0].substring(5), f.length > 1 ? f[1] : "");
            } else {
                stats.put(f[0], new Stats(java.util.Arrays.stream(f[1].split(",")).mapToLong(Long::parseLong).toArray()));
            }
        }
        return new Warm(stats, info, wall);
    }

    // --- cold ------------------------------------------------------------------------------------

    private List<ColdStart.Config> configs() {
        return ColdStart.configs(extraFlags);
    }

    /** The configuration of the pre-extracted runs: the optimized one. */
    private static final ColdStart.Config PRE_EXTRACTED_CONFIG = ColdStart.CONFIGS.get(2);

    /**
     * The handler and its floor in every configuration; then both again, in the optimized configuration only, with
     * ONNX Runtime's native libraries already extracted (its onnxruntime.native.path), to show what extracting them
     * from the jar at every start costs.
     */
    private List<ColdStart.Cell> cold(Map<String, String> environment, Path event, Path recognizeEvent)
        throws IOException, InterruptedException {
        ColdStart coldStart = new ColdStart(repo, environment);
        List<ColdStart.Program> programs = new ArrayList<>(programs(event, "", childOptions()));
        programs.add(new ColdStart.Program("recognize-ort-sessions", "floor: OrtEnvironment + the face models' sessions", RECOGNIZE,
            classPath(RECOGNIZE), "dev.openrecog.benchmarks.invoker.OrtSessionOnly", run -> FACE_MODELS, childOptions()));
        programs.add(new ColdStart.Program("recognize-handler", "LambdaHandler, 1 event", RECOGNIZE, classPath(RECOGNIZE),
            "dev.openrecog.benchmarks.invoker.Invoke",
            run -> List.of(Repo.lambdaHandler(RECOGNIZE), recognizeEvent.toString(), "--peak-rss"), childOptions()));
        List<ColdStart.Cell> cells = new ArrayList<>(coldStart.measure(programs, configs(), coldRuns, false));
        System.err.println("Vision, cold start with the native libraries pre-extracted (" + PRE_EXTRACTED_CONFIG.name() + ")");
        cells.addAll(coldStart.measure(programs(event, "-pre-extracted", preExtractedOptions()), List.of(PRE_EXTRACTED_CONFIG),
            coldRuns, false));
        return cells;
    }

    private List<ColdStart.Program> programs(Path event, String suffix, List<String> options) {
        return List.of(
            new ColdStart.Program("vision-ort-session" + suffix, "floor: OrtEnvironment + OrtSession(centernet.onnx)", FUNCTION,
                classPath(FUNCTION), "dev.openrecog.benchmarks.invoker.OrtSessionOnly", run -> List.of(), options),
            new ColdStart.Program("vision-handler" + suffix, "LambdaHandler, 1 event", FUNCTION, classPath(FUNCTION),
                "dev.openrecog.benchmarks.invoker.Invoke",
                run -> List.of(Repo.lambdaHandler(FUNCTION), event.toString(), "--peak-rss"), options));
    }

    // --- report ----------------------------------------------------------------------------------

    private String render(Warm warm, Warm recognize, List<ColdStart.Cell> cells, Path image, double wallSeconds, String loadBefore)
        throws IOException {
        Map<String, ColdStart.Cell> byKey = new LinkedHashMap<>();
        for (ColdStart.Cell cell : cells) {
            byKey.put(cell.program.id() + "|" + cell.config.name(), cell);
        }
        List<ColdStart.Config> configs = configs();
        StringBuilder out = new StringBuilder("## 4. Vision: DetectImageLabels and RecognizeImage\n\n");
        out.append("Targets (DetectImageLabels'): warm p50 end to end ≤ 1.5× the raw inference p50 of the same run; cold start with ")
            .append("the model load ≤ 1.5 s and ≤ 2× creating the ONNX Runtime session alone; peak RSS ≤ 512 MB; deployable ≤ 60 MB. ")
            .append("RecognizeImage has no latency targets of its own: its figures stand beside their floors; the memory and jar ")
            .append("targets hold for every vision function.\n\n");
        out.append(String.format(Locale.ROOT, "Image: `%s/%s`, %d bytes, made at the start from `%s` (resized to %d×%d with Java2D, "
                + "bilinear; JPEG quality %.1f) in a temporary objects folder (`OPENRECOG_OBJECTS_DIR`). Event: `events/%s/lambda-http-v2.json` "
                + "with `SourceURI` = `oss://%s/%s` (Threshold %s, Language %s). Model: %s (OPENRECOG_MODEL unset), %s intra-op threads. "
                + "Load average at the start of this section: %s.%n%n",
            BUCKET, KEY, Files.size(image), SOURCE_IMAGE, WIDTH, HEIGHT, JPEG_QUALITY, FUNCTION, BUCKET, KEY,
            warm.info().get("threshold"), warm.info().get("language"), warm.info().get("model"),
            warm.info().get("intra-op threads"), loadBefore));

        Stats handler = warm.get("handler");
        Stats raw = warm.get("raw");
        Stats decode = warm.get("decode");
        Stats labeler = warm.get("labeler");

        // The summary, one line per target.
        Markdown summary = new Markdown("figure", "measured", "floor (same run)", "ratio", "target", "within");
        summary.row("warm p50, handler end to end ÷ raw `OrtSession.run`", Markdown.ms(handler.median(), 1) + " ms",
            Markdown.ms(raw.median(), 1) + " ms", Markdown.ratio(handler.median(), raw.median()), "≤ 1.5×",
            yes(handler.median() <= WARM_RATIO_TARGET * raw.median()));
        summary.row("warm p99, handler ÷ raw", Markdown.ms(handler.percentile(99), 1) + " ms",
            Markdown.ms(raw.percentile(99), 1) + " ms", Markdown.ratio(handler.percentile(99), raw.percentile(99)), "", "");
        for (ColdStart.Config config : configs) {
            ColdStart.Cell h = byKey.get("vision-handler|" + config.name());
            ColdStart.Cell f = byKey.get("vision-ort-session|" + config.name());
            summary.row("cold start, " + config.name() + " (median)", Markdown.s(h.wall().median()) + " s",
                Markdown.s(f.wall().median()) + " s", Markdown.ratio(h.wall().median(), f.wall().median()), "≤ 1.5 s, ≤ 2×",
                yes(h.wall().median() <= COLD_SECONDS_TARGET * 1e9 && h.wall().median() <= COLD_RATIO_TARGET * f.wall().median()));
        }
        for (String[] ids : new String[][] {{"vision-handler", "vision-ort-session", ""}, {"recognize-handler", "recognize-ort-sessions",
            "RecognizeImage, "}}) {
            for (ColdStart.Config config : configs) {
                ColdStart.Cell h = byKey.get(ids[0] + "|" + config.name());
                ColdStart.Cell f = byKey.get(ids[1] + "|" + config.name());
                long hwm = h.stats(r -> r.extra("hwm")).max();
                summary.row(ids[2] + "peak RSS of a cold run, " + config.name() + " (max of runs)", mib(hwm),
                    mib(f.stats(r -> r.extra("hwm")).max()), Markdown.ratio(hwm, f.stats(r -> r.extra("hwm")).max()), "≤ 512 MiB",
                    yes(hwm <= RSS_MIB_TARGET * 1024));
            }
        }
        Stats recognized = recognize.get("handler");
        Stats recognizeRaw = recognize.get("raw");
        summary.row("RecognizeImage, warm p50, handler ÷ `VisionRecognizer.recognize`", Markdown.ms(recognized.median(), 1) + " ms",
            Markdown.ms(recognizeRaw.median(), 1) + " ms", Markdown.ratio(recognized.median(), recognizeRaw.median()), "", "");
        for (ColdStart.Config config : configs) {
            ColdStart.Cell h = byKey.get("recognize-handler|" + config.name());
            ColdStart.Cell f = byKey.get("recognize-ort-sessions|" + config.name());
            summary.row("RecognizeImage, cold start, " + config.name() + " (median)", Markdown.s(h.wall().median()) + " s",
                Markdown.s(f.wall().median()) + " s", Markdown.ratio(h.wall().median(), f.wall().median()), "", "");
        }
        for (String dir : JARS) {
            long bytes = Files.size(repo.measuredJar(dir));
            summary.row("jar " + dir, String.format(Locale.ROOT, "%.2f MB", bytes / 1e6), "", "", "≤ 60 MB", yes(bytes <= JAR_MB_TARGET * 1e6));
        }
        out.append(summary.render()).append('\n');
        out.append("Jar MB = 10^6 bytes; RSS in MiB (the kernel's kB are KiB; Lambda's 512 MB of memory are 512 MiB). *within* says whether the figure meets its target ")
            .append("in this run; nothing is asserted.\n\n");

        // Warm.
        out.append("### Warm\n\n");
        out.append("One JVM (").append(warmFlags.isEmpty() ? "default flags" : "`" + String.join(" ", warmFlags) + "`")
            .append("), class path: the function jar and the invoker jar, so that the handler and the floors share one ONNX Runtime. ")
            .append("Each measured thing gets ").append(warmup).append(" warm-up calls, then ").append(timed)
            .append(" timed calls in ten blocks taken in turn (handler, raw, decode, labeler, handler, ...), so that the machine's ")
            .append("load weighs on all of them alike. *handler* = `handleRequest` of the LambdaHandler (event parsing, reading the ")
            .append("file, decoding, inference, labels, the JSON response). *raw* = `OrtSession.run` fetching the two outputs the ")
            .append("centernet decoder reads, and closing its result, on the image preprocessed once, on a session of its own created ")
            .append("from the same centernet.onnx with the Detector's options. *decode + preprocess* = `ImageDecoder.decode` + ")
            .append("`Preprocess.toTensor` on the JPEG's bytes. *labeler* = `VisionLabeler.detect` with the event's Threshold and ")
            .append("Language, on a Detector of its own. Milliseconds.\n\n");
        Markdown table = new Markdown("measured", "n", "p50", "p90", "p99", "min", "max", "mean");
        for (String[] row : new String[][] {{"handler", "**handler** (DetectImageLabels end to end)"},
            {"raw", "raw `OrtSession.run` (floor)"}, {"decode", "decode + preprocess"},
            {"labeler", "`VisionLabeler.detect` (decode … labels)"},
            {"handler 1st half", "handler, first half of the timed calls"}, {"handler 2nd half", "handler, second half"}}) {
            Stats s = warm.get(row[0]);
            table.row(row[1], s.count(), Markdown.ms(s.median(), 1), Markdown.ms(s.percentile(90), 1), Markdown.ms(s.percentile(99), 1),
                Markdown.ms(s.min(), 1), Markdown.ms(s.max(), 1), Markdown.ms(s.mean(), 1));
        }
        out.append(table.render()).append('\n');
        out.append("Where the handler's p50 goes (differences of p50s, so approximate):\n\n");
        Markdown split = new Markdown("part", "p50 ms", "share of handler p50", "from");
        long inference = raw.median();
        long decodePart = decode.median();
        long labelsPart = labeler.median() - decode.median() - raw.median();
        long rest = handler.median() - labeler.median();
        split.row("decode + preprocess", Markdown.ms(decodePart, 1), share(decodePart, handler.median()), "decode + preprocess");
        split.row("inference (`OrtSession.run`)", Markdown.ms(inference, 1), share(inference, handler.median()), "raw");
        split.row("output copy + decoding + NMS + labels", Markdown.ms(labelsPart, 1), share(labelsPart, handler.median()),
            "labeler − decode − raw");
        split.row("the rest: event, reading the object, response JSON", Markdown.ms(rest, 1), share(rest, handler.median()),
            "handler − labeler");
        out.append(split.render()).append('\n');
        out.append(String.format(Locale.ROOT, "During the timed calls this JVM had %s GC pauses (%s ms) and spent %s ms compiling. "
                + "Its handler was built in %s ms and answered its first call in %s ms. Its peak RSS (three ONNX Runtime sessions: the "
                + "handler's, the labeler's and the raw floor's) was %s. Labels the handler returned: %s. Warm JVM wall time: %.0f s.%n%n",
            warm.info().get("gc pauses"), warm.info().get("gc ms"), warm.info().get("jit ms"),
            Markdown.ms(Long.parseLong(warm.info().get("handler construct ns")), 0),
            Markdown.ms(Long.parseLong(warm.info().get("handler first call ns")), 0),
            mib(Long.parseLong(warm.info().get("peak rss kB"))), warm.info().get("labels"), warm.wallSeconds()));

        out.append("### RecognizeImage, warm\n\n");
        out.append("One JVM (").append(warmFlags.isEmpty() ? "default flags" : "`" + String.join(" ", warmFlags) + "`")
            .append("), class path: the recognize-image jar and the invoker jar. It first makes a face library in DynamoDB Local: one ")
            .append("entity per photo of face-api's demo (").append(FACE_SAMPLES).append("), whose sample is the photo's largest face, ")
            .append("described by the function's `VisionRecognizer` and stored through the store the function uses. *handler* = ")
            .append("`handleRequest` of the LambdaHandler on `events/recognize-image/lambda-http-v2.json` with that library (SourceURI ")
            .append("`s3://").append(Repo.FACE_OBJECT).append("`, face-api's sample1.jpg: event, reading the library's revision, the ")
            .append("warm index, reading the object, face analysis and search, the JSON response). *raw* = `VisionRecognizer.recognize(face)` ")
            .append("on the photo's bytes against an index of the same samples built once, at the event's Threshold, on a recognizer ")
            .append("of its own. ").append(warmup).append(" warm-up calls, then ").append(timed)
            .append(" timed calls in ten blocks taken in turn. Milliseconds.\n\n");
        Markdown recognizeTable = new Markdown("measured", "n", "p50", "p90", "p99", "min", "max", "mean");
        for (String[] row : new String[][] {{"handler", "**handler** (RecognizeImage end to end)"},
            {"raw", "`VisionRecognizer.recognize` (floor)"}, {"handler 1st half", "handler, first half of the timed calls"},
            {"handler 2nd half", "handler, second half"}}) {
            Stats st = recognize.get(row[0]);
            recognizeTable.row(row[1], st.count(), Markdown.ms(st.median(), 1), Markdown.ms(st.percentile(90), 1),
                Markdown.ms(st.percentile(99), 1), Markdown.ms(st.min(), 1), Markdown.ms(st.max(), 1), Markdown.ms(st.mean(), 1));
        }
        out.append(recognizeTable.render()).append('\n');
        out.append(String.format(Locale.ROOT, "p50 ratio handler ÷ floor: %s. Scores the handler answered (threshold %s): %s; the "
                + "floor found %s matches. During the timed calls this JVM had %s GC pauses (%s ms) and spent %s ms compiling. Its "
                + "handler was built in %s ms and answered its first call (loading the face models) in %s ms. Its peak RSS (two "
                + "recognizers) was %s. Warm JVM wall time: %.0f s.%n%n",
            Markdown.ratio(recognized.median(), recognizeRaw.median()), recognize.info().get("threshold"), recognize.info().get("scores"),
            recognize.info().get("raw matches"), recognize.info().get("gc pauses"), recognize.info().get("gc ms"),
            recognize.info().get("jit ms"), Markdown.ms(Long.parseLong(recognize.info().get("handler construct ns")), 0),
            Markdown.ms(Long.parseLong(recognize.info().get("handler first call ns")), 0),
            mib(Long.parseLong(recognize.info().get("peak rss kB"))), recognize.wallSeconds()));

        // Cold.
        String pre = PRE_EXTRACTED_CONFIG.name();
        out.append("### Cold start\n\n");
        out.append("A fresh JVM per run, class path: the function jar and the invoker jar; ").append(coldRuns)
            .append(" timed runs of each, round-robin after one untimed round. *handler* constructs the LambdaHandler (ONNX Runtime ")
            .append("environment, object reader, manifest, model, session, taxonomy), handles the event once and exits. *floor* ")
            .append("(`OrtSessionOnly`) only gets the OrtEnvironment, reads centernet.onnx from the jar and creates the OrtSession with ")
            .append("the Detector's options, then exits. Each child reads its peak RSS (`VmHWM` of /proc/self/status) just before ")
            .append("exiting. Configurations as in section 1; every child also gets `-Djava.io.tmpdir=target/bench/vision/tmp` (ONNX ")
            .append("Runtime extracts its native libraries there; same file system as /tmp). The *pre-extracted* rows (").append(pre)
            .append(" only, measured after the others) add `-Donnxruntime.native.path` = a folder holding those libraries, extracted ")
            .append("once at the start, to show what extracting them at every start costs; the target is about the rows without it. ")
            .append("*recognize-image* constructs its LambdaHandler and recognizes the face photo against the library of the warm run ")
            .append("(DynamoDB Local on loopback); its floor creates the sessions of the face models (")
            .append(String.join(", ", FACE_MODELS)).append(") the same way.\n\n");
        Markdown coldTable = new Markdown("program", "config", "wall median s", "wall min s", "CPU median s", "floor median s",
            "floor min s", "ratio median", "ratio min", "peak RSS median", "peak RSS max");
        List<String[]> coldRows = new ArrayList<>();
        for (ColdStart.Config config : configs) {
            coldRows.add(new String[] {"floor: ORT environment + session", "vision-ort-session", null, config.name()});
        }
        coldRows.add(new String[] {"floor, pre-extracted", "vision-ort-session-pre-extracted", null, pre});
        for (ColdStart.Config config : configs) {
            coldRows.add(new String[] {"**detect-image-labels** LambdaHandler", "vision-handler", "vision-ort-session", config.name()});
        }
        coldRows.add(new String[] {"handler, pre-extracted", "vision-handler-pre-extracted", "vision-ort-session-pre-extracted", pre});
        for (ColdStart.Config config : configs) {
            coldRows.add(new String[] {"floor: ORT environment + face model sessions", "recognize-ort-sessions", null, config.name()});
        }
        for (ColdStart.Config config : configs) {
            coldRows.add(new String[] {"**recognize-image** LambdaHandler", "recognize-handler", "recognize-ort-sessions", config.name()});
        }
        for (String[] row : coldRows) {
            ColdStart.Cell c = byKey.get(row[1] + "|" + row[3]);
            ColdStart.Cell f = row[2] == null ? null : byKey.get(row[2] + "|" + row[3]);
            coldTable.row(row[0], row[3], Markdown.s(c.wall().median()), Markdown.s(c.wall().min()), Markdown.s(c.cpu().median()),
                f == null ? "" : Markdown.s(f.wall().median()), f == null ? "" : Markdown.s(f.wall().min()),
                f == null ? "" : Markdown.ratio(c.wall().median(), f.wall().median()),
                f == null ? "" : Markdown.ratio(c.wall().min(), f.wall().min()),
                mib(c.stats(r -> r.extra("hwm")).median()), mib(c.stats(r -> r.extra("hwm")).max()));
        }
        out.append(coldTable.render()).append('\n');
        out.append("Where the wall time goes (medians, ms). Handler: build = the LambdaHandler's constructor, first request = ")
            .append("`handleRequest`. Floor: build = `OrtEnvironment.getEnvironment()` (extracting and loading the native libraries), ")
            .append("first request = reading the model from the jar + creating the session (the reading alone in its own column). ")
            .append("*handler build beyond the floor* = the handler's build − the floor's build − the floor's first request: what the ")
            .append("constructor does besides starting ONNX Runtime and creating the session. RecognizeImage's handler loads its face ")
            .append("models in its first request, not in its constructor, so its build beyond the floor is negative: its first request ")
            .append("holds the models, the library's read and the recognition.\n\n");
        Markdown phases = new Markdown("program", "config", "JVM start", "build", "first request", "of which model read", "exit",
            "handler build beyond the floor", "AppCDS dump run s");
        for (ColdStart.Cell cell : cells) {
            String id = cell.program.id();
            boolean floor = id.contains("-ort-session");
            boolean preExtracted = id.endsWith("-pre-extracted");
            String beyond = "";
            if (!floor) {
                ColdStart.Cell f = byKey.get(id.replace("-handler", id.startsWith("recognize") ? "-ort-sessions" : "-ort-session")
                    + "|" + cell.config.name());
                beyond = Markdown.ms(cell.median(ColdStart.Run::init) - f.median(ColdStart.Run::init) - f.median(ColdStart.Run::request), 0);
            }
            phases.row(cell.program.jarDir() + (floor ? " floor" : " handler") + (preExtracted ? ", pre-extracted" : ""), cell.config.name(),
                Markdown.ms(cell.median(ColdStart.Run::boot), 0),
                Markdown.ms(cell.median(ColdStart.Run::init), 0), Markdown.ms(cell.median(ColdStart.Run::request), 0),
                floor ? Markdown.ms(cell.median(r -> r.extra("read")), 0) : "",
                Markdown.ms(cell.median(ColdStart.Run::exit), 0), beyond,
                cell.archive == null ? "" : Markdown.s(cell.archiveDumpWall));
        }
        out.append(phases.render()).append('\n');
        ColdStart.Cell floorOptimized = byKey.get("vision-ort-session|" + pre);
        ColdStart.Cell floorPre = byKey.get("vision-ort-session-pre-extracted|" + pre);
        ColdStart.Cell handlerOptimized = byKey.get("vision-handler|" + pre);
        ColdStart.Cell handlerPre = byKey.get("vision-handler-pre-extracted|" + pre);
        out.append(String.format(Locale.ROOT, "Extracting ONNX Runtime's native libraries from the jar (%s MB uncompressed) at every start: "
                + "in %s the environment takes %s ms with it and %s ms with them already extracted; the handler's cold start goes "
                + "from %s s to %s s (medians).%n%n",
            String.format(Locale.ROOT, "%.1f", nativeBytes() / 1e6), pre,
            Markdown.ms(floorOptimized.median(ColdStart.Run::init), 0), Markdown.ms(floorPre.median(ColdStart.Run::init), 0),
            Markdown.s(handlerOptimized.wall().median()), Markdown.s(handlerPre.wall().median())));

        // Jar sizes.
        out.append("### Jar size\n\n");
        Markdown sizes = new Markdown("function jar", "bytes", "MB", "MiB", "classes", "ratio to 60 MB");
        for (String dir : JARS) {
            Benchmarks.jarSizeRow(sizes, repo, dir, repo.measuredJar(dir), JAR_MB_TARGET * 1e6);
        }
        out.append(sizes.render()).append('\n');
        out.append(composition(repo.measuredJar(FUNCTION))).append('\n');
        out.append(composition(repo.measuredJar(RECOGNIZE))).append('\n');
        out.append(String.format(Locale.ROOT, "Vision section wall time: %.0f s. Load average at its end: %s.%n%n",
            wallSeconds, Benchmarks.loadAverage()));
        return out.toString();
    }

    /** What the jar holds, by folder, largest first (compressed bytes). */
    private static String composition(Path jar) throws IOException {
        Map<String, long[]> parts = new HashMap<>();
        long total = 0;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                long[] part = parts.computeIfAbsent(part(entry.getName()), k -> new long[3]);
                part[0] += Math.max(0, entry.getCompressedSize());
                part[1]++;
                part[2] += Math.max(0, entry.getSize());
                total += Math.max(0, entry.getCompressedSize());
            }
        }
        List<Map.Entry<String, long[]>> largest = new ArrayList<>(parts.entrySet());
        largest.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
        Markdown table = new Markdown("what " + jar.getFileName() + " holds", "files", "compressed MB", "uncompressed MB", "share");
        long[] rest = new long[3];
        for (int i = 0; i < largest.size(); i++) {
            long[] part = largest.get(i).getValue();
            if (i < 10) {
                table.row(largest.get(i).getKey(), part[1], String.format(Locale.ROOT, "%.2f", part[0] / 1e6),
                    String.format(Locale.ROOT, "%.2f", part[2] / 1e6), String.format(Locale.ROOT, "%.0f%%", 100.0 * part[0] / total));
            } else {
                for (int k = 0; k < 3; k++) {
                    rest[k] += part[k];
                }
            }
        }
        table.row("(" + Math.max(0, largest.size() - 10) + " more)", rest[1], String.format(Locale.ROOT, "%.2f", rest[0] / 1e6),
            String.format(Locale.ROOT, "%.2f", rest[2] / 1e6), String.format(Locale.ROOT, "%.0f%%", 100.0 * rest[0] / total));
        return table.render();
    }

    /** The folder an entry counts under: native libraries and models on their own, the SDK by module, else two levels. */
    private static String part(String name) {
        if (name.startsWith("ai/onnxruntime/native/")) {
            return name;
        }
        if (name.startsWith("dev/openrecog/vision/models/") && !name.endsWith(".class")) {
            return name;
        }
        String[] segments = name.split("/");
        int depth = name.startsWith("software/amazon/awssdk/services/") ? 5
            : name.startsWith("software/amazon/awssdk/") ? 4
            : name.startsWith("dev/openrecog/") ? 3
            : name.startsWith("META-INF/") ? 1 : 2;
        depth = Math.min(depth, segments.length - 1);
        return depth == 0 ? "(top level)" : String.join("/", java.util.Arrays.copyOf(segments, depth)) + "/";
    }

    private static String mib(long kb) {
        return kb < 0 ? "–" : String.format(Locale.ROOT, "%.0f MiB", kb / 1024.0);
    }

    private static String share(long part, long whole) {
        return whole <= 0 ? "–" : String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole);
    }

    private static String yes(boolean within) {
        return within ? "yes" : "**no**";
    }
}
