package dev.openrecog.store.dynamodb;

import java.util.concurrent.ThreadLocalRandom;

/** Full-jitter exponential backoff for retries the SDK does not make itself. */
final class Backoff {
    private static final long BASE_MILLIS = 10;
    private static final long CAP_MILLIS = 1_000;
    static final int MAX_ATTEMPTS = 12;

    private Backoff() {
    }

    /** Sleeps before attempt number {@code attempt}; the first attempt (0) does not wait. */
    static void pause(int attempt) {
        if (attempt == 0) {
            return;
        }
        if (attempt >= MAX_ATTEMPTS) {
            throw new IllegalStateException("DynamoDB left work unprocessed after " + MAX_ATTEMPTS + " attempts");
        }
        long ceiling = Math.min(CAP_MILLIS, BASE_MILLIS << Math.min(attempt, 16));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry a DynamoDB request", e);
        }
    }
}
