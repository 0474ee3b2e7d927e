package dev.openrecog.store.dynamodb;

import dev.openrecog.domain.Algorithm;
import dev.openrecog.domain.ApiException;
import dev.openrecog.domain.ClientToken;
import dev.openrecog.domain.Entity;
import dev.openrecog.domain.Library;
import dev.openrecog.domain.Page;
import dev.openrecog.domain.PageRequest;
import dev.openrecog.domain.RecognitionStore;
import dev.openrecog.domain.Sample;
import dev.openrecog.domain.SampleScope;
import dev.openrecog.domain.Tenant;
import dev.openrecog.domain.recognition.IndexedSample;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.openrecog.store.dynamodb.Items.n;
import static dev.openrecog.store.dynamodb.Items.s;

/**
 * RecognitionStore on one DynamoDB table. Every change of more than one item is one
 * TransactWriteItems; counters behind TotalCount, and a create's ClientToken, move in the same
 * transaction as the records they belong to. Deletes of whole libraries and entities are recorded as
 * a purge first, so that a retry finishes what a failed call started. A sample's features are an
 * item of their own, written and deleted with the sample, and every change of a library's samples
 * moves the library's revision.
 */
public final class DynamoDbRecognitionStore implements RecognitionStore {
    private static final String EXISTS = "attribute_exists(" + Keys.PK + ")";
    private static final String NOT_EXISTS = "attribute_not_exists(" + Keys.PK + ")";

    private final DynamoDbClient client;
    private final String table;
    private final Transactions transactions;
    private final Purger purger;
    private final Clock clock;

    public DynamoDbRecognitionStore(DynamoDbClient client, String table) {
        this(client, table, Clock.systemUTC());
    }

    /** A store whose ClientTokens expire by {@code clock}. */
    DynamoDbRecognitionStore(DynamoDbClient client, String table, Clock clock) {
        this.client = client;
        this.table = table;
        this.transactions = new Transactions(client);
        this.purger = new Purger(client, table);
        this.clock = clock;
    }

    // --- client tokens -----------------------------------------------------------------------

    @Override
    public Optional<String> findCreated(Tenant tenant, ClientToken token) {
        if (token == null) {
            return Optional.empty();
        }
        // TTL deletion lags by up to days: an item past its ttl counts as gone.
        return get(Items.key(Keys.clientToken(tenant, token), Keys.CLIENT_TOKEN_SK))
            .filter(item -> Items.num(item, Keys.TTL) > clock.instant().getEpochSecond())
            .map(item -> {
                if (!token.fingerprint().equals(item.get(Items.FINGERPRINT).s())) {
                    throw token.mismatch();
                }
                return item.get(Items.CREATED_ID).s();
            });
    }

    /**
     * Writes a create's items, and its token when there is one, in one transaction. When a
     * concurrent request took the token first, nothing is written and its answer is returned.
     *
     * @param onCancel turns a cancellation into the caller's error (a parent that is gone)
     * @return the id that answers the request
     */
    private String create(Tenant tenant, ClientToken token, String createdId, List<TransactWriteItem> items,
                          Transactions.OnCancel onCancel) {
        if (token == null) {
            transactions.write(items, onCancel);
            return createdId;
        }
        // Repeats only when the token that won expired in between, which cannot happen twice in a row.
        while (true) {
            long now = clock.instant().getEpochSecond();
            List<TransactWriteItem> withToken = new ArrayList<>(items);
            withToken.add(TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(Items.clientToken(tenant, token, createdId, now + ClientToken.LIFETIME.getSeconds()))
                .conditionExpression(NOT_EXISTS + " OR #ttl <= :now")
                .expressionAttributeNames(Map.of("#ttl", Keys.TTL))
                .expressionAttributeValues(Map.of(":now", n(now)))).build());
            int tokenIndex = items.size();
            if (transactions.write(withToken, reasons -> !reasons.failed(tokenIndex) && onCancel.handle(reasons))) {
                return createdId;
            }
            Optional<String> earlier = findCreated(tenant, token);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
    }

    // --- libraries ---------------------------------------------------------------------------

    @Override
    public String createLibrary(Tenant tenant, Library library, ClientToken token) {
        String partition = Keys.libraries(tenant, library.algorithm());
        return create(tenant, token, library.libId(), List.of(
            put(Items.library(tenant, library), NOT_EXISTS),
            add(Items.key(partition, Keys.LIBRARY_COUNT_SK), Items.COUNT, 1, null)), reasons -> {
                throw reasons.unexpected();
            });
    }

    @Override
    public Optional<Library> findLibrary(Tenant tenant, Algorithm algorithm, String libId) {
        return get(Items.key(Keys.libraries(tenant, algorithm), Keys.librarySk(libId)))
            .map(item -> Items.toLibrary(algorithm, item));
    }

    @Override
    public Optional<Algorithm> findLibraryAlgorithm(Tenant tenant, String libId) {
        Map<String, Algorithm> byPartition = new HashMap<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (Algorithm algorithm : Algorithm.values()) {
            byPartition.put(Keys.libraries(tenant, algorithm), algorithm);
            keys.add(Items.key(Keys.libraries(tenant, algorithm), Keys.librarySk(libId)));
        }
        return batchGet(keys).stream().findFirst().map(item -> byPartition.get(item.get(Keys.PK).s()));
    }

    @Override
    public Page<Library> listLibraries(Tenant tenant, Algorithm algorithm, PageRequest page) {
        String partition = Keys.libraries(tenant, algorithm);
        long total = get(Items.key(partition, Keys.LIBRARY_COUNT_SK)).map(item -> Items.num(item, Items.COUNT)).orElse(0L);
        List<Library> libraries = total <= page.offset() ? List.of()
            : queryPage(beginsWith(partition, Keys.LIBRARY_PREFIX), page.offset(), page.pageSize()).stream()
                .map(item -> Items.toLibrary(algorithm, item))
                .collect(Collectors.toList());
        return new Page<>(libraries, total);
    }

    @Override
    public List<Library> getLibraries(Tenant tenant, Algorithm algorithm, List<String> libIds) {
        String partition = Keys.libraries(tenant, algorithm);
        Map<String, Library> found = new HashMap<>();
        List<Map<String, AttributeValue>> keys = libIds.stream()
            .map(libId -> Items.key(partition, Keys.librarySk(libId)))
            .collect(Collectors.toList());
        for (Map<String, AttributeValue> item : batchGet(keys)) {
            Library library = Items.toLibrary(algorithm, item);
            found.put(library.libId(), library);
        }
        return libIds.stream().filter(found::containsKey).map(found::get).collect(Collectors.toList());
    }

    @Override
    public void deleteLibrary(Tenant tenant, Algorithm algorithm, String libId) {
        String partition = Keys.libraries(tenant, algorithm);
        Map<String, AttributeValue> purge = Purger.record(Keys.purges(tenant), Keys.librarySk(libId),
            Map.of(Keys.libraryContents(tenant, libId), "", Keys.features(tenant, libId), ""));
        boolean deleted = transactions.write(List.of(
            delete(Items.key(partition, Keys.librarySk(libId)), EXISTS),
            add(Items.key(partition, Keys.LIBRARY_COUNT_SK), Items.COUNT, -1, null),
            put(purge, null)), reasons -> {
                if (reasons.failed(0)) {
                    return false;
                }
                throw reasons.unexpected();
            });
        // A failed earlier deletion left its purge behind: finish it rather than answer "not found".
        if (!deleted && !purger.resume(purge)) {
            throw ApiException.libNotFound(libId);
        }
        if (deleted) {
            purger.run(purge);
        }
    }

    // --- entities ----------------------------------------------------------------------------

    @Override
    public String createEntity(Tenant tenant, Algorithm algorithm, Entity entity, ClientToken token) {
        return create(tenant, token, entity.entityId(), List.of(
            put(Items.entity(tenant, entity), NOT_EXISTS),
            add(Items.key(Keys.libraries(tenant, algorithm), Keys.librarySk(entity.libId())), Items.ENTITY_COUNT, 1, EXISTS)),
            reasons -> {
                if (reasons.failed(1)) {
                    throw ApiException.libNotFound(entity.libId());
                }
                throw reasons.unexpected();
            });
    }

    @Override
    public Optional<Entity> findEntity(Tenant tenant, String libId, String entityId) {
        return get(Items.key(Keys.libraryContents(tenant, libId), Keys.entitySk(entityId))).map(Items::toEntity);
    }

    @Override
    public Page<Entity> listEntities(Tenant tenant, Library library, PageRequest page) {
        List<Entity> entities = library.entityCount() <= page.offset() ? List.of()
            : queryPage(beginsWith(Keys.libraryContents(tenant, library.libId()), Keys.ENTITY_PREFIX), page.offset(), page.pageSize())
                .stream().map(Items::toEntity).collect(Collectors.toList());
        return new Page<>(entities, library.entityCount());
    }

    @Override
    public void deleteEntity(Tenant tenant, Library library, String entityId) {
        String contents = Keys.libraryContents(tenant, library.libId());
        String samples = Keys.samplePrefix(entityId);
        Map<String, AttributeValue> purge = Purger.record(Keys.purges(tenant), Keys.entityPurgeSk(library.libId(), entityId),
            Map.of(contents, samples, Keys.features(tenant, library.libId()), samples));
        Map<String, AttributeValue> libraryKey = Items.key(Keys.libraries(tenant, library.algorithm()), Keys.librarySk(library.libId()));
        while (true) {
            Optional<Entity> entity = findEntity(tenant, library.libId(), entityId);
            if (entity.isEmpty()) {
                if (!purger.resume(purge)) {
                    throw ApiException.entityNotFound(entityId);
                }
                return;
            }
            long sampleCount = entity.get().sampleCount();
            // The condition pins the sample count read above, so the library's count stays exact.
            boolean deleted = transactions.write(List.of(
                TransactWriteItem.builder().delete(d -> d.tableName(table)
                    .key(Items.key(contents, Keys.entitySk(entityId)))
                    .conditionExpression("#c = :c")
                    .expressionAttributeNames(Map.of("#c", Items.SAMPLE_COUNT))
                    .expressionAttributeValues(Map.of(":c", n(sampleCount)))).build(),
                add(libraryKey, Map.of(Items.ENTITY_COUNT, -1L, Items.SAMPLE_COUNT, -sampleCount, Items.REVISION, 1L), EXISTS),
                put(purge, null)), reasons -> {
                    if (reasons.failed(0)) {
                        return false;
                    }
                    if (reasons.failed(1)) {
                        throw ApiException.libNotFound(library.libId());
                    }
                    throw reasons.unexpected();
                });
            if (deleted) {
                purger.run(purge);
                return;
            }
        }
    }

    // --- samples -----------------------------------------------------------------------------

    @Override
    public String createSample(Tenant tenant, Algorithm algorithm, Sample sample, ClientToken token) {
        String contents = Keys.libraryContents(tenant, sample.libId());
        List<TransactWriteItem> items = new ArrayList<>(List.of(
            put(Items.sample(tenant, sample), NOT_EXISTS),
            add(Items.key(contents, Keys.entitySk(sample.entityId())), Items.SAMPLE_COUNT, 1, EXISTS),
            samplesChanged(tenant, algorithm, sample.libId(), 1)));
        if (sample.features() != null) {
            items.add(put(Items.features(tenant, sample), NOT_EXISTS));
        }
        return create(tenant, token, sample.sampleId(), items,
            reasons -> {
                if (reasons.failed(2)) {
                    throw ApiException.libNotFound(sample.libId());
                }
                if (reasons.failed(1)) {
                    throw ApiException.entityNotFound(sample.entityId());
                }
                throw reasons.unexpected();
            });
    }

    @Override
    public Page<Sample> listSamples(Tenant tenant, List<Library> libraries, SampleScope scope, PageRequest page) {
        long skip = page.offset();
        long total = 0;
        List<Sample> samples = new ArrayList<>();
        for (Library library : libraries) {
            long inLibrary = count(tenant, library, scope);
            total += inLibrary;
            if (skip >= inLibrary) {
                skip -= inLibrary;
                continue;
            }
            int wanted = page.pageSize() - samples.size();
            if (wanted > 0) {
                queryPage(sampleQuery(tenant, library, scope), skip, wanted).stream().map(Items::toSample).forEach(samples::add);
            }
            skip = 0;
        }
        return new Page<>(samples, total);
    }

    @Override
    public void deleteSample(Tenant tenant, Library library, String entityId, String sampleId) {
        String contents = Keys.libraryContents(tenant, library.libId());
        transactions.write(List.of(
            delete(Items.key(contents, Keys.sampleSk(entityId, sampleId)), EXISTS),
            add(Items.key(contents, Keys.entitySk(entityId)), Items.SAMPLE_COUNT, -1, EXISTS),
            samplesChanged(tenant, library.algorithm(), library.libId(), -1),
            // Samples from before recognition have no features: deleting nothing is no failure.
            delete(Items.featuresKey(tenant, library.libId(), entityId, sampleId), null)),
            reasons -> {
                if (reasons.failed(2)) {
                    throw ApiException.libNotFound(library.libId());
                }
                if (reasons.failed(1)) {
                    throw ApiException.entityNotFound(entityId);
                }
                if (reasons.failed(0)) {
                    throw ApiException.sampleNotFound(sampleId);
                }
                throw reasons.unexpected();
            });
    }

    @Override
    public List<IndexedSample> indexedSamples(Tenant tenant, Library library) {
        // A deleted entity's features stay until its purge ends (a cut-short delete waits for its retry).
        String entityPurges = Keys.entityPurgesPrefix(library.libId());
        Set<String> deletedEntities = client.queryPaginator(beginsWith(Keys.purges(tenant), entityPurges)).items().stream()
            .map(purge -> purge.get(Keys.SK).s().substring(entityPurges.length()))
            .collect(Collectors.toSet());
        return client.queryPaginator(beginsWith(Keys.features(tenant, library.libId()), Keys.SAMPLE_PREFIX)).items().stream()
            .map(Items::toIndexedSample)
            .filter(sample -> !deletedEntities.contains(sample.entityId()))
            .collect(Collectors.toList());
    }

    /** The update of a library whose samples change: its sample count, and its revision. */
    private TransactWriteItem samplesChanged(Tenant tenant, Algorithm algorithm, String libId, long sampleDelta) {
        return add(Items.key(Keys.libraries(tenant, algorithm), Keys.librarySk(libId)),
            Map.of(Items.SAMPLE_COUNT, sampleDelta, Items.REVISION, 1L), EXISTS);
    }

    private long count(Tenant tenant, Library library, SampleScope scope) {
        if (scope.entityId() != null) {
            return findEntity(tenant, library.libId(), scope.entityId()).map(Entity::sampleCount).orElse(0L);
        }
        if (scope.entityName() == null) {
            return library.sampleCount();
        }
        long count = 0;
        QueryRequest request = sampleQuery(tenant, library, scope).toBuilder().select(Select.COUNT).build();
        for (QueryResponse response : client.queryPaginator(request)) {
            count += response.count();
        }
        return count;
    }

    private QueryRequest sampleQuery(Tenant tenant, Library library, SampleScope scope) {
        String contents = Keys.libraryContents(tenant, library.libId());
        if (scope.entityId() != null) {
            return beginsWith(contents, Keys.samplePrefix(scope.entityId()));
        }
        if (scope.entityName() == null) {
            return beginsWith(contents, Keys.SAMPLE_PREFIX);
        }
        return QueryRequest.builder().tableName(table).indexName(Keys.GSI1)
            .keyConditionExpression("#pk = :pk")
            .expressionAttributeNames(Map.of("#pk", Keys.GSI1_PK))
            .expressionAttributeValues(Map.of(":pk", s(Keys.samplesByEntityName(tenant, library.libId(), scope.entityName()))))
            .build();
    }

    // --- table access ------------------------------------------------------------------------

    private Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** Reads up to 100 keys, retrying whatever DynamoDB leaves unprocessed. */
    private List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        if (keys.isEmpty()) {
            return items;
        }
        Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            Backoff.pause(attempt);
            Map<String, KeysAndAttributes> request = pending;
            BatchGetItemResponse response = client.batchGetItem(r -> r.requestItems(request));
            items.addAll(response.responses().getOrDefault(table, List.of()));
            pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return items;
    }

    private QueryRequest beginsWith(String partition, String prefix) {
        return QueryRequest.builder().tableName(table)
            .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
            .expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK))
            .expressionAttributeValues(Map.of(":pk", s(partition), ":prefix", s(prefix)))
            .consistentRead(true)
            .build();
    }

    /**
     * Items offset..offset+size of a query. The skipped items are read keys-only, so a deep page
     * costs key reads, not item reads.
     */
    private List<Map<String, AttributeValue>> queryPage(QueryRequest query, long offset, int size) {
        Map<String, AttributeValue> start = null;
        long toSkip = offset;
        while (toSkip > 0) {
            QueryRequest.Builder skip = query.toBuilder().limit((int) Math.min(toSkip, 1000)).exclusiveStartKey(start);
            // An index query needs the index keys too to resume from where the skip stopped.
            skip.projectionExpression(query.indexName() == null ? "#k0, #k1" : "#k0, #k1, #k2, #k3");
            Map<String, String> names = new LinkedHashMap<>(query.expressionAttributeNames());
            names.put("#k0", Keys.PK);
            names.put("#k1", Keys.SK);
            if (query.indexName() != null) {
                names.put("#k2", Keys.GSI1_PK);
                names.put("#k3", Keys.GSI1_SK);
            }
            QueryResponse response = client.query(skip.expressionAttributeNames(names).build());
            toSkip -= response.count();
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
                return List.of();
            }
            start = response.lastEvaluatedKey();
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        while (items.size() < size) {
            QueryResponse response = client.query(query.toBuilder().limit(size - items.size()).exclusiveStartKey(start).build());
            items.addAll(response.items());
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
                break;
            }
            start = response.lastEvaluatedKey();
        }
        return items;
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item).conditionExpression(condition)).build();
    }

    private TransactWriteItem delete(Map<String, AttributeValue> key, String condition) {
        return TransactWriteItem.builder().delete(d -> d.tableName(table).key(key).conditionExpression(condition)).build();
    }

    private TransactWriteItem add(Map<String, AttributeValue> key, String counter, long delta, String condition) {
        return add(key, Map.of(counter, delta), condition);
    }

    /** ADDs each delta to its counter. */
    private TransactWriteItem add(Map<String, AttributeValue> key, Map<String, Long> deltas, String condition) {
        List<String> additions = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        deltas.forEach((counter, delta) -> {
            int i = additions.size();
            additions.add("#c" + i + " :d" + i);
            names.put("#c" + i, counter);
            values.put(":d" + i, n(delta));
        });
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(key)
            .updateExpression("ADD " + String.join(", ", additions))
            .conditionExpression(condition)
            .expressionAttributeNames(names)
            .expressionAttributeValues(values)).build();
    }
}
