package dev.openrecog.benchmarks.invoker;

/**
 * The one line a cold-start child prints for the parent: System.nanoTime() at main (CLOCK_MONOTONIC
 * on Linux, so comparable with the parent's), the time to build the handler or client, the time of
 * the first request, and the HTTP status.
 */
final class Result {
    static final String PREFIX = "openrecog-bench ";

    private Result() {
    }

    static void print(long mainAt, long constructed, long handled, int status) {
        print(mainAt, constructed, handled, status, null);
    }

    /**
     * The same line with more {@code name=number} fields after the status (for example {@code hwm=} the peak RSS
     * in kB), which the parent reads into {@code ColdStart.Run#extra}.
     */
    static void print(long mainAt, long constructed, long handled, int status, StringBuilder extra) {
        // A StringBuilder, not '+': string concatenation would bootstrap invokedynamic in every child.
        StringBuilder line = new StringBuilder(PREFIX).append("main=").append(mainAt)
            .append(" init=").append(constructed - mainAt).append(" request=").append(handled - constructed)
            .append(" status=").append(status);
        if (extra != null) {
            line.append(extra);
        }
        System.out.println(line);
        System.out.flush();
    }

    /**
     * This process's peak resident set size so far, in kB: {@code VmHWM} of /proc/self/status, or -1 where
     * there is none. Read just before exiting, it is the run's peak RSS.
     */
    static long peakRssKb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String digits = line.substring(6).replace("kB", "").trim();
                    return Long.parseLong(digits);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** The statusCode of an API Gateway proxy response, without a JSON library. */
    static int status(String response) {
        int at = response.indexOf("\"statusCode\"");
        if (at < 0) {
            return -1;
        }
        int i = response.indexOf(':', at) + 1;
        while (i < response.length() && !Character.isDigit(response.charAt(i))) {
            i++;
        }
        int end = i;
        while (end < response.length() && Character.isDigit(response.charAt(end))) {
            end++;
        }
        return end > i ? Integer.parseInt(response.substring(i, end)) : -1;
    }
}
