package dev.openrecog.store.dynamodb;

import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.EventOrder;
import dev.openrecog.domain.ImageLabel;
import dev.openrecog.domain.LabelResult;
import dev.openrecog.domain.Language;
import dev.openrecog.domain.ObjectLocation;
import dev.openrecog.domain.ObjectRemoval;
import dev.openrecog.domain.ObjectUpload;
import dev.openrecog.domain.Tenant;
import dev.openrecog.domain.recognition.Region;
import dev.openrecog.dynamodblocal.DynamoDbLocal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Upload results on DynamoDB Local: per object the outcome of the newest event applied, whatever
 * order and however often the events arrive, readable in one call.
 */
class DynamoDbLabelResultStoreTest {
    private static final Tenant TENANT = Tenant.of("tenant-a");
    private static final ObjectLocation PHOTO = ObjectLocation.parse("SourceURI", "oss://photos/2026/#1 dog.jpg");

    private DynamoDbClient client;
    private String table;
    private DynamoDbLabelResultStore store;

    @BeforeEach
    void freshTable() {
        client = DynamoDbLocal.shared().client();
        table = "openrecog-" + UUID.randomUUID();
        RecognitionTable.createIfMissing(client, table);
        store = new DynamoDbLabelResultStore(client, table);
    }

    @Test
    void aRedeliveredUploadKeepsTheFirstResult() {
        assertTrue(store.put(TENANT, upload("etag-1", "0A"), LabelResult.succeeded(PHOTO, "etag-1", List.of(dog()), 1000)));
        assertTrue(store.isSuperseded(TENANT, upload("etag-1", "0A")));
        assertFalse(store.put(TENANT, upload("etag-1", "0A"), LabelResult.succeeded(PHOTO, "etag-1", List.of(), 2000)));

        LabelResult latest = store.latest(TENANT, PHOTO).orElseThrow();
        assertEquals("etag-1", latest.version());
        assertEquals(1000, latest.processedAt());
        ImageLabel label = latest.labels().get(0);
        assertEquals("狗", label.name());
        assertEquals("犬科动物", label.parentName());
        assertEquals(3, label.level());
        assertEquals(0.91, label.confidence());
        assertEquals(Language.ZH_HANS, label.language());
        Region box = label.instances().get(0).region();
        assertEquals(List.of(120, 220, 200, 310), List.of(box.left(), box.top(), box.width(), box.height()));
        assertEquals(0.91, label.instances().get(0).confidence());
    }

    @Test
    void aNewerUploadBecomesTheLatestAndFailuresAreKept() {
        assertFalse(store.isSuperseded(TENANT, upload("v2", "02")));
        store.put(TENANT, upload("v1", "01"), LabelResult.succeeded(PHOTO, "v1", List.of(dog()), 1000));
        assertTrue(store.put(TENANT, upload("v2", "02"),
            LabelResult.failed(PHOTO, "v2", ApiException.invalidParameter("The image is truncated or corrupt."), 2000)));

        LabelResult latest = store.latest(TENANT, PHOTO).orElseThrow();
        assertEquals("v2", latest.version());
        assertEquals(LabelResult.Status.FAILED, latest.status());
        assertEquals("InvalidParameter", latest.errorCode());
        assertEquals("The image is truncated or corrupt.", latest.errorMessage());
        assertTrue(latest.labels().isEmpty());
    }

    @Test
    void anOlderUploadArrivingLateChangesNothing() {
        store.put(TENANT, upload("v2", "0100"), result("v2"));

        assertTrue(store.isSuperseded(TENANT, upload("v1", "FF")), "sequencers compare as numbers: FF < 0100");
        assertFalse(store.put(TENANT, upload("v1", "FF"), result("v1")));
        assertEquals("v2", store.latest(TENANT, PHOTO).orElseThrow().version());
    }

    @Test
    void aRemovalHidesTheResultAndNoOlderUploadBringsItBack() {
        store.put(TENANT, upload("v1", "01"), result("v1"));

        assertTrue(store.remove(TENANT, removal("03")));
        assertTrue(store.latest(TENANT, PHOTO).isEmpty());
        assertFalse(store.remove(TENANT, removal("03")), "a redelivered removal");
        assertFalse(store.put(TENANT, upload("v1", "01"), result("v1")));
        assertFalse(store.put(TENANT, upload("v2", "02"), result("v2")));
        assertTrue(store.latest(TENANT, PHOTO).isEmpty());

        assertTrue(store.put(TENANT, upload("v3", "04"), result("v3")), "an upload after the removal");
        assertEquals("v3", store.latest(TENANT, PHOTO).orElseThrow().version());
    }

    @Test
    void aRemovalArrivingBeforeItsUploadKeepsTheUploadOut() {
        assertTrue(store.remove(TENANT, removal("03")));
        assertTrue(store.isSuperseded(TENANT, upload("v1", "01")));
        assertFalse(store.put(TENANT, upload("v1", "01"), result("v1")));
        assertTrue(store.latest(TENANT, PHOTO).isEmpty());
    }

    @Test
    void atTheSameEventTimeARemovalWinsOverAnUploadAndUploadsTieByVersion() {
        Instant second = Instant.parse("2026-11-22T10:30:01Z");
        ObjectUpload a = new ObjectUpload(PHOTO, "AAAA", 10, EventOrder.time(second));
        ObjectUpload b = new ObjectUpload(PHOTO, "BBBB", 10, EventOrder.time(second));
        assertTrue(store.put(TENANT, b, result("BBBB")));
        assertFalse(store.put(TENANT, a, result("AAAA")));
        assertTrue(store.remove(TENANT, ObjectRemoval.of(PHOTO, EventOrder.time(second))));
        assertFalse(store.put(TENANT, b, result("BBBB")));
        assertTrue(store.put(TENANT, new ObjectUpload(PHOTO, "AAAA", 10, EventOrder.time(second.plusSeconds(1))), result("AAAA")));
        assertEquals("AAAA", store.latest(TENANT, PHOTO).orElseThrow().version());
    }

    @Test
    void deletingTheVersionShownRemovesItAndLaterUploadsStillApply() {
        store.put(TENANT, upload("v1", "01"), result("v1"));

        assertTrue(store.remove(TENANT, ObjectRemoval.ofVersion(PHOTO, "v1", order("05"))));
        assertTrue(store.latest(TENANT, PHOTO).isEmpty());
        assertFalse(store.remove(TENANT, ObjectRemoval.ofVersion(PHOTO, "v1", order("05"))), "a redelivered removal");
        assertFalse(store.put(TENANT, upload("v1", "01"), result("v1")));

        assertTrue(store.put(TENANT, upload("v2", "02"), result("v2")), "v2 was uploaded before v1 was deleted, and is current");
        assertEquals("v2", store.latest(TENANT, PHOTO).orElseThrow().version());
    }

    @Test
    void deletingAnotherVersionLeavesTheResult() {
        store.put(TENANT, upload("v2", "02"), result("v2"));

        assertFalse(store.remove(TENANT, ObjectRemoval.ofVersion(PHOTO, "v1", order("03"))));
        assertEquals("v2", store.latest(TENANT, PHOTO).orElseThrow().version());
    }

    @Test
    void aVersionDeletedBeforeItsUploadArrivesIsNeverStored() {
        assertFalse(store.remove(TENANT, ObjectRemoval.ofVersion(PHOTO, "v1", order("03"))), "nothing shown to remove");

        assertFalse(store.put(TENANT, upload("v1", "01"), result("v1")));
        assertTrue(store.latest(TENANT, PHOTO).isEmpty());
        assertTrue(store.put(TENANT, upload("v2", "02"), result("v2")));
        assertEquals("v2", store.latest(TENANT, PHOTO).orElseThrow().version());
    }

    @Test
    void aResultStoredBeforeEventsHadAnOrderGivesWayToTheNextEvent() {
        Map<String, AttributeValue> legacy = Items.key(Keys.labelResults(TENANT, PHOTO), "LATEST");
        legacy.put("version", Items.s("old"));
        legacy.put("status", Items.s("SUCCEEDED"));
        legacy.put("processedAt", Items.n(1));
        legacy.put("labels", AttributeValue.builder().l(List.of()).build());
        client.putItem(r -> r.tableName(table).item(legacy));
        assertEquals("old", store.latest(TENANT, PHOTO).orElseThrow().version());

        assertFalse(store.isSuperseded(TENANT, upload("v1", "01")));
        assertTrue(store.put(TENANT, upload("v1", "01"), result("v1")));
        assertEquals("v1", store.latest(TENANT, PHOTO).orElseThrow().version());
    }

    @Test
    void removalsAreForgottenAfterThirtyDays() {
        store.remove(TENANT, removal("03"));
        store.remove(TENANT, ObjectRemoval.ofVersion(PHOTO, "v1", order("04")));

        for (String sk : List.of("LATEST", "V#v1")) {
            Map<String, AttributeValue> item = client.getItem(r -> r.tableName(table)
                .key(Items.key(Keys.labelResults(TENANT, PHOTO), sk))).item();
            long expires = Long.parseLong(item.get(Keys.TTL).n());
            long inThirtyDays = Instant.now().plus(Duration.ofDays(30)).getEpochSecond();
            assertTrue(Math.abs(expires - inThirtyDays) < 600, sk + " expires at " + expires);
        }
    }

    @Test
    void ofConcurrentDeliveriesOfOneUploadExactlyOneIsStored() throws Exception {
        int deliveries = 6;
        List<Callable<Boolean>> puts = new ArrayList<>();
        for (int i = 0; i < deliveries; i++) {
            long processedAt = 1000 + i;
            puts.add(() -> store.put(TENANT, upload("v1", "01"), LabelResult.succeeded(PHOTO, "v1", List.of(), processedAt)));
        }
        List<Boolean> stored = runTogether(puts);

        assertEquals(1, stored.stream().filter(Boolean::booleanValue).count(), stored.toString());
        long winner = 1000 + stored.indexOf(true);
        assertEquals(winner, store.latest(TENANT, PHOTO).orElseThrow().processedAt());
    }

    @Test
    void concurrentUploadsAndRemovalsEndWithTheNewestEvent() throws Exception {
        for (int round = 0; round < 5; round++) {
            ObjectLocation photo = ObjectLocation.parse("SourceURI", "s3://photos/round-" + round + ".jpg");
            List<Callable<Boolean>> events = new ArrayList<>();
            for (int copy = 0; copy < 2; copy++) {
                events.add(() -> store.put(TENANT, new ObjectUpload(photo, "v3", 10, order("03")), result("v3")));
                events.add(() -> store.put(TENANT, new ObjectUpload(photo, "v1", 10, order("01")), result("v1")));
                events.add(() -> store.remove(TENANT, ObjectRemoval.of(photo, order("02"))));
            }
            List<Boolean> applied = runTogether(events);

            assertEquals("v3", store.latest(TENANT, photo).orElseThrow().version());
            assertTrue(applied.get(0) ^ applied.get(3), "v3 is stored by exactly one of its deliveries: " + applied);
        }
    }

    @Test
    void resultsBelongToOneTenantAndOneObject() {
        store.put(TENANT, upload("v1", "01"), result("v1"));
        assertTrue(store.latest(Tenant.of("tenant-b"), PHOTO).isEmpty());
        assertFalse(store.isSuperseded(Tenant.of("tenant-b"), upload("v1", "01")));
        assertTrue(store.latest(TENANT, ObjectLocation.parse("SourceURI", "s3://photos/2026/#1 dog.jpg")).isEmpty());
        assertTrue(store.latest(TENANT, ObjectLocation.parse("SourceURI", "oss://photos/2026/#1 dog.jpg.bak")).isEmpty());
        store.remove(Tenant.of("tenant-b"), removal("09"));
        assertEquals("v1", store.latest(TENANT, PHOTO).orElseThrow().version());
    }

    private static List<Boolean> runTogether(List<Callable<Boolean>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> futures = new ArrayList<>();
            for (Callable<Boolean> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Boolean> results = new ArrayList<>();
            for (Future<Boolean> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static EventOrder order(String sequencer) {
        return EventOrder.sequencer(sequencer);
    }

    private static ObjectUpload upload(String version, String sequencer) {
        return new ObjectUpload(PHOTO, version, 10, order(sequencer));
    }

    private static ObjectRemoval removal(String sequencer) {
        return ObjectRemoval.of(PHOTO, order(sequencer));
    }

    private static LabelResult result(String version) {
        return LabelResult.succeeded(PHOTO, version, List.of(dog()), 1000);
    }

    private static ImageLabel dog() {
        return new ImageLabel("狗", 3, "犬科动物", 0.91, 0.62, Language.ZH_HANS, "犬",
            List.of(new ImageLabel.Instance(new Region(120, 220, 200, 310), 0.91)));
    }
}
