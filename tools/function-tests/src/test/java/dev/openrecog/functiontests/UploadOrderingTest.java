package dev.openrecog.functiontests;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.openrecog.domain.LabelResult;
import dev.openrecog.domain.ObjectLocation;
import dev.openrecog.domain.Tenant;
import dev.openrecog.store.dynamodb.DynamoDbLabelResultStore;
import dev.openrecog.store.dynamodb.RecognitionTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The upload function under storage notifications as the platforms deliver them: at least once, in
 * any order, and concurrently. Three events of one object, Created(v1), Created(v2) and Removed, are
 * each delivered three times in every one of the 1680 possible interleavings, as real S3 and OSS
 * event JSON to the real handlers on DynamoDB Local; each delivery must do exactly what the newest
 * event seen so far allows, and the end state must be that of the newest event. Each case runs as its own tenant, so the cases
 * share the objects folder but no stored state. The deliveries come after all three events happened,
 * so the bucket holds what the last event left (a late delivery reads the object as it is now).
 */
class UploadOrderingTest {
    private static final String BUCKET = EventFilesTest.BUCKET;
    /** Not an image: labelling it is quick (a FAILED result), which keeps 10,000 cases fast. */
    private static final byte[] V2_CONTENT = "version 2, not a picture".getBytes();
    /** A real photo: the objects that are labelled for real. */
    private static final String DOG = "ordering/dog.jpg";
    private static final String V1_ETAG = "11111111111111111111111111111111";
    private static final String V2_ETAG = "22222222222222222222222222222222";
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();
    private static final Map<String, String> TEMPLATES = new ConcurrentHashMap<>();

    private static DynamoDbLabelResultStore results;
    private static Object lambda;
    private static Object fc;

    /** The order in which the three events really happened, and what must be stored in the end. */
    enum History {
        REMOVED_LAST(null, Event.CREATED_V1, Event.CREATED_V2, Event.REMOVED),
        REMOVED_BETWEEN(V2_ETAG, Event.CREATED_V1, Event.REMOVED, Event.CREATED_V2),
        REMOVED_FIRST(V2_ETAG, Event.REMOVED, Event.CREATED_V1, Event.CREATED_V2);

        /** The version whose result is stored at the end, or null for none (GetImageLabels: LabelResultNotFound). */
        final String expectedVersion;
        final List<Event> happened;

        History(String expectedVersion, Event... happened) {
            this.expectedVersion = expectedVersion;
            this.happened = List.of(happened);
        }

        /** 1 for the first event that happened, 3 for the last. */
        int rank(Event event) {
            return happened.indexOf(event) + 1;
        }

        String key() {
            return "ordering/" + name().toLowerCase() + ".jpg";
        }
    }

    enum Event { CREATED_V1, CREATED_V2, REMOVED }

    /** The storage service and its notification shape. */
    enum Shape {
        S3 {
            @Override
            String event(Event event, int rank, String key, String account) throws IOException {
                Map<String, Object> record = template(event == Event.REMOVED ? "s3-object-removed.json" : "s3-object-created.json", "Records");
                Map<String, Object> object = nested(record, "s3", "object");
                object.put("key", key);
                object.put("sequencer", String.format("0A1B2C3D4E5F6789%02X", rank)); // later events have greater sequencers
                if (event != Event.REMOVED) {
                    object.put("eTag", (event == Event.CREATED_V1 ? V1_ETAG : V2_ETAG).toLowerCase());
                    object.put("size", event == Event.CREATED_V1 ? 163759 : V2_CONTENT.length);
                }
                return JSON.std.asString(Map.of("Records", List.of(record)));
            }
        },
        OSS {
            @Override
            String event(Event event, int rank, String key, String account) throws IOException {
                Map<String, Object> record = template(event == Event.REMOVED ? "oss-object-removed.json" : "oss-object-created.json", "events");
                record.put("eventTime", Instant.parse("2026-11-22T11:00:00Z").plusSeconds(rank).toString());
                Map<String, Object> bucket = nested(record, "oss", "bucket");
                bucket.put("arn", "acs:oss:cn-hangzhou:" + account + ":" + BUCKET);
                Map<String, Object> object = nested(record, "oss", "object");
                object.put("key", key);
                if (event != Event.REMOVED) {
                    object.put("eTag", event == Event.CREATED_V1 ? V1_ETAG : V2_ETAG);
                    object.put("size", event == Event.CREATED_V1 ? 163759 : V2_CONTENT.length);
                }
                return JSON.std.asString(Map.of("events", List.of(record)));
            }
        };

        /** The notification of one event, for the bucket of {@code account}. */
        abstract String event(Event event, int rank, String key, String account) throws IOException;

        Object handler() {
            return this == S3 ? lambda : fc;
        }

        String provider() {
            return this == S3 ? "lambda" : "fc";
        }

        ObjectLocation location(String key) {
            return new ObjectLocation(this == S3 ? ObjectLocation.Scheme.S3 : ObjectLocation.Scheme.OSS, BUCKET, key);
        }

        /** The first record of an events/ file of the upload function, as a map of its own. */
        static Map<String, Object> template(String file, String list) throws IOException {
            Map<String, Object> event = JSON.std.mapFrom(TEMPLATES.computeIfAbsent(file, name -> {
                try {
                    return Files.readString(Path.of(System.getProperty("openrecog.events"), "image-upload-trigger", name));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
            @SuppressWarnings("unchecked")
            Map<String, Object> first = (Map<String, Object>) ((List<?>) event.get(list)).get(0);
            return first;
        }
    }

    @BeforeAll
    static void handlers() throws Exception {
        results = new DynamoDbLabelResultStore(EventFilesTest.sharedDatabase().client(), EventFilesTest.TABLE);
        RecognitionTable.createIfMissing(EventFilesTest.sharedDatabase().client(), EventFilesTest.TABLE);
        Path objects = Path.of(System.getProperty("openrecog.objects")).resolve(BUCKET);
        Files.createDirectories(objects.resolve(DOG).getParent());
        Files.copy(EventFilesTest.PHOTOS.resolve("dog.jpg"), objects.resolve(DOG), StandardCopyOption.REPLACE_EXISTING);
        for (History history : History.values()) {
            Path file = objects.resolve(history.key());
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            if (history.expectedVersion != null) {
                Files.write(file, V2_CONTENT);
            }
        }
        // Tens of thousands of invocations: their log lines (one per event, covered by RequestLogTest) go nowhere.
        PrintStream console = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            lambda = Invoker.handler("image-upload-trigger", Shape.S3.provider());
            fc = Invoker.handler("image-upload-trigger", Shape.OSS.provider());
        } finally {
            System.setOut(console);
        }
    }

    /**
     * Each interleaving runs under one history, taking the histories in turn (560 interleavings each):
     * all three histories for every interleaving took three times as long (160 to 280 s on a busy 2-core machine).
     */
    @ParameterizedTest
    @EnumSource(Shape.class)
    void everyInterleavingOfThreeDeliveriesOfEachEventEndsWithTheNewestEvent(Shape shape) throws Exception {
        List<List<Event>> interleavings = interleavings();
        assertEquals(1680, interleavings.size(), "9! / (3! 3! 3!)");
        List<Callable<Void>> cases = new ArrayList<>();
        for (int i = 0; i < interleavings.size(); i++) {
            History history = History.values()[i % History.values().length];
            List<Event> deliveries = interleavings.get(i);
            cases.add(() -> {
                replay(shape, history, deliveries);
                return null;
            });
        }
        runAll(cases, 4);
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void concurrentDeliveriesStoreOneResult(Shape shape) throws Exception {
        List<Object> containers = List.of(shape.handler(), Invoker.handler("image-upload-trigger", shape.provider()),
            Invoker.handler("image-upload-trigger", shape.provider()));
        for (int round = 0; round < 3; round++) {
            String account = nextAccount(shape);
            String dog = shape.event(Event.CREATED_V1, 1, DOG, account);
            List<Callable<Map<String, Object>>> deliveries = new ArrayList<>();
            for (Object container : containers) {
                deliveries.add(() -> Invoker.invokeHandler(container, account, dog));
            }
            List<Map<String, Object>> answers = runTogether(deliveries);

            assertEquals(1, answers.stream().mapToInt(answer -> (Integer) answer.get("labelled")).sum(), answers.toString());
            assertEquals(2, answers.stream().mapToInt(answer -> (Integer) answer.get("unchanged")).sum(), answers.toString());
            LabelResult stored = results.latest(Tenant.of(account), shape.location(DOG)).orElseThrow();
            assertEquals(V1_ETAG, stored.version().toUpperCase());
            assertTrue(stored.labels().stream().anyMatch(label -> label.name().equals("狗")), stored.labels().toString());
        }
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void concurrentDeliveriesOfAllThreeEventsEndWithTheNewest(Shape shape) throws Exception {
        for (History history : History.values()) {
            for (int round = 0; round < 3; round++) {
                String account = nextAccount(shape);
                List<Callable<Map<String, Object>>> deliveries = new ArrayList<>();
                for (int copy = 0; copy < 3; copy++) {
                    for (Event event : Event.values()) {
                        String notification = shape.event(event, history.rank(event), history.key(), account);
                        deliveries.add(() -> Invoker.invokeHandler(shape.handler(), account, notification));
                    }
                }
                runTogether(deliveries);
                assertStored(shape, history, account);
            }
        }
    }

    /** OSS gives whole seconds: of an upload and a removal in the same second, the removal is taken as the later. */
    @Test
    void anOssRemovalInTheSameSecondAsTheUploadWins() throws Exception {
        String account = nextAccount(Shape.OSS);
        String key = DOG;
        String removed = Shape.OSS.event(Event.REMOVED, 1, key, account);
        String created = Shape.OSS.event(Event.CREATED_V1, 1, key, account);

        assertEquals(EventFilesTest.counts(1, 0, 0, 0), Invoker.invokeHandler(fc, account, created));
        assertEquals(EventFilesTest.counts(0, 0, 1, 0), Invoker.invokeHandler(fc, account, removed));
        assertEquals(EventFilesTest.counts(0, 0, 0, 1), Invoker.invokeHandler(fc, account, created));
        assertTrue(results.latest(Tenant.of(account), Shape.OSS.location(key)).isEmpty());
    }

    /** Versioned S3 buckets: a delete marker removes the object; deleting one version for good removes only that version. */
    @Test
    void s3DeleteMarkersAndDeletedVersions() throws Exception {
        String account = nextAccount(Shape.S3);
        String key = DOG;
        String v1 = versioned(Shape.S3.event(Event.CREATED_V1, 1, key, account), "ObjectCreated:Put", "v1-3HL4kqtJlcpXroDTDmJ");
        String v2 = versioned(Shape.S3.event(Event.CREATED_V1, 2, key, account), "ObjectCreated:Put", "v2-3HL4kqtJlcpXroDTDmJ");
        String deleteV1 = versioned(Shape.S3.event(Event.REMOVED, 3, key, account), "ObjectRemoved:Delete", "v1-3HL4kqtJlcpXroDTDmJ");
        String marker = versioned(Shape.S3.event(Event.REMOVED, 4, key, account), "ObjectRemoved:DeleteMarkerCreated", "marker-Cv7xJd3sP0");
        Tenant tenant = Tenant.of(account);
        ObjectLocation dog = Shape.S3.location(key);

        assertEquals(EventFilesTest.counts(0, 0, 0, 1), Invoker.invokeHandler(lambda, account, deleteV1), "nothing stored to remove yet");
        assertEquals(EventFilesTest.counts(0, 0, 0, 1), Invoker.invokeHandler(lambda, account, v1), "v1 was deleted for good before its event came");
        assertEquals(EventFilesTest.counts(1, 0, 0, 0), Invoker.invokeHandler(lambda, account, v2));
        assertEquals(EventFilesTest.counts(0, 0, 0, 1), Invoker.invokeHandler(lambda, account, deleteV1), "v2 stays: it was not deleted");
        assertEquals("v2-3HL4kqtJlcpXroDTDmJ", results.latest(tenant, dog).orElseThrow().version());

        assertEquals(EventFilesTest.counts(0, 0, 1, 0), Invoker.invokeHandler(lambda, account, marker));
        assertTrue(results.latest(tenant, dog).isEmpty());
        assertEquals(EventFilesTest.counts(0, 0, 0, 1), Invoker.invokeHandler(lambda, account, v2), "a late v2 stays behind the marker");
        assertTrue(results.latest(tenant, dog).isEmpty());
    }

    /** The object was deleted before its upload event was labelled, and the delete's own event is late: no FAILED result stays. */
    @ParameterizedTest
    @EnumSource(Shape.class)
    void anUploadWhoseObjectIsAlreadyGoneStoresNoResult(Shape shape) throws Exception {
        String account = nextAccount(shape);
        String key = History.REMOVED_LAST.key(); // no such object
        Tenant tenant = Tenant.of(account);

        assertEquals(EventFilesTest.counts(0, 0, 1, 0), Invoker.invokeHandler(shape.handler(), account, shape.event(Event.CREATED_V2, 2, key, account)));
        assertTrue(results.latest(tenant, shape.location(key)).isEmpty());
        assertEquals(EventFilesTest.counts(0, 0, 0, 1), Invoker.invokeHandler(shape.handler(), account, shape.event(Event.CREATED_V1, 1, key, account)),
            "an older upload cannot bring a result back");
        assertEquals(EventFilesTest.counts(0, 0, 1, 0), Invoker.invokeHandler(shape.handler(), account, shape.event(Event.REMOVED, 3, key, account)));
        assertTrue(results.latest(tenant, shape.location(key)).isEmpty());
    }

    /** Delivers the events in this order, checking what each delivery did and what is stored at the end. */
    private static void replay(Shape shape, History history, List<Event> deliveries) throws Exception {
        String account = nextAccount(shape);
        Map<Event, String> notifications = new EnumMap<>(Event.class);
        for (Event event : Event.values()) {
            notifications.put(event, shape.event(event, history.rank(event), history.key(), account));
        }
        int newestApplied = 0;
        for (Event event : deliveries) {
            int rank = history.rank(event);
            Map<String, Object> answer = Invoker.invokeHandler(shape.handler(), account, notifications.get(event));
            Map<String, Object> expected;
            if (rank <= newestApplied) {
                expected = EventFilesTest.counts(0, 0, 0, 1); // a redelivery, or older than what is applied
            } else if (event == Event.REMOVED || history.expectedVersion == null) {
                expected = EventFilesTest.counts(0, 0, 1, 0); // removed, or the upload found its object already gone
            } else {
                expected = EventFilesTest.counts(0, 1, 0, 0); // labelled what the object holds now (not an image)
            }
            assertEquals(expected, answer, shape + " " + history + " " + deliveries + ": " + event);
            newestApplied = Math.max(newestApplied, rank);
        }
        assertStored(shape, history, account);
    }

    private static void assertStored(Shape shape, History history, String account) {
        Optional<LabelResult> stored = results.latest(Tenant.of(account), shape.location(history.key()));
        assertEquals(Optional.ofNullable(history.expectedVersion), stored.map(result -> result.version().toUpperCase()),
            shape + " " + history + " as " + account);
    }

    /** Every distinct order of three deliveries of each of the three events. */
    private static List<List<Event>> interleavings() {
        List<List<Event>> all = new ArrayList<>();
        extend(new ArrayList<>(), new int[]{3, 3, 3}, all);
        return all;
    }

    private static void extend(List<Event> prefix, int[] left, List<List<Event>> all) {
        if (prefix.size() == 9) {
            all.add(List.copyOf(prefix));
            return;
        }
        for (Event event : Event.values()) {
            if (left[event.ordinal()] > 0) {
                left[event.ordinal()]--;
                prefix.add(event);
                extend(prefix, left, all);
                prefix.remove(prefix.size() - 1);
                left[event.ordinal()]++;
            }
        }
    }

    /** A tenant of its own: the AWS account the Lambda function runs in, or the OSS bucket's owner. */
    private static String nextAccount(Shape shape) {
        int n = ACCOUNTS.incrementAndGet();
        return shape == Shape.S3 ? String.format("9%011d", n) : String.format("9%015d", n);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nested(Map<String, Object> map, String... path) {
        Map<String, Object> current = map;
        for (String name : path) {
            current = (Map<String, Object>) current.get(name);
        }
        return current;
    }

    private static String versioned(String notification, String eventName, String versionId) throws IOException {
        Map<String, Object> event = JSON.std.mapFrom(notification);
        @SuppressWarnings("unchecked")
        Map<String, Object> record = (Map<String, Object>) ((List<?>) event.get("Records")).get(0);
        record.put("eventName", eventName);
        nested(record, "s3", "object").put("versionId", versionId);
        return JSON.std.asString(event);
    }

    private static void runAll(List<Callable<Void>> calls, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (Callable<Void> call : calls) {
                futures.add(pool.submit(call));
            }
            for (Future<Void> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Starts every call at once, each on its own thread, as concurrent invocations of the function. */
    private static <T> List<T> runTogether(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> answers = new ArrayList<>();
            for (Future<T> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
