package dev.openrecog.hostile;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.openrecog.domain.Action;
import dev.openrecog.hostile.RequestFuzzer.FuzzCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ten thousand generated requests across every action, each checked as it is answered: never a 5xx,
 * always the JSON error shape, one log line, and no change at all to the table unless the request
 * succeeded and was a create or delete of the caller's own records. Now and then a sample or a
 * RecognizeImage reads a real image (darknet's photos, a group photo for faces) and runs the models;
 * every ImageUrl names an internal host or none, so the fetcher refuses it before connecting.
 *
 * <p>The seed is printed; {@code -Dhostile.seed=<seed>} replays a run, {@code -Dhostile.fuzz.requests=<n>}
 * sets its length.
 */
class FuzzTest {
    private static final String TENANT = "1234567890123456";
    private static final String OTHER_TENANT = "6543210987654321";
    private static final Set<String> READ_ONLY = Set.of("ListRecognitionLibs", "ListRecognitionEntities", "ListRecognitionSamples",
        "GetImageLabels", "DetectImageLabels", "RecognizeImage");

    @TempDir
    Path objects;

    @Test
    void noRequestBreaksTheWireContractOrChangesStateItWasRefused() throws Exception {
        long seed = Long.getLong("hostile.seed", ThreadLocalRandom.current().nextLong());
        int requests = Integer.getInteger("hostile.fuzz.requests", 10_000);
        System.out.println("FUZZ seed " + seed + " (replay with -Dhostile.seed=" + seed + ")");
        Openrecog service = Openrecog.everyAction(objects);
        service.upload(TENANT, "oss://photos/dog.jpg", Photos.darknet("dog"));
        service.upload(TENANT, "oss://photos/horses.jpg", Photos.darknet("horses"));
        service.upload(OTHER_TENANT, "oss://photos/person.jpg", Photos.darknet("person"));
        service.store("oss://photos/faces.jpg", Photos.faces());
        storeHostileObjects();
        service.takeLog();
        String objectsBefore = digest(objects);

        RequestFuzzer fuzzer = new RequestFuzzer(seed, TENANT, OTHER_TENANT,
            List.of("oss://photos/dog.jpg", "oss://photos/horses.jpg", "oss://photos/person.jpg"),
            List.of("oss://photos/dog.jpg", "s3://photos/horses.jpg", "oss://photos/person.jpg", "oss://photos/faces.jpg"));
        Population population = new Population();
        FuzzReport report = new FuzzReport();
        Violations violations = new Violations();
        TableSnapshot before = service.snapshot();
        population.update(before.contents());
        long started = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            before = send(service, population, fuzzer.next(population), before, report, violations);
        }
        System.out.println(report.summary(seed, (System.nanoTime() - started) / 1e9));

        assertEquals(objectsBefore, digest(objects), "no request may change the object folder");
        assertTrue(violations.isEmpty(), violations.describe(seed));
        report.assertEveryActionWasBothServedAndRefused();
    }

    /** Sends one request and checks its answer, its log line and what it did to the table, which it returns. */
    private static TableSnapshot send(Openrecog service, Population population, FuzzCase request, TableSnapshot before,
                                      FuzzReport report, Violations violations) throws IOException {
        long storeCallsBefore = service.storeCalls();
        long sent = System.nanoTime();
        Reply reply = service.call(request.tenant(), request.request());
        long nanos = System.nanoTime() - sent;
        boolean reachedStore = service.storeCalls() != storeCallsBefore;
        Map<String, Object> logLine = logLine(service.takeLog(), reply, violations, request);
        String action = (String) logLine.get("action");
        report.count(request, action, reply, reachedStore, nanos);
        for (String violation : reply.contractViolations()) {
            violations.add(violation + " from " + action + faultTypes(logLine.get("fault")), request.describe()
                + "\n    answer: " + RequestFuzzer.abbreviate(reply.body()) + "\n    log: " + logLine);
        }

        // A request that made no call to DynamoDB left the table as it was; any other is checked with a full scan.
        TableSnapshot after = reachedStore ? service.snapshot() : before;
        if (!after.equals(before)) {
            String change = "\n    changed:\n  " + after.changesSince(before);
            if (!reply.ok()) {
                violations.add("a refused " + action + " (" + reply.status() + " " + reply.code() + ") changed the table",
                    request.describe() + change);
            } else if (READ_ONLY.contains(action)) {
                violations.add("the read-only " + action + " changed the table", request.describe() + change);
            } else if (!after.tenantsChangedSince(before).equals(Set.of(request.tenant()))) {
                violations.add(action + " changed records of another tenant", "changed " + after.tenantsChangedSince(before)
                    + " for " + request.describe() + change);
            }
            population.update(after.contents());
        }
        for (String idName : List.of("LibId", "EntityId", "SampleId")) {
            String owner = reply.ok() && reply.json().get(idName) instanceof String id ? population.everOwnedBy(id) : null;
            if (owner != null && !owner.equals(request.tenant())) {
                violations.add(action + " answered with an id of another tenant", idName + " of " + owner + " for "
                    + request.describe() + "\n    answer: " + reply.body());
            }
        }
        return after;
    }

    /** The one line the endpoint must log per request, which names the action it resolved and any fault. */
    private static Map<String, Object> logLine(List<String> log, Reply reply, Violations violations, FuzzCase request)
        throws IOException {
        if (log.size() != 1) {
            violations.add(log.size() + " log lines for one request", request.describe() + "\n    log: " + log);
            return Map.of();
        }
        Map<String, Object> line = JSON.std.mapFrom(log.get(0));
        if (!reply.requestId().equals(line.get("requestId")) || !Integer.valueOf(reply.status()).equals(line.get("status"))) {
            violations.add("a log line that does not match the answer", request.describe() + "\n    log: " + log.get(0)
                + "\n    answer: " + reply.status());
        }
        return line;
    }

    /** The exception types of a logged fault, which tell one bug from another. */
    private static String faultTypes(Object fault) {
        if (fault == null) {
            return "";
        }
        Matcher types = Pattern.compile("[\\w.$]+(?:Exception|Error)").matcher(fault.toString());
        List<String> found = new ArrayList<>();
        while (types.find()) {
            found.add(types.group());
        }
        return " (" + String.join(" <- ", found) + ")";
    }

    /** Objects that are no image, or no longer one, or too large, beside the real photos. */
    private void storeHostileObjects() throws IOException {
        Path photos = objects.resolve("photos");
        Files.createDirectories(photos.resolve("sub"));
        Files.write(photos.resolve("empty.jpg"), new byte[0]);
        Files.writeString(photos.resolve("text.jpg"), "not a picture");
        byte[] dog = Photos.darknet("dog");
        Files.write(photos.resolve("truncated.jpg"), java.util.Arrays.copyOf(dog, dog.length / 3));
        byte[] polyglot = java.util.Arrays.copyOf(dog, dog.length + 64);
        System.arraycopy("<html><script>alert(1)</script>".getBytes(), 0, polyglot, 20, 31);
        Files.write(photos.resolve("polyglot.jpg"), polyglot);
        try (RandomAccessFile huge = new RandomAccessFile(photos.resolve("huge.jpg").toFile(), "rw")) {
            huge.write(dog, 0, 4);
            huge.setLength(21L * 1024 * 1024);
        }
        Files.createDirectories(objects.resolve("secret"));
        Files.write(objects.resolve("secret").resolve("dog.jpg"), dog);
    }

    /** Every file under the folder with its content hash. */
    private static String digest(Path folder) throws IOException, NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted().toList()) {
                sha.update(folder.relativize(file).toString().getBytes());
                if (Files.isRegularFile(file)) {
                    sha.update(Files.readAllBytes(file));
                }
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** What went wrong, by kind, with the first request of each kind to reproduce it. */
    private static final class Violations {
        private final Map<String, List<String>> byKind = new TreeMap<>();

        void add(String kind, String example) {
            byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(example);
        }

        boolean isEmpty() {
            return byKind.isEmpty();
        }

        String describe(long seed) {
            return byKind.values().stream().mapToInt(List::size).sum() + " violations (seed " + seed + ") of " + byKind.size()
                + " kinds:\n" + byKind.entrySet().stream()
                .map(kind -> kind.getValue().size() + " x " + kind.getKey() + ", first:\n    " + kind.getValue().get(0))
                .collect(Collectors.joining("\n\n"));
        }
    }

    /** What the run sent and got, for the summary line and the coverage check. */
    private static final class FuzzReport {
        private final Map<String, Integer> statuses = new TreeMap<>();
        private final Map<String, Integer> codes = new TreeMap<>();
        private final Map<String, Map<String, Integer>> byAction = new TreeMap<>();
        private int requests;
        private int valid;
        private int refused;
        private int refusedCheckedByScan;
        private int fiveHundreds;
        private final Map<String, Long> millisByAction = new TreeMap<>();

        void count(FuzzCase request, String action, Reply reply, boolean reachedStore, long nanos) {
            millisByAction.merge(action == null ? "(none)" : action, nanos / 1_000_000, Long::sum);
            requests++;
            valid += request.valid() ? 1 : 0;
            statuses.merge(Integer.toString(reply.status()), 1, Integer::sum);
            fiveHundreds += reply.status() >= 500 ? 1 : 0;
            if (!reply.ok()) {
                refused++;
                refusedCheckedByScan += reachedStore ? 1 : 0;
                codes.merge(String.valueOf(reply.code()), 1, Integer::sum);
            }
            byAction.computeIfAbsent(action == null ? "(none)" : action, a -> new TreeMap<>())
                .merge(reply.ok() ? "ok" : "refused", 1, Integer::sum);
        }

        String summary(long seed, double seconds) {
            return String.format("FUZZ seed=%d requests=%d (valid as generated %d) in %.1f s; status %s; codes %s; 5xx=%d; "
                    + "refused=%d, of which %d reached DynamoDB and were checked by a full table scan, the rest made no store call; "
                    + "by action %s; milliseconds in the endpoint by action %s", seed, requests, valid, seconds, statuses, codes,
                fiveHundreds, refused, refusedCheckedByScan, byAction, millisByAction);
        }

        /** A generator that never gets a request through, or never gets one refused, tests nothing. */
        void assertEveryActionWasBothServedAndRefused() {
            for (Action action : Action.values()) {
                Map<String, Integer> outcomes = byAction.getOrDefault(action.wireName(), Map.of());
                assertTrue(outcomes.getOrDefault("ok", 0) > 0 && outcomes.getOrDefault("refused", 0) > 0,
                    action.wireName() + " was not both served and refused: " + outcomes);
            }
        }
    }
}
