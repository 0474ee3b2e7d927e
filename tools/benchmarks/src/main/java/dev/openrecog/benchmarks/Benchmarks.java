package dev.openrecog.benchmarks;

import dev.openrecog.dynamodblocal.DynamoDbLocal;
import dev.openrecog.store.dynamodb.RecognitionTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The benchmark command: cold start, warm latency and jar size of the function jars, each printed
 * beside its floor measured in the same run, with the ratio. Prints a report and writes it to
 * tools/benchmarks/target/results.md. It measures; it asserts nothing.
 *
 * <p>Options: --cold-runs N (default 7), --warmup N (default 500), --timed N (default 2000),
 * --no-cold, --no-warm, --no-class-logs, --extra-flags 'FLAGS' (a fourth cold-start configuration: the AppCDS one
 * plus these flags), --warm-flags 'FLAGS' (JVM flags of the warm-latency JVM, default none); for the vision section
 * (DetectImageLabels and RecognizeImage, {@link VisionBench}): --vision-only (that section alone, written to
 * results-vision.md), --no-vision, --vision-warmup N (default 50), --vision-timed N (default 200; these two also
 * count CreateRecognitionSample's calls, a face analysis each), --vision-cold-runs N (default 5).
 */
public final class Benchmarks {
    static final String TABLE = "openrecog-bench";
    static final List<String> COLD_FUNCTIONS = List.of("create-recognition-lib", "list-recognition-libs");

    private final Repo repo;
    private int coldRuns = 7;
    private int warmup = 500;
    private int timed = 2000;
    private boolean cold = true;
    private boolean warm = true;
    private boolean classLogs = true;
    private List<String> extraFlags = List.of();
    private List<String> warmFlags = List.of();
    private boolean vision = true;
    private boolean visionOnly;
    private int visionWarmup = 50;
    private int visionTimed = 200;
    private int visionColdRuns = 5;

    private Benchmarks(Repo repo) {
        this.repo = repo;
    }

    public static void main(String[] args) throws Exception {
        Benchmarks bench = new Benchmarks(Repo.locate());
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cold-runs" -> bench.coldRuns = Integer.parseInt(args[++i]);
                case "--warmup" -> bench.warmup = Integer.parseInt(args[++i]);
                case "--timed" -> bench.timed = Integer.parseInt(args[++i]);
                case "--no-cold" -> bench.cold = false;
                case "--no-warm" -> bench.warm = false;
                case "--no-class-logs" -> bench.classLogs = false;
                case "--extra-flags" -> bench.extraFlags = List.of(args[++i].trim().split("\\s+"));
                case "--warm-flags" -> bench.warmFlags = List.of(args[++i].trim().split("\\s+"));
                case "--vision-only" -> bench.visionOnly = true;
                case "--no-vision" -> bench.vision = false;
                case "--vision-warmup" -> bench.visionWarmup = Integer.parseInt(args[++i]);
                case "--vision-timed" -> bench.visionTimed = Integer.parseInt(args[++i]);
                case "--vision-cold-runs" -> bench.visionColdRuns = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                    + "; options: --cold-runs N, --warmup N, --timed N, --no-cold, --no-warm, --no-class-logs, --extra-flags 'FLAGS', "
                    + "--warm-flags 'FLAGS', --vision-only, --no-vision, --vision-warmup N, --vision-timed N, --vision-cold-runs N");
            }
        }
        try {
            bench.run();
        } catch (Throwable e) {
            e.printStackTrace();
            // DynamoDB Local's threads would keep the JVM alive.
            System.exit(1);
        }
        System.exit(0);
    }

    private void run() throws Exception {
        if (visionOnly && !vision) {
            throw new IllegalArgumentException("--vision-only and --no-vision exclude each other");
        }
        long started = System.nanoTime();
        require(repo.invokerJar(), "build this module: mvn -q -DskipTests -f tools/benchmarks/pom.xml package");
        if (visionOnly) {
            runVisionOnly(started);
            return;
        }
        for (String dir : Repo.OPERATIONS) {
            require(repo.functionJar(dir), "build the function jars: mvn -q -DskipTests install");
        }
        Files.createDirectories(repo.work().resolve("jars"));
        for (String dir : Repo.OPERATIONS) {
            Files.copy(repo.functionJar(dir), repo.measuredJar(dir), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.COPY_ATTRIBUTES);
        }

        StringBuilder report = header();
        report.append("All figures come from this one run. DynamoDB Local (in memory, on 127.0.0.1) runs in the benchmark's own JVM;\n"
            + "the cold-start children and the warm-latency JVM talk to it over loopback. A measurement, not a test: nothing is asserted.\n\n");

        System.err.println("Starting DynamoDB Local");
        Path objects = Files.createTempDirectory("openrecog-bench-objects-");
        try (DynamoDbLocal local = DynamoDbLocal.inMemory(); DynamoDbClient client = local.client()) {
            repo.stageFacePhoto(objects);
            RecognitionTable.createIfMissing(client, TABLE);
            warmDynamoDbLocal(client);
            Map<String, String> environment = childEnvironment(local.endpoint().toString());
            environment.put("OPENRECOG_OBJECTS_DIR", objects.toString());
            if (cold) {
                report.append(coldStart(environment, local.endpoint().toString()));
            }
            if (warm) {
                report.append(warmLatency(environment));
            }
        } finally {
            VisionBench.deleteTree(objects);
        }
        report.append(jarSizes());
        if (vision) {
            report.append(visionSection());
        }
        finish(report, started, "results.md");
    }

    /** The vision section alone: no DynamoDB Local, no CRUD jars; written to results-vision.md. */
    private void runVisionOnly(long started) throws Exception {
        StringBuilder report = header();
        report.append("Only the vision section (`--vision-only`). A measurement, not a test: nothing is asserted.\n\n");
        report.append(visionSection());
        finish(report, started, "results-vision.md");
    }

    private String visionSection() throws IOException, InterruptedException {
        return new VisionBench(repo, visionWarmup, visionTimed, visionColdRuns, warmFlags, extraFlags).run();
    }

    private static StringBuilder header() {
        StringBuilder report = new StringBuilder();
        report.append("# openrecog benchmarks\n\n");
        report.append(String.format(Locale.ROOT, "%s · JDK %s (%s) · %d cores · %s%n%n",
            Instant.now().truncatedTo(ChronoUnit.SECONDS), System.getProperty("java.runtime.version"),
            System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch")));
        report.append("Load average at the start (other processes share the machine): ").append(loadAverage()).append("\n\n");
        return report;
    }

    private void finish(StringBuilder report, long started, String fileName) throws IOException {
        report.append(String.format(Locale.ROOT, "Benchmark wall time: %.0f s. Load average at the end: %s.%n",
            (System.nanoTime() - started) / 1e9, loadAverage()));
        Path results = repo.moduleTarget().resolve(fileName);
        Files.writeString(results, report.toString(), StandardCharsets.UTF_8);
        System.out.println(report);
        System.out.println("Written to " + repo.root().relativize(results));
    }

    /** The 1-, 5- and 15-minute load averages, so that a reader can tell a busy machine from a quiet one. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void require(Path file, String how) {
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing: " + how);
        }
    }

    /**
     * Five hundred requests of each kind first: DynamoDB Local takes a few thousand requests (its JIT) to reach its
     * steady latency, and no measured request should meet it cold.
     */
    private static void warmDynamoDbLocal(DynamoDbClient client) {
        System.err.println("Warming DynamoDB Local");
        for (int i = 0; i < 500; i++) {
            Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("BENCH#warm"), "sk", AttributeValue.fromS("W#" + i));
            Map<String, AttributeValue> item = new HashMap<>(key);
            item.put("n", AttributeValue.fromN("1"));
            client.putItem(r -> r.tableName(TABLE).item(item));
            client.getItem(r -> r.tableName(TABLE).key(key).consistentRead(true));
            client.query(r -> r.tableName(TABLE).keyConditionExpression("pk = :pk").limit(10)
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("BENCH#warm"))));
            client.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().update(u -> u.tableName(TABLE).key(key).updateExpression("ADD n :one")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))).build(),
                TransactWriteItem.builder().delete(d -> d.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS("BENCH#warm"),
                    "sk", AttributeValue.fromS("X#" + key.get("sk").s())))).build()));
        }
    }

    /** The parent's environment without JVM option variables, plus what the functions read (a table on DynamoDB Local). */
    static Map<String, String> childEnvironment(String endpoint) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("JDK_JAVA_OPTIONS");
        env.remove("_JAVA_OPTIONS");
        env.put("OPENRECOG_TABLE_NAME", TABLE);
        env.put("OPENRECOG_DYNAMODB_ENDPOINT", endpoint);
        env.put("OPENRECOG_DEFAULT_TENANT", "bench");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "bench");
        env.put("AWS_SECRET_ACCESS_KEY", "bench");
        return env;
    }

    // --- 1. cold start -------------------------------------------------------------------------

    private String coldStart(Map<String, String> environment, String endpoint) throws IOException, InterruptedException {
        System.err.println("Cold start: " + coldRuns + " rounds");
        ColdStart coldStart = new ColdStart(repo, environment);
        List<ColdStart.Config> configs = ColdStart.configs(extraFlags);
        List<ColdStart.Cell> cells = coldStart.measure(coldStart.programs(COLD_FUNCTIONS, endpoint, TABLE), configs, coldRuns, classLogs);
        Map<String, ColdStart.Cell> byKey = new LinkedHashMap<>();
        for (ColdStart.Cell cell : cells) {
            byKey.put(cell.program.id() + "|" + cell.config.name(), cell);
        }

        StringBuilder out = new StringBuilder("## 1. Cold start\n\n");
        out.append("Target: a handler's cold start ≤ 0.5 s wall and ≤ 1.3× floor (b) in the optimized configuration.\n\n");
        out.append("A fresh JVM (`").append(Path.of(System.getProperty("java.home"), "bin", "java"))
            .append("`) runs one program once and exits; wall = spawn to reaped exit, CPU = the child's user + system time. ")
            .append(coldRuns).append(" timed runs of each, round-robin after one untimed round. ")
            .append("The handler runs get a class path of the function jar plus the invoker jar; so does floor (b), which builds an SDK v2 ")
            .append("DynamoDbClient (URL-connection client, explicit region, static credentials) and does one PutItem. ")
            .append("Floor (a) is an empty main on the invoker jar alone. C1 + SerialGC = `")
            .append(String.join(" ", ColdStart.OPTIMIZED)).append("`; AppCDS = the same plus `-XX:SharedArchiveFile`, ")
            .append("an archive made once per program and class path with `-XX:ArchiveClassesAtExit`.\n\n");

        Markdown table = new Markdown("program", "config", "wall median s", "wall min s", "CPU median s",
            "floor (b) median s", "floor (b) min s", "ratio median", "ratio min", "÷ floor (a) median");
        for (ColdStart.Config config : configs) {
            ColdStart.Cell trivial = byKey.get("trivial|" + config.name());
            table.row("floor (a) bare JVM", config.name(), Markdown.s(trivial.wall().median()), Markdown.s(trivial.wall().min()),
                Markdown.s(trivial.cpu().median()), "", "", "", "", "");
        }
        for (String dir : COLD_FUNCTIONS) {
            for (ColdStart.Config config : configs) {
                ColdStart.Cell floor = byKey.get("sdk-put-" + dir + "|" + config.name());
                table.row("floor (b) SDK client + PutItem, " + dir + " jar", config.name(), Markdown.s(floor.wall().median()),
                    Markdown.s(floor.wall().min()), Markdown.s(floor.cpu().median()), "", "", "", "", "");
            }
            for (ColdStart.Config config : configs) {
                ColdStart.Cell handler = byKey.get("handler-" + dir + "|" + config.name());
                ColdStart.Cell floor = byKey.get("sdk-put-" + dir + "|" + config.name());
                ColdStart.Cell trivial = byKey.get("trivial|" + config.name());
                table.row("**" + dir + "** LambdaHandler", config.name(), Markdown.s(handler.wall().median()),
                    Markdown.s(handler.wall().min()), Markdown.s(handler.cpu().median()),
                    Markdown.s(floor.wall().median()), Markdown.s(floor.wall().min()),
                    Markdown.ratio(handler.wall().median(), floor.wall().median()),
                    Markdown.ratio(handler.wall().min(), floor.wall().min()),
                    Markdown.ratio(handler.wall().median(), trivial.wall().median()));
            }
        }
        out.append(table.render()).append('\n');

        out.append("Where the wall time goes (medians, ms): JVM start = spawn to `main`; build = handler constructor, or the "
            + "client build of floor (b); first request = `handleRequest`, or the PutItem; exit = the rest, to the reaped exit.\n\n");
        Markdown phases = new Markdown("program", "config", "JVM start", "build", "first request", "exit", "AppCDS dump run s");
        for (ColdStart.Cell cell : cells) {
            if (cell.program.id().equals("trivial")) {
                phases.row("floor (a)", cell.config.name(), Markdown.ms(cell.median(ColdStart.Run::boot), 0), "", "",
                    Markdown.ms(cell.median(ColdStart.Run::exit), 0), cell.archive == null ? "" : Markdown.s(cell.archiveDumpWall));
                continue;
            }
            String label = (cell.program.id().startsWith("handler") ? "handler " : "floor (b) ") + cell.program.jarDir();
            phases.row(label, cell.config.name(), Markdown.ms(cell.median(ColdStart.Run::boot), 0),
                Markdown.ms(cell.median(ColdStart.Run::init), 0), Markdown.ms(cell.median(ColdStart.Run::request), 0),
                Markdown.ms(cell.median(ColdStart.Run::exit), 0), cell.archive == null ? "" : Markdown.s(cell.archiveDumpWall));
        }
        out.append(phases.render()).append('\n');

        if (classLogs) {
            out.append("Classes loaded in one extra run with `-Xlog:class+load` (not timed), by where they came from and whose they are:\n\n");
            List<String> sources = List.of("JDK CDS archive", "AppCDS archive", "JDK modules", "jar", "generated");
            List<String> header = new ArrayList<>(List.of("program", "config", "classes"));
            header.addAll(sources);
            List<String> origins = null;
            for (ColdStart.Cell cell : cells) {
                if (cell.classLoads != null) {
                    origins = new ArrayList<>(cell.classLoads.byOrigin().keySet());
                    break;
                }
            }
            header.addAll(origins.stream().map(o -> "of " + o).toList());
            Markdown loads = new Markdown(header.toArray(new String[0]));
            for (ColdStart.Cell cell : cells) {
                if (cell.classLoads == null) {
                    continue;
                }
                List<Object> row = new ArrayList<>();
                String label = cell.program.id().equals("trivial") ? "floor (a)"
                    : (cell.program.id().startsWith("handler") ? "handler " : "floor (b) ") + cell.program.jarDir();
                row.add(label);
                row.add(cell.config.name());
                row.add(cell.classLoads.total());
                for (String source : sources) {
                    row.add(cell.classLoads.bySource().getOrDefault(source, 0));
                }
                for (String origin : origins) {
                    row.add(cell.classLoads.byOrigin().getOrDefault(origin, 0));
                }
                loads.row(row.toArray());
            }
            out.append(loads.render()).append('\n');
        }
        return out.toString();
    }

    // --- 2. warm latency -------------------------------------------------------------------------

    /** Per operation: the DynamoDB calls it makes (from the store code), its single-call and sequence floors. */
    private record Comparison(String calls, String single, String sequence) {
    }

    private static final Map<String, Comparison> COMPARISONS = new LinkedHashMap<>();

    static {
        COMPARISONS.put("create-recognition-lib", new Comparison("TransactWriteItems(2)", "TransactWriteItems(2)", null));
        COMPARISONS.put("list-recognition-libs", new Comparison("GetItem + Query", "Query", "GetItem+Query"));
        COMPARISONS.put("delete-recognition-lib", new Comparison("TransactWriteItems(3) + 2 Query(keys only) + DeleteItem",
            "TransactWriteItems(3)", "TransactWriteItems(3)+2×Query+DeleteItem"));
        COMPARISONS.put("create-recognition-entity", new Comparison("TransactWriteItems(2)", "TransactWriteItems(2)", null));
        COMPARISONS.put("list-recognition-entities", new Comparison("GetItem + Query", "Query", "GetItem+Query"));
        COMPARISONS.put("delete-recognition-entity", new Comparison(
            "2 GetItem + TransactWriteItems(3) + 2 Query(keys only) + DeleteItem", "TransactWriteItems(3)",
            "2×GetItem+TransactWriteItems(3)+2×Query+DeleteItem"));
        COMPARISONS.put(WarmLatency.CREATE_SAMPLE, new Comparison("2 GetItem + TransactWriteItems(4), and a face analysis",
            "TransactWriteItems(4)", "2×GetItem+TransactWriteItems(4)"));
        COMPARISONS.put("list-recognition-samples", new Comparison("3 GetItem + Query", "Query", "3×GetItem+Query"));
        COMPARISONS.put("delete-recognition-sample", new Comparison("GetItem + TransactWriteItems(4)", "TransactWriteItems(4)",
            "GetItem+TransactWriteItems(4)"));
    }

    /** One line of the warm JVM's results: nanoseconds. */
    private record Line(int count, long min, long p50, long p90, long p99, long max, double mean) {
    }

    private String warmLatency(Map<String, String> environment) throws IOException, InterruptedException {
        System.err.println("Warm latency: " + warmup + " warm-up + " + timed + " timed calls each");
        Path results = repo.work().resolve("warm-results.tsv");
        Files.deleteIfExists(results);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(warmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), WarmLatency.class.getName(),
            repo.root().toString(), Integer.toString(warmup), Integer.toString(timed), Integer.toString(visionWarmup),
            Integer.toString(visionTimed), results.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        // The handlers' one JSON log line per request goes to a file, as it would go to a pipe on Lambda.
        builder.redirectOutput(repo.work().resolve("warm-handler-stdout.log").toFile());
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        long[] gcBefore = gc();
        long start = System.nanoTime();
        int exit = builder.start().waitFor();
        long wall = System.nanoTime() - start;
        long[] gcAfter = gc();
        if (exit != 0 || !Files.exists(results)) {
            throw new IllegalStateException("The warm-latency JVM failed (exit " + exit + "); see its output above");
        }
        Map<String, Line> lines = new LinkedHashMap<>();
        Map<String, long[]> vm = new LinkedHashMap<>();
        for (String text : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            String[] f = text.split("\t");
            if (f[0].startsWith("vm:")) {
                vm.put(f[0].substring(3), new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])});
                continue;
            }
            lines.put(f[0], new Line(Integer.parseInt(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
                Long.parseLong(f[5]), Long.parseLong(f[6]), Double.parseDouble(f[7])));
        }

        StringBuilder out = new StringBuilder("## 2. Warm latency\n\n");
        out.append("Target: a handler's p99 ≤ 1.2× the p99 of one raw SDK call of the same kind.\n\n");
        out.append("One JVM (").append(warmFlags.isEmpty() ? "default flags" : "`" + String.join(" ", warmFlags) + "`").append(") holds the nine LambdaHandlers, each in a class loader of its own over its function jar, and a raw SDK v2 ")
            .append("DynamoDbClient built like the store's (URL-connection client); both talk to the same DynamoDB Local. ")
            .append("Every handler gets ").append(warmup).append(" warm-up calls, then ").append(timed)
            .append(" timed calls of `handleRequest` with valid events, except create-recognition-sample (below): each create makes a ")
            .append("new record; each delete removes a record created before its loop, outside the timed region; the listings return 10 records. ")
            .append("The raw floors are loops that make each raw call once per iteration, each timed alone, on items of the same ")
            .append("shape: ").append(warmup).append(" warm-up iterations, then ").append(timed)
            .append(" timed ones in ten blocks, one before the first handler, one between each two and one after the last, so that ")
            .append("DynamoDB Local's drift over the run weighs on floors and handlers alike. ")
            .append("A sequence floor is the sum of its calls' times within one iteration: real back-to-back calls. ")
            .append("Which calls an operation makes is read from the store code (docs/table-design.md). Milliseconds.\n\n");

        Markdown floors = new Markdown("raw SDK call", "n", "p50", "p90", "p99", "max", "mean");
        for (Map.Entry<String, Line> entry : lines.entrySet()) {
            if (entry.getKey().startsWith("raw:") || entry.getKey().startsWith("seq:")) {
                Line l = entry.getValue();
                String name = entry.getKey().startsWith("seq:") ? "sequence " + entry.getKey().substring(4) : entry.getKey().substring(4);
                floors.row(name, l.count, Markdown.ms(l.p50, 2), Markdown.ms(l.p90, 2), Markdown.ms(l.p99, 2),
                    Markdown.ms(l.max, 2), Markdown.ms(l.mean, 2));
            }
        }
        out.append("Floors:\n\n").append(floors.render()).append('\n');
        Markdown drift = new Markdown("raw SDK call", "p50 first block", "p50 last block", "p99 first block", "p99 last block");
        for (Map.Entry<String, Line> entry : lines.entrySet()) {
            if (entry.getKey().startsWith("first:")) {
                String call = entry.getKey().substring(6);
                Line before = entry.getValue();
                Line after = lines.get("last:" + call);
                drift.row(call, Markdown.ms(before.p50, 2), Markdown.ms(after.p50, 2), Markdown.ms(before.p99, 2), Markdown.ms(after.p99, 2));
            }
        }
        out.append("The floors' first block (before the first handler) and last block (after the last), to show drift over the run:\n\n").append(drift.render()).append('\n');

        Markdown ops = new Markdown("operation", "DynamoDB calls it makes", "p50", "p99", "vs single raw call", "its p50", "its p99",
            "p99 ratio", "vs raw sequence", "its p50", "its p99", "p99 ratio");
        for (Map.Entry<String, Comparison> entry : COMPARISONS.entrySet()) {
            if (entry.getKey().equals(WarmLatency.CREATE_SAMPLE)) {
                continue;
            }
            Line op = lines.get("op:" + entry.getKey());
            Comparison c = entry.getValue();
            Line single = lines.get("raw:" + c.single());
            Line sequence = c.sequence() == null ? single : lines.get("seq:" + c.sequence());
            ops.row(entry.getKey(), c.calls(), Markdown.ms(op.p50, 2), Markdown.ms(op.p99, 2),
                c.single(), Markdown.ms(single.p50, 2), Markdown.ms(single.p99, 2), Markdown.ratio(op.p99, single.p99),
                c.sequence() == null ? "(one call: same)" : c.sequence().replace("+", " + "),
                Markdown.ms(sequence.p50, 2), Markdown.ms(sequence.p99, 2), Markdown.ratio(op.p99, sequence.p99));
        }
        out.append("Operations (").append(timed).append(" timed calls each):\n\n").append(ops.render()).append('\n');
        out.append(createSample(lines));
        out.append("More of the same calls: the p99 of the first and second half of the timed calls (a falling p99 means the ")
            .append("warm-up was short), and what this JVM's GC and JIT did during the timed calls.\n\n");
        Markdown more = new Markdown("operation", "p90", "max", "mean", "p50 ratio vs raw sequence", "p99 1st half",
            "p99 2nd half", "GC pauses (n, ms)", "JIT compiling ms");
        for (Map.Entry<String, Comparison> entry : COMPARISONS.entrySet()) {
            Line op = lines.get("op:" + entry.getKey());
            Comparison c = entry.getValue();
            Line sequence = lines.get(c.sequence() == null ? "raw:" + c.single() : "seq:" + c.sequence());
            long[] activity = vm.get(entry.getKey());
            // CreateRecognitionSample's p50 is mostly its face analysis: its ratio is to both floors (above).
            String p50Ratio = entry.getKey().equals(WarmLatency.CREATE_SAMPLE)
                ? Markdown.ratio(op.p50, lines.get("floor:face features").p50 + sequence.p50) + " (to both floors)"
                : Markdown.ratio(op.p50, sequence.p50);
            more.row(entry.getKey(), Markdown.ms(op.p90, 2), Markdown.ms(op.max, 2), Markdown.ms(op.mean, 2),
                p50Ratio, Markdown.ms(lines.get("op1:" + entry.getKey()).p99, 2),
                Markdown.ms(lines.get("op2:" + entry.getKey()).p99, 2), activity[0] + ", " + activity[1], activity[2]);
        }
        long[] raw = vm.get("raw SDK calls");
        more.row("(raw SDK call loops)", "", "", "", "", "", "", raw[0] + ", " + raw[1], raw[2]);
        out.append(more.render()).append('\n');
        out.append(String.format(Locale.ROOT, "Meanwhile the benchmark's own JVM, which runs DynamoDB Local: %d GC pauses, %d ms in all.%n%n",
            gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]));
        out.append(String.format(Locale.ROOT, "Warm-latency JVM wall time: %.0f s.%n%n", wall / 1e9));
        return out.toString();
    }

    /**
     * CreateRecognitionSample, whose every call analyses a face photo: vision counts, and its two floors, the face
     * analysis alone and the raw DynamoDB sequence, whose p50s added make the floor of its p50.
     */
    private String createSample(Map<String, Line> lines) {
        Comparison c = COMPARISONS.get(WarmLatency.CREATE_SAMPLE);
        Line op = lines.get("op:" + WarmLatency.CREATE_SAMPLE);
        Line features = lines.get("floor:face features");
        Line sequence = lines.get("seq:" + c.sequence());
        StringBuilder out = new StringBuilder();
        out.append("create-recognition-sample reads its ImageUrl (`s3://").append(Repo.FACE_OBJECT)
            .append("`, face-api's sample1.jpg in a local objects folder, `OPENRECOG_OBJECTS_DIR`) and describes the photo's largest ")
            .append("face before storing, so it gets the vision counts: ").append(visionWarmup).append(" warm-up calls, then ")
            .append(visionTimed).append(" timed ones. Its second floor, measured just before it in the same JVM with the same counts, ")
            .append("is that analysis alone: `VisionRecognizer.imageFeatures(face)` on the photo's bytes, on a recognizer of its own ")
            .append("loaded from the function's jar. The sample deletes above remove the samples it made, then samples stored through ")
            .append("the store (openrecog-store-dynamodb) with the features of one of them, outside any timed region. Milliseconds.\n\n");
        Markdown table = new Markdown("measured", "n", "p50", "p90", "p99", "max");
        table.row("**create-recognition-sample** (" + c.calls() + ")", op.count, Markdown.ms(op.p50, 1), Markdown.ms(op.p90, 1),
            Markdown.ms(op.p99, 1), Markdown.ms(op.max, 1));
        table.row("floor: face analysis, `imageFeatures(face)`", features.count, Markdown.ms(features.p50, 1),
            Markdown.ms(features.p90, 1), Markdown.ms(features.p99, 1), Markdown.ms(features.max, 1));
        table.row("floor: raw sequence " + c.sequence().replace("+", " + "), sequence.count, Markdown.ms(sequence.p50, 1),
            Markdown.ms(sequence.p90, 1), Markdown.ms(sequence.p99, 1), Markdown.ms(sequence.max, 1));
        table.row("both floors (p50s added)", "", Markdown.ms(features.p50 + sequence.p50, 1), "", "", "");
        out.append(table.render()).append('\n');
        out.append(String.format(Locale.ROOT, "p50 ratio to both floors: %s; the handler's p50 less both floors' is %s ms (the event, "
                + "reading the object, the store's code beyond its raw calls, the response).%n%n",
            Markdown.ratio(op.p50, features.p50 + sequence.p50), Markdown.ms(op.p50 - features.p50 - sequence.p50, 1)));
        return out.toString();
    }

    /** The folder a jar entry is counted under: the SDK by module, everything else by its first two levels. */
    private static String part(String name) {
        String[] segments = name.split("/");
        int depth = name.startsWith("software/amazon/awssdk/services/") ? 5
            : name.startsWith("software/amazon/awssdk/") ? 4
            : name.startsWith("META-INF/") ? 1 : 2;
        depth = Math.min(depth, segments.length - 1);
        return depth == 0 ? "(top level)" : String.join("/", java.util.Arrays.copyOf(segments, depth)) + "/";
    }

    /** GC pauses (count, ms) of this JVM so far. */
    private static long[] gc() {
        long[] total = new long[2];
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            total[0] += Math.max(0, gc.getCollectionCount());
            total[1] += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    // --- 3. jar size -----------------------------------------------------------------------------

    private String jarSizes() throws IOException {
        StringBuilder out = new StringBuilder("## 3. Jar size\n\nTarget: ≤ 12 MB per function jar, ≤ 60 MB for the jars that carry the "
            + "vision engine (MB = 10^6 bytes; MiB also shown).\n\n");
        Markdown table = new Markdown("function jar", "bytes", "MB", "MiB", "classes", "ratio to its target");
        for (String dir : repo.functionDirs()) {
            // The nine operations' jars as measured above (copied at the start of the run); the others as they are now.
            jarSizeRow(table, repo, dir, Repo.OPERATIONS.contains(dir) ? repo.measuredJar(dir) : repo.functionJar(dir),
                VisionBench.JARS.contains(dir) ? VisionBench.JAR_MB_TARGET * 1e6 : 12e6);
        }
        out.append(table.render()).append('\n');

        String dir = COLD_FUNCTIONS.get(0);
        Map<String, long[]> parts = new HashMap<>();
        long total = 0;
        try (ZipFile zip = new ZipFile(repo.measuredJar(dir).toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                long[] part = parts.computeIfAbsent(part(entry.getName()), k -> new long[2]);
                part[0] += Math.max(0, entry.getCompressedSize());
                part[1]++;
                total += Math.max(0, entry.getCompressedSize());
            }
        }
        List<Map.Entry<String, long[]>> largest = new ArrayList<>(parts.entrySet());
        largest.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
        Markdown composition = new Markdown("what openrecog-" + dir + ".jar holds", "files", "compressed MB", "share");
        long[] rest = new long[2];
        for (int i = 0; i < largest.size(); i++) {
            long[] part = largest.get(i).getValue();
            if (i < 12) {
                composition.row(largest.get(i).getKey(), part[1], String.format(Locale.ROOT, "%.2f", part[0] / 1e6),
                    String.format(Locale.ROOT, "%.0f%%", 100.0 * part[0] / total));
            } else {
                rest[0] += part[0];
                rest[1] += part[1];
            }
        }
        composition.row("(" + (largest.size() - Math.min(12, largest.size())) + " more)", rest[1],
            String.format(Locale.ROOT, "%.2f", rest[0] / 1e6), String.format(Locale.ROOT, "%.0f%%", 100.0 * rest[0] / total));
        out.append(composition.render()).append('\n');
        return out.toString();
    }

    /** One row of a jar-size table: the jar shown by its function's path, its size, class count and ratio to a target. */
    static void jarSizeRow(Markdown table, Repo repo, String dir, Path jar, double targetBytes) throws IOException {
        long bytes = Files.size(jar);
        int classes = 0;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                if (e.nextElement().getName().endsWith(".class")) {
                    classes++;
                }
            }
        }
        table.row(repo.root().relativize(repo.functionJar(dir)), bytes, String.format(Locale.ROOT, "%.2f", bytes / 1e6),
            String.format(Locale.ROOT, "%.2f", bytes / 1048576.0), classes, Markdown.ratio(bytes, targetBytes));
    }
}
