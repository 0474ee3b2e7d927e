package dev.openrecog.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cold starts: fresh JVMs of the running JDK, each running one program once and exiting, timed
 * from spawn to reaped exit. Programs and configurations are run round-robin, so that drift in
 * the machine affects them alike.
 */
final class ColdStart {
    static final List<String> OPTIMIZED = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /** JVM flags of one configuration; cds adds an AppCDS archive made once per program and class path. */
    record Config(String name, List<String> flags, boolean cds) {
    }

    static final List<Config> CONFIGS = List.of(
        new Config("default flags", List.of(), false),
        new Config("C1 + SerialGC", OPTIMIZED, false),
        new Config("C1 + SerialGC + AppCDS", OPTIMIZED, true));

    /** The three configurations, plus one with more flags on top of the last when extra flags are given. */
    static List<Config> configs(List<String> extraFlags) {
        if (extraFlags.isEmpty()) {
            return CONFIGS;
        }
        List<String> flags = new ArrayList<>(OPTIMIZED);
        flags.addAll(extraFlags);
        List<Config> configs = new ArrayList<>(CONFIGS);
        configs.add(new Config("C1 + SerialGC + AppCDS + " + String.join(" ", extraFlags), flags, true));
        return configs;
    }

    /**
     * A program run in a fresh JVM: its class path (jars), main class and arguments (by run number), and JVM
     * options of its own (system properties, not tuning: those belong to the configuration), placed before the
     * configuration's flags.
     */
    record Program(String id, String label, String jarDir, List<Path> classPath, String mainClass, IntFunction<List<String>> args,
                   List<String> jvmOptions) {
        Program(String id, String label, String jarDir, List<Path> classPath, String mainClass, IntFunction<List<String>> args) {
            this(id, label, jarDir, classPath, mainClass, args, List.of());
        }
    }

    /**
     * One run: wall and CPU time of the whole process, the phases the child reported, and any more
     * {@code name=number} fields its line had after the status (e.g. {@code hwm}, its peak RSS in kB).
     */
    record Run(long wall, long cpu, long boot, long init, long request, long exit, Map<String, Long> extra) {
        /** A field the child reported after the status, or -1. */
        long extra(String name) {
            return extra.getOrDefault(name, -1L);
        }
    }

    /** Class-load counts of one logged run. */
    record ClassLoads(int total, Map<String, Integer> bySource, Map<String, Integer> byOrigin) {
    }

    static final class Cell {
        final Program program;
        final Config config;
        final List<Run> runs = new ArrayList<>();
        Path archive;
        long archiveDumpWall;
        ClassLoads classLoads;

        Cell(Program program, Config config) {
            this.program = program;
            this.config = config;
        }

        Stats wall() {
            return new Stats(runs.stream().mapToLong(Run::wall).toArray());
        }

        Stats cpu() {
            return new Stats(runs.stream().mapToLong(Run::cpu).toArray());
        }

        long median(java.util.function.ToLongFunction<Run> phase) {
            return new Stats(runs.stream().mapToLong(phase).toArray()).median();
        }

        Stats stats(java.util.function.ToLongFunction<Run> phase) {
            return new Stats(runs.stream().mapToLong(phase).toArray());
        }
    }

    private static final Pattern RESULT = Pattern.compile(
        "openrecog-bench main=(-?\\d+) init=(\\d+) request=(\\d+) status=(-?\\d+)");
    private static final Pattern EXTRA = Pattern.compile(" (\\w+)=(-?\\d+)");
    private static final Pattern CLASS_LOAD = Pattern.compile("\\[class,load\\s*\\] (\\S+) source: (.*)$");

    private final Repo repo;
    private final Map<String, String> environment;
    private final Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    private final Path work;
    private final long tickNanos;
    private int runNumber;

    ColdStart(Repo repo, Map<String, String> environment) throws IOException {
        this.repo = repo;
        this.environment = environment;
        this.work = Files.createDirectories(repo.work().resolve("cold"));
        this.tickNanos = 1_000_000_000L / clockTicksPerSecond();
    }

    /** The programs: floor (a), then floor (b) and the handler for each function measured. */
    List<Program> programs(List<String> functionDirs, String endpoint, String table) {
        Path invoker = repo.invokerJar();
        List<Program> programs = new ArrayList<>();
        programs.add(new Program("trivial", "floor (a): bare JVM, empty main", null, List.of(invoker),
            "dev.openrecog.benchmarks.invoker.Trivial", run -> List.of()));
        for (String dir : functionDirs) {
            List<Path> classPath = List.of(repo.measuredJar(dir), invoker);
            programs.add(new Program("sdk-put-" + dir, "floor (b): SDK client + 1 PutItem", dir, classPath,
                "dev.openrecog.benchmarks.invoker.RawPut", run -> List.of(endpoint, table, "cold#" + run)));
            programs.add(new Program("handler-" + dir, "LambdaHandler, 1 event", dir, classPath,
                "dev.openrecog.benchmarks.invoker.Invoke",
                run -> List.of(Repo.lambdaHandler(dir), repo.event(dir).toString())));
        }
        return programs;
    }

    List<Cell> measure(List<Program> programs, List<Config> configs, int rounds, boolean classLoadLogs)
        throws IOException, InterruptedException {
        List<Cell> cells = new ArrayList<>();
        for (Program program : programs) {
            for (Config config : configs) {
                cells.add(new Cell(program, config));
            }
        }
        Path archives = Files.createDirectories(work.resolve("cds"));
        for (Cell cell : cells) {
            if (cell.config.cds) {
                cell.archive = archives.resolve(cell.program.id + "-" + configs.indexOf(cell.config) + ".jsa");
                Files.deleteIfExists(cell.archive);
                List<String> flags = new ArrayList<>(cell.config.flags);
                flags.add("-XX:ArchiveClassesAtExit=" + cell.archive);
                cell.archiveDumpWall = run(cell.program, flags).wall;
                if (!Files.exists(cell.archive)) {
                    throw new IllegalStateException("No AppCDS archive was written for " + cell.program.id);
                }
            }
        }
        // One untimed round: the page cache holds the jars, DynamoDB Local has seen each request kind.
        for (Cell cell : cells) {
            run(cell.program, flags(cell));
        }
        for (int round = 0; round < rounds; round++) {
            System.err.printf("  cold start round %d/%d%n", round + 1, rounds);
            for (Cell cell : cells) {
                cell.runs.add(run(cell.program, flags(cell)));
            }
        }
        if (classLoadLogs) {
            for (Cell cell : cells) {
                // Default flags and the first AppCDS configuration are enough to see what loads from where.
                if (cell.config != configs.get(0) && cell.config != configs.get(2)) {
                    continue;
                }
                Path log = work.resolve("class-load-" + cell.program.id + (cell.config.cds ? "-cds" : "") + ".log");
                Files.deleteIfExists(log);
                List<String> flags = flags(cell);
                flags.add("-Xlog:class+load=info:file=" + log);
                run(cell.program, flags);
                cell.classLoads = classLoads(log);
            }
        }
        return cells;
    }

    private static List<String> flags(Cell cell) {
        List<String> flags = new ArrayList<>(cell.config.flags);
        if (cell.archive != null) {
            flags.add("-XX:SharedArchiveFile=" + cell.archive);
        }
        return flags;
    }

    private Run run(Program program, List<String> flags) throws IOException, InterruptedException {
        int number = ++runNumber;
        List<String> command = new ArrayList<>();
        command.add(javaBin.toString());
        command.addAll(program.jvmOptions);
        command.addAll(flags);
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, program.classPath.stream().map(Path::toString).toArray(String[]::new)));
        command.add(program.mainClass);
        command.addAll(program.args.apply(number));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Path out = work.resolve("last.out");
        Path err = work.resolve("last.err");
        builder.redirectOutput(out.toFile());
        builder.redirectError(err.toFile());
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));

        long cpuBefore = childCpuTicks();
        long start = System.nanoTime();
        Process process = builder.start();
        int exitCode = process.waitFor();
        long end = System.nanoTime();
        long cpu = (childCpuTicks() - cpuBefore) * tickNanos;

        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        Matcher result = RESULT.matcher(stdout);
        if (exitCode != 0 || !result.find() || !"200".equals(result.group(4))) {
            throw new IllegalStateException("Cold-start run failed (exit " + exitCode + "): " + String.join(" ", command)
                + "\n--- stdout\n" + tail(stdout) + "\n--- stderr\n" + tail(Files.readString(err, StandardCharsets.UTF_8)));
        }
        long main = Long.parseLong(result.group(1));
        long init = Long.parseLong(result.group(2));
        long request = Long.parseLong(result.group(3));
        Map<String, Long> extra = new LinkedHashMap<>();
        int lineEnd = stdout.indexOf('\n', result.end());
        Matcher field = EXTRA.matcher(stdout.substring(result.end(), lineEnd < 0 ? stdout.length() : lineEnd));
        while (field.find()) {
            extra.put(field.group(1), Long.parseLong(field.group(2)));
        }
        return new Run(end - start, cpu, main - start, init, request, end - (main + init + request), extra);
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : "…" + text.substring(text.length() - 4000);
    }

    /**
     * CPU time of the reaped children of this process (cutime + cstime of /proc/self/stat), in
     * clock ticks. Each child is reaped before waitFor returns, so a difference is that child's CPU.
     */
    private static long childCpuTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            getconf.waitFor();
            return Long.parseLong(out);
        } catch (IOException | InterruptedException | NumberFormatException e) {
            return 100;
        }
    }

    static ClassLoads classLoads(Path log) throws IOException {
        Map<String, Integer> bySource = new TreeMap<>();
        Map<String, Integer> byOrigin = new LinkedHashMap<>();
        for (String origin : List.of("JDK", "AWS SDK (DynamoDB)", "AWS SDK (other)", "openrecog", "Jackson", "other")) {
            byOrigin.put(origin, 0);
        }
        int total = 0;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = CLASS_LOAD.matcher(line);
            if (!m.find()) {
                continue;
            }
            total++;
            bySource.merge(source(m.group(2)), 1, Integer::sum);
            byOrigin.merge(origin(m.group(1)), 1, Integer::sum);
        }
        return new ClassLoads(total, bySource, byOrigin);
    }

    private static String source(String source) {
        if (source.startsWith("shared objects file (top)")) {
            return "AppCDS archive";
        }
        if (source.startsWith("shared objects file")) {
            return "JDK CDS archive";
        }
        if (source.startsWith("jrt:")) {
            return "JDK modules";
        }
        if (source.startsWith("file:") || source.startsWith("jar:")) {
            return "jar";
        }
        return "generated";
    }

    private static String origin(String className) {
        if (className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
            || className.startsWith("sun.") || className.startsWith("com.sun.")) {
            return "JDK";
        }
        if (className.startsWith("software.amazon.awssdk.services.dynamodb.")) {
            return "AWS SDK (DynamoDB)";
        }
        if (className.startsWith("software.amazon.")) {
            return "AWS SDK (other)";
        }
        if (className.startsWith("dev.openrecog.")) {
            return "openrecog";
        }
        if (className.startsWith("com.fasterxml.")) {
            return "Jackson";
        }
        return "other";
    }
}
