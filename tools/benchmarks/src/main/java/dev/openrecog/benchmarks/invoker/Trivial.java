package dev.openrecog.benchmarks.invoker;

/** Cold-start floor (a): a bare JVM that runs an empty main and exits. */
public final class Trivial {
    private Trivial() {
    }

    public static void main(String[] args) {
        long mainAt = System.nanoTime();
        Result.print(mainAt, mainAt, mainAt, 200);
        System.exit(0);
    }
}
