package dev.openrecog.benchmarks.invoker;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The timed loop of the vision warm JVMs ({@link VisionWarm}, {@link RecognizeWarm}): every measured thing gets its
 * warm-up calls, then its timed calls in ten blocks taken in turn, so that a change in the machine's load weighs on
 * all of them. Blocks rather than single calls in turn: every ONNX Runtime session has its own thread pool, whose
 * threads spin for a while after each run, and one session's spinning should not slow another's run.
 */
final class WarmLoop {
    private static final int BLOCKS = 10;

    private WarmLoop() {
    }

    /**
     * Measures each of {@code measured} (name → one call), calling {@code check} with its name after each of its
     * loops, outside the timed region. Returns the samples (nanoseconds) by name, plus {@code "<first name> 1st half"}
     * and {@code "2nd half"}; puts the GC and JIT activity of the timed calls into {@code info}.
     */
    static Map<String, long[]> measure(Map<String, Runnable> measured, int warmup, int timed, Consumer<String> check,
                                       Map<String, String> info) {
        for (Map.Entry<String, Runnable> entry : measured.entrySet()) {
            progress(entry.getKey() + ": " + warmup + " warm-up calls");
            for (int i = 0; i < warmup; i++) {
                entry.getValue().run();
            }
            check.accept(entry.getKey());
        }
        long[] before = vmCounters();
        Map<String, List<Long>> times = new LinkedHashMap<>();
        for (String name : measured.keySet()) {
            times.put(name, new ArrayList<>(timed));
        }
        for (int block = 0; block < BLOCKS; block++) {
            int n = timed / BLOCKS + (block == BLOCKS - 1 ? timed % BLOCKS : 0);
            progress("block " + (block + 1) + "/" + BLOCKS + ": " + n + " timed calls of each");
            for (Map.Entry<String, Runnable> entry : measured.entrySet()) {
                Runnable call = entry.getValue();
                List<Long> list = times.get(entry.getKey());
                for (int i = 0; i < n; i++) {
                    long start = System.nanoTime();
                    call.run();
                    list.add(System.nanoTime() - start);
                }
                check.accept(entry.getKey());
            }
        }
        long[] after = vmCounters();
        info.put("gc pauses", Long.toString(after[0] - before[0]));
        info.put("gc ms", Long.toString(after[1] - before[1]));
        info.put("jit ms", Long.toString(after[2] - before[2]));
        info.put("peak rss kB", Long.toString(Result.peakRssKb()));
        Map<String, long[]> samples = new LinkedHashMap<>();
        for (Map.Entry<String, List<Long>> entry : times.entrySet()) {
            samples.put(entry.getKey(), entry.getValue().stream().mapToLong(Long::longValue).toArray());
        }
        String first = measured.keySet().iterator().next();
        long[] firstTimes = samples.get(first);
        samples.put(first + " 1st half", Arrays.copyOfRange(firstTimes, 0, firstTimes.length / 2));
        samples.put(first + " 2nd half", Arrays.copyOfRange(firstTimes, firstTimes.length / 2, firstTimes.length));
        return samples;
    }

    /** The results file the parent reads: one line of comma-separated nanoseconds per measured thing, then {@code info:} lines. */
    static void write(Path file, Map<String, long[]> samples, Map<String, String> info) throws IOException {
        try (PrintWriter results = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            for (Map.Entry<String, long[]> entry : samples.entrySet()) {
                StringBuilder line = new StringBuilder(entry.getKey()).append('\t');
                long[] values = entry.getValue();
                for (int i = 0; i < values.length; i++) {
                    line.append(i == 0 ? "" : ",").append(values[i]);
                }
                results.println(line);
            }
            for (Map.Entry<String, String> entry : info.entrySet()) {
                results.println("info:" + entry.getKey() + "\t" + entry.getValue().replace('\t', ' ').replace('\n', ' '));
            }
        }
    }

    /** GC pauses (count, ms) and JIT compilation time (ms) of this JVM so far. */
    private static long[] vmCounters() {
        long count = 0;
        long time = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            time += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, time, ManagementFactory.getCompilationMXBean().getTotalCompilationTime()};
    }

    static void progress(String what) {
        System.err.println("  vision warm: " + what);
    }
}
