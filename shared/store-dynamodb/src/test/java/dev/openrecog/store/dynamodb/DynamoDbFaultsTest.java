package dev.openrecog.store.dynamodb;

import dev.openrecog.domain.Algorithm;
import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.Tenant;
import dev.openrecog.domain.recognition.IndexedSample;
import dev.openrecog.dynamodblocal.DynamoDbLocal;
import dev.openrecog.store.dynamodb.FaultyDynamoDb.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.openrecog.domain.Action.CREATE_RECOGNITION_ENTITY;
import static dev.openrecog.domain.Action.CREATE_RECOGNITION_LIB;
import static dev.openrecog.domain.Action.CREATE_RECOGNITION_SAMPLE;
import static dev.openrecog.domain.Action.DELETE_RECOGNITION_ENTITY;
import static dev.openrecog.domain.Action.DELETE_RECOGNITION_LIB;
import static dev.openrecog.domain.Action.DELETE_RECOGNITION_SAMPLE;
import static dev.openrecog.domain.Action.LIST_RECOGNITION_ENTITIES;
import static dev.openrecog.domain.Action.LIST_RECOGNITION_LIBS;
import static dev.openrecog.domain.Action.LIST_RECOGNITION_SAMPLES;
import static dev.openrecog.store.dynamodb.DynamoDbStores.MAX_ATTEMPTS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store under DynamoDB's faults, injected between the real SDK client (with the functions'
 * timeouts and retries) and DynamoDB Local: what a caller gets, and what the table holds after.
 * An exception that is not an ApiException is what the RPC endpoint answers as InternalError.
 */
class DynamoDbFaultsTest {
    private static final String TRANSACT = "TransactWriteItems";
    private static final byte[] FEATURES = "192 floats, say".getBytes(StandardCharsets.UTF_8);

    private FaultyDynamoDb dynamo;
    /** Behind the proxy's back, to see what the table really holds. */
    private final DynamoDbClient direct = DynamoDbLocal.shared().client();
    private final List<DynamoDbClient> clients = new ArrayList<>();
    private String table;
    private Api api;

    @BeforeEach
    void start() {
        dynamo = new FaultyDynamoDb(DynamoDbLocal.shared().endpoint());
        table = "openrecog-" + UUID.randomUUID();
        RecognitionTable.createIfMissing(direct, table);
        api = api("tenant-a");
    }

    @AfterEach
    void stop() {
        clients.forEach(DynamoDbClient::close);
        direct.close();
        dynamo.close();
    }

    @Test
    void throttledReadsAreRetriedUntilTheyGetThrough() {
        String libId = api.createLib("face", "staff");
        dynamo.failNext("GetItem", 2, Fault.PROVISIONED_THROUGHPUT_EXCEEDED);
        dynamo.failNext("Query", 1, Fault.THROTTLING);

        Map<String, Object> page = api.call(LIST_RECOGNITION_LIBS, "Algorithm", "face");

        assertEquals(List.of(libId), libIds(page));
        assertEquals(1, Api.total(page));
        assertEquals(3, dynamo.requests("GetItem"));
        assertEquals(2, dynamo.requests("Query"));
    }

    @Test
    void aThrottledCreateIsRetriedAndStoredOnce() {
        dynamo.failNext(TRANSACT, 2, Fault.THROTTLING);
        dynamo.failNext(TRANSACT, 2, Fault.REQUEST_LIMIT_EXCEEDED);

        String libId = api.createLib("face", "staff");

        assertEquals(MAX_ATTEMPTS, dynamo.requests(TRANSACT));
        assertEquals(List.of(libId), libIds(api.call(LIST_RECOGNITION_LIBS, "Algorithm", "face")));
        assertEquals(2, tenantItems("tenant-a").size(), "the library and its count");
    }

    @Test
    void aCreateThrottledOnEveryAttemptFailsAndStoresNothing() {
        dynamo.failNext(TRANSACT, MAX_ATTEMPTS, Fault.PROVISIONED_THROUGHPUT_EXCEEDED);

        RuntimeException fault = assertThrows(RuntimeException.class, () -> api.createLib("face", "staff"));

        assertInstanceOf(ProvisionedThroughputExceededException.class, fault);
        assertEquals(MAX_ATTEMPTS, dynamo.requests(TRANSACT));
        assertEquals(List.of(), tenantItems("tenant-a"));
    }

    @Test
    void aTransactionConflictIsRetriedAsANewTransaction() {
        dynamo.failNext(TRANSACT, 3, Fault.TRANSACTION_CONFLICT);

        String libId = api.createLib("landmark", "towers");

        assertEquals(4, dynamo.requests(TRANSACT), "the SDK does not retry a cancellation; the store does");
        assertEquals(List.of(libId), libIds(api.call(LIST_RECOGNITION_LIBS, "Algorithm", "landmark")));
        assertEquals(1, Api.total(api.call(LIST_RECOGNITION_LIBS, "Algorithm", "landmark")));
    }

    @Test
    void aNonceClaimWhoseAnswerWasLostStaysItsClaimantsAndNoOneElses() {
        DynamoDbClient faulty = dynamo.client();
        clients.add(faulty);
        DynamoDbNonceLedger ledger = new DynamoDbNonceLedger(faulty, table, Clock.systemUTC());
        Instant forgetAfter = Instant.now().plusSeconds(900);
        dynamo.failNext("PutItem", 1, Fault.ANSWER_LOST);

        assertTrue(ledger.claim("KEY", "lost-answer", forgetAfter), "the resend found the claim's own mark");
        assertEquals(2, dynamo.requests("PutItem"));
        assertFalse(ledger.claim("KEY", "lost-answer", forgetAfter), "a second request with the nonce is a replay");
    }

    @Test
    void aTransactionWhoseAnswerWasLostIsNotAppliedTwiceNorReportedAsFailed() {
        String libId = api.createLib("label", "things");
        String entity = api.createEntity("label", libId, "chairs");
        int before = dynamo.requests(TRANSACT);
        dynamo.failNext(TRANSACT, 1, Fault.ANSWER_LOST);

        String sample = api.createPromptSample(libId, entity, "chair");

        assertEquals(before + 2, dynamo.requests(TRANSACT));
        assertEquals(List.of(sample), sampleIds(api.call(LIST_RECOGNITION_SAMPLES, "Algorithm", "label", "LibId", libId, "EntityId", entity)));
        assertEquals(1, Api.total(api.call(LIST_RECOGNITION_SAMPLES, "Algorithm", "label", "LibId", libId, "EntityId", "ANY")));

        // Applied, then answered after the attempt timeout: the resend must not report SampleNotFound.
        dynamo.failNext(TRANSACT, 1, Fault.LATE_ANSWER);
        api.call(DELETE_RECOGNITION_SAMPLE, "Algorithm", "label", "LibId", libId, "EntityId", entity, "SampleId", sample);

        assertEquals(before + 4, dynamo.requests(TRANSACT));
        assertEquals(0, Api.total(api.call(LIST_RECOGNITION_SAMPLES, "Algorithm", "label", "LibId", libId, "EntityId", entity)));
        assertEquals(0, Api.total(api.call(LIST_RECOGNITION_SAMPLES, "Algorithm", "label", "LibId", libId, "EntityId", "ANY")));
    }

    @Test
    void aStalledReadTimesOutAndIsRetried() {
        String libId = api.createLib("logo", "brands");
        String entity = api.createEntity("logo", libId, "acme");
        int before = dynamo.requests("GetItem");
        dynamo.failNext("GetItem", 1, Fault.STALL);

        Map<String, Object> page = api.call(LIST_RECOGNITION_ENTITIES, "Algorithm", "logo", "LibId", libId);

        assertEquals(entity, Api.items(page, "Entities", "Entity").get(0).get("EntityId"));
        assertEquals(before + 2, dynamo.requests("GetItem"));
    }

    @Test
    void whenDynamoDbStopsAnsweringACreateFailsWithinTheCallTimeoutAndStoresNothing() {
        dynamo.failNext(TRANSACT, MAX_ATTEMPTS, Fault.STALL);

        RuntimeException fault = assertThrows(RuntimeException.class, () -> api.createLib("face", "staff"));

        assertInstanceOf(SdkException.class, fault);
        assertEquals(List.of(), tenantItems("tenant-a"));
    }

    @Test
    void aCreateWhoseAnswersWereAllLostIsWholeAndItsClientTokenAnswersTheRetry() {
        String[] create = {"Algorithm", "face", "LibName", "staff", "ClientToken", "retry-me"};
        dynamo.failNext(TRANSACT, MAX_ATTEMPTS, Fault.ANSWER_LOST);

        RuntimeException fault = assertThrows(RuntimeException.class, () -> api.id(CREATE_RECOGNITION_LIB, create));
        assertFalse(fault instanceof ApiException);

        List<Map<String, AttributeValue>> stored = tenantItems("tenant-a");
        assertEquals(3, stored.size(), "the library, its count and the token: all of the change");
        String libId = stored.stream().filter(item -> item.containsKey("libId")).findFirst().orElseThrow().get("libId").s();
        assertEquals(libId, api.id(CREATE_RECOGNITION_LIB, create));
        assertEquals(List.of(libId), libIds(api.call(LIST_RECOGNITION_LIBS, "Algorithm", "face")));
        assertEquals(1, Api.total(api.call(LIST_RECOGNITION_LIBS, "Algorithm", "face")));
    }

    /**
     * Every change, cut short at each of its requests in turn, by a refusal (not applied) and by
     * lost answers (applied, and resent until the SDK gives up): the call fails, the table stays
     * consistent, and the caller's retry completes the change exactly once.
     */
    @Test
    void noFaultAtAnyPointLeavesHalfAChange() {
        for (Scenario scenario : scenarios()) {
            table = "openrecog-" + UUID.randomUUID(); // small tables keep the scans after each fault quick
            RecognitionTable.createIfMissing(direct, table);
            int requests = healthyRequests(scenario);
            for (int n = 1; n <= requests; n++) {
                for (Fault fault : List.of(Fault.ACCESS_DENIED, Fault.ANSWER_LOST)) {
                    String tenant = scenario.name() + "-" + n + "-" + fault.name().toLowerCase();
                    String where = scenario.name() + " failing from request " + n + " of " + requests + " with " + fault;
                    Change change = scenario.seed().apply(new Api(new DynamoDbRecognitionStore(direct, table), tenant), api(tenant));
                    dynamo.failFrom(n, fault);
                    RuntimeException e = assertThrows(RuntimeException.class, change.run()::get, where);
                    assertFalse(e instanceof ApiException, where + ": " + e);
                    dynamo.heal();
                    assertConsistent(tenant, where);

                    Map<String, Object> answer;
                    try {
                        answer = change.run().get();
                    } catch (ApiException alreadyDone) {
                        assertEquals(scenario.notFoundOnRetry(), alreadyDone.errorCode().code(), where);
                        answer = null;
                    }
                    change.verify().accept(answer, where);
                    assertConsistent(tenant, where + ", then retried");
                    assertTrue(tenantItems(tenant).stream().noneMatch(item -> item.get(Keys.PK).s().equals(Keys.purges(Tenant.of(tenant)))),
                        where + ": no purge is left pending");
                }
            }
        }
    }

    // --- scenarios ---------------------------------------------------------------------------

    /**
     * One change to cut short. {@code seed} seeds through its first Api, straight to the table, and
     * returns the change, made through the second, past the faults. {@code notFoundOnRetry} is what a
     * retry may be told when the cut-short call had done it all.
     */
    private record Scenario(String name, String notFoundOnRetry, BiFunction<Api, Api, Change> seed) {
    }

    /** A change, and how to check it was made exactly once (given a null answer when the retry was told it was done). */
    private record Change(Supplier<Map<String, Object>> run, BiConsumer<Map<String, Object>, String> verify) {
    }

    private List<Scenario> scenarios() {
        return List.of(
            new Scenario("create-library", null, (api, faulty) -> new Change(
                () -> faulty.call(CREATE_RECOGNITION_LIB, "Algorithm", "face", "LibName", "staff", "ClientToken", "t"),
                (answer, where) -> assertEquals(List.of(answer.get("LibId")), libIds(api.call(LIST_RECOGNITION_LIBS, "Algorithm", "face")), where))),
            new Scenario("create-entity", null, (api, faulty) -> {
                String libId = api.createLib("face", "staff");
                return new Change(
                    () -> faulty.call(CREATE_RECOGNITION_ENTITY, "Algorithm", "face", "LibId", libId, "EntityName", "Alice", "ClientToken", "t"),
                    (answer, where) -> assertEquals(List.of(answer.get("EntityId")), entityIds(api, libId), where));
            }),
            new Scenario("create-sample", null, (api, faulty) -> {
                String libId = api.createLib("label", "pets");
                String entity = api.createEntity("label", libId, "dogs");
                return new Change(
                    () -> faulty.call(CREATE_RECOGNITION_SAMPLE, "Algorithm", "label", "LibId", libId, "EntityId", entity,
                        "LabelPrompt", "dog", "ClientToken", "t"),
                    (answer, where) -> {
                        assertEquals(List.of(answer.get("SampleId")), sampleIds(api.call(LIST_RECOGNITION_SAMPLES,
                            "Algorithm", "label", "LibId", libId, "EntityId", "ANY")), where);
                        assertEquals(List.of(answer.get("SampleId")), api.indexedSamples("label", libId).stream()
                            .map(IndexedSample::sampleId).collect(Collectors.toList()), where);
                    });
            }),
            new Scenario("create-sample-with-features", null, (api, faulty) -> {
                String libId = api.createLib("face", "staff");
                String entity = api.createEntity("face", libId, "Alice");
                return new Change(
                    () -> Map.of("SampleId", faulty.createSample("face", libId, entity, FEATURES, "t")),
                    (answer, where) -> {
                        assertEquals(List.of(answer.get("SampleId")), indexedSampleIds(api, libId), where);
                        assertArrayEquals(FEATURES, api.indexedSamples("face", libId).get(0).features(), where);
                        assertEquals(1, api.library("face", libId).revision(), where);
                    });
            }),
            new Scenario("delete-sample", "SampleNotFound", (api, faulty) -> {
                String libId = api.createLib("face", "staff");
                String entity = api.createEntity("face", libId, "Alice");
                String gone = api.createSample("face", libId, entity, FEATURES, null);
                String kept = api.createSample("face", libId, entity, FEATURES, null);
                return new Change(
                    () -> faulty.call(DELETE_RECOGNITION_SAMPLE, "Algorithm", "face", "LibId", libId, "EntityId", entity, "SampleId", gone),
                    (answer, where) -> {
                        assertEquals(List.of(kept), sampleIds(api.call(LIST_RECOGNITION_SAMPLES, "Algorithm", "face",
                            "LibId", libId, "EntityId", "ANY")), where);
                        assertEquals(List.of(kept), indexedSampleIds(api, libId), where);
                        assertEquals(0, itemsMentioning(api, gone), where);
                        assertEquals(3, api.library("face", libId).revision(), where);
                    });
            }),
            new Scenario("delete-entity", "EntityNotFound", (api, faulty) -> {
                String libId = api.createLib("face", "staff");
                String gone = api.createEntity("face", libId, "Alice");
                String kept = api.createEntity("face", libId, "Bob");
                IntStream.range(0, 3).forEach(i -> api.createSample("face", libId, gone, FEATURES, null));
                String keptSample = api.createSample("face", libId, kept, FEATURES, null);
                return new Change(
                    () -> faulty.call(DELETE_RECOGNITION_ENTITY, "Algorithm", "face", "LibId", libId, "EntityId", gone),
                    (answer, where) -> {
                        assertEquals(List.of(kept), entityIds(api, libId), where);
                        assertEquals(List.of(keptSample), sampleIds(api.call(LIST_RECOGNITION_SAMPLES, "Algorithm", "face", "LibId", libId,
                            "EntityId", "ANY")), where);
                        assertEquals(List.of(keptSample), indexedSampleIds(api, libId), where);
                        assertEquals(0, itemsMentioning(api, gone), where);
                        assertEquals(5, api.library("face", libId).revision(), where);
                    });
            }),
            new Scenario("delete-library", "LibNotFound", (api, faulty) -> {
                String gone = api.createLib("face", "staff");
                String kept = api.createLib("face", "kept");
                List<String> entities = List.of(api.createEntity("face", gone, "Alice"), api.createEntity("face", gone, "Bob"));
                // 2 entities and 24 samples, half of them with features: the purge deletes them in two batches
                IntStream.range(0, 24).forEach(i -> {
                    if (i < 12) {
                        api.createSample("face", gone, entities.get(i % 2), FEATURES, null);
                    } else {
                        api.createSample("face", gone, entities.get(i % 2), null, null);
                    }
                });
                return new Change(
                    () -> faulty.call(DELETE_RECOGNITION_LIB, "Algorithm", "face", "LibId", gone),
                    (answer, where) -> {
                        assertEquals(List.of(kept), libIds(api.call(LIST_RECOGNITION_LIBS, "Algorithm", "face")), where);
                        assertEquals(1, Api.total(api.call(LIST_RECOGNITION_LIBS, "Algorithm", "face")), where);
                        assertEquals(0, itemsMentioning(api, gone), where);
                    });
            }));
    }

    /** How many requests the change makes when nothing fails, checked on a tenant of its own. */
    private int healthyRequests(Scenario scenario) {
        String tenant = scenario.name() + "-healthy";
        Change change = scenario.seed().apply(new Api(new DynamoDbRecognitionStore(direct, table), tenant), api(tenant));
        int before = dynamo.requests();
        Map<String, Object> answer = change.run().get();
        int requests = dynamo.requests() - before;
        change.verify().accept(answer, scenario.name() + " without faults");
        return requests;
    }

    // --- what the table holds ----------------------------------------------------------------

    /**
     * What every change keeps true, whatever cut it short: each count equals the records it
     * counts, features belong to a sample, and a record whose parent is gone awaits a pending purge
     * (it is invisible until then).
     */
    private void assertConsistent(String tenantId, String where) {
        Tenant tenant = Tenant.of(tenantId);
        List<Map<String, AttributeValue>> items = tenantItems(tenantId);
        Set<String> keys = items.stream().map(item -> item.get(Keys.PK).s() + " " + item.get(Keys.SK).s()).collect(Collectors.toSet());
        Set<String> libraries = new HashSet<>();
        for (Algorithm algorithm : Algorithm.values()) {
            String partition = Keys.libraries(tenant, algorithm);
            List<Map<String, AttributeValue>> inAlgorithm = inPartition(items, partition, Keys.LIBRARY_PREFIX);
            long counted = items.stream().filter(item -> item.get(Keys.PK).s().equals(partition)
                && item.get(Keys.SK).s().equals(Keys.LIBRARY_COUNT_SK)).mapToLong(item -> Items.num(item, Items.COUNT)).sum();
            assertEquals(inAlgorithm.size(), counted, where + ": the count of " + algorithm.wireName() + " libraries");
            for (Map<String, AttributeValue> library : inAlgorithm) {
                String libId = library.get("libId").s();
                libraries.add(libId);
                String contents = Keys.libraryContents(tenant, libId);
                List<Map<String, AttributeValue>> entities = inPartition(items, contents, Keys.ENTITY_PREFIX);
                assertEquals(entities.size(), Items.num(library, Items.ENTITY_COUNT), where + ": entityCount of " + libId);
                long samplesOfLiveEntities = inPartition(items, contents, Keys.SAMPLE_PREFIX).stream()
                    .filter(sample -> keys.contains(contents + " " + Keys.entitySk(sample.get("entityId").s()))).count();
                assertEquals(samplesOfLiveEntities, Items.num(library, Items.SAMPLE_COUNT), where + ": sampleCount of " + libId);
                for (Map<String, AttributeValue> entity : entities) {
                    String entityId = entity.get("entityId").s();
                    assertEquals(inPartition(items, contents, Keys.samplePrefix(entityId)).size(), Items.num(entity, Items.SAMPLE_COUNT),
                        where + ": sampleCount of entity " + entityId);
                }
            }
        }
        for (String libId : libraries) {
            String contents = Keys.libraryContents(tenant, libId);
            for (Map<String, AttributeValue> features : inPartition(items, Keys.features(tenant, libId), Keys.SAMPLE_PREFIX)) {
                if (keys.contains(contents + " " + Keys.entitySk(features.get("entityId").s()))) {
                    assertTrue(keys.contains(contents + " " + features.get(Keys.SK).s()), where + ": features belong to a sample");
                }
            }
        }
        String purges = Keys.purges(tenant) + " ";
        for (Map<String, AttributeValue> item : items) {
            if (!item.containsKey("entityId")) {
                continue;
            }
            String libId = item.get("libId").s();
            String entityId = item.get("entityId").s();
            String contents = Keys.libraryContents(tenant, libId);
            if (!libraries.contains(libId)) {
                assertTrue(keys.contains(purges + Keys.librarySk(libId)), where + ": a record of a deleted library awaits its purge");
            } else if (!keys.contains(contents + " " + Keys.entitySk(entityId))) {
                assertTrue(keys.contains(purges + Keys.ENTITY_PREFIX + libId + "#" + entityId),
                    where + ": a sample of a deleted entity awaits its purge");
            }
        }
    }

    private static List<Map<String, AttributeValue>> inPartition(List<Map<String, AttributeValue>> items, String partition, String skPrefix) {
        return items.stream().filter(item -> item.get(Keys.PK).s().equals(partition) && item.get(Keys.SK).s().startsWith(skPrefix))
            .collect(Collectors.toList());
    }

    private List<Map<String, AttributeValue>> tenantItems(String tenant) {
        String prefix = "T#" + tenant + "#";
        return direct.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().stream()
            .filter(item -> item.get(Keys.PK).s().startsWith(prefix))
            .collect(Collectors.toList());
    }

    private long itemsMentioning(Api api, String id) {
        return tenantItems(api.tenant().id()).stream()
            .filter(item -> item.values().stream().anyMatch(value -> value.s() != null && value.s().contains(id)))
            .count();
    }

    private Api api(String tenant) {
        // A new client each time: the SDK's retry circuit breaker must not carry over from an earlier scenario.
        DynamoDbClient client = dynamo.client();
        clients.add(client);
        return new Api(new DynamoDbRecognitionStore(client, table), tenant);
    }

    private static List<Object> libIds(Map<String, Object> page) {
        return Api.items(page, "Libs", "Lib").stream().map(lib -> lib.get("LibId")).collect(Collectors.toList());
    }

    private static List<Object> entityIds(Api api, String libId) {
        return Api.items(api.call(LIST_RECOGNITION_ENTITIES, "Algorithm", "face", "LibId", libId), "Entities", "Entity").stream()
            .map(entity -> entity.get("EntityId")).collect(Collectors.toList());
    }

    private static List<Object> indexedSampleIds(Api api, String libId) {
        return api.indexedSamples("face", libId).stream().map(IndexedSample::sampleId).collect(Collectors.toList());
    }

    private static List<Object> sampleIds(Map<String, Object> page) {
        return Api.items(page, "Samples", "Sample").stream().map(sample -> sample.get("SampleId")).collect(Collectors.toList());
    }
}
