package dev.openrecog.store.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Removes the children of a deleted library or entity. A purge is an item naming key ranges, each
 * a partition and a sort-key prefix; it is written in the same transaction that deletes the parent
 * and removed last, so a purge cut short is found and finished by the next delete of the same id.
 */
final class Purger {
    /** Partition to sort-key prefix ("" for the whole partition). */
    private static final String RANGES = "purgeRanges";
    /** The one range of a purge recorded before features had a partition of their own. */
    private static final String PARTITION = "purgePartition";
    private static final String PREFIX = "purgePrefix";
    private static final int BATCH = 25;

    private final DynamoDbClient client;
    private final String table;

    Purger(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    /** The purge item with this key, of these ranges: partition to sort-key prefix. */
    static Map<String, AttributeValue> record(String pk, String sk, Map<String, String> ranges) {
        Map<String, AttributeValue> purge = Items.key(pk, sk);
        purge.put(RANGES, AttributeValue.builder().m(ranges.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, range -> Items.s(range.getValue())))).build());
        return purge;
    }

    /** Finishes the purge with this item's key if one is pending; false when there is none. */
    boolean resume(Map<String, AttributeValue> purge) {
        Map<String, AttributeValue> key = Items.key(purge.get(Keys.PK).s(), purge.get(Keys.SK).s());
        Map<String, AttributeValue> pending = client.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
        if (pending == null || pending.isEmpty()) {
            return false;
        }
        run(pending);
        return true;
    }

    void run(Map<String, AttributeValue> purge) {
        List<Map<String, AttributeValue>> batch = new ArrayList<>(BATCH);
        for (Map.Entry<String, String> range : ranges(purge).entrySet()) {
            for (QueryResponse page : client.queryPaginator(keysOf(range.getKey(), range.getValue()))) {
                for (Map<String, AttributeValue> key : page.items()) {
                    batch.add(key);
                    if (batch.size() == BATCH) {
                        deleteAll(batch);
                        batch.clear();
                    }
                }
            }
        }
        deleteAll(batch);
        client.deleteItem(r -> r.tableName(table).key(Items.key(purge.get(Keys.PK).s(), purge.get(Keys.SK).s())));
    }

    private static Map<String, String> ranges(Map<String, AttributeValue> purge) {
        if (!purge.containsKey(RANGES)) {
            return Map.of(purge.get(PARTITION).s(), purge.get(PREFIX).s());
        }
        return purge.get(RANGES).m().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, range -> range.getValue().s()));
    }

    /** A keys-only query of one range. */
    private QueryRequest keysOf(String partition, String prefix) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).consistentRead(true)
            .projectionExpression("#pk, #sk");
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", Items.s(partition)));
        if (prefix.isEmpty()) {
            query.keyConditionExpression("#pk = :pk");
        } else {
            query.keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)");
            values.put(":prefix", Items.s(prefix));
        }
        return query.expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK)).expressionAttributeValues(values).build();
    }

    private void deleteAll(List<Map<String, AttributeValue>> keys) {
        if (keys.isEmpty()) {
            return;
        }
        List<WriteRequest> pending = keys.stream()
            .map(key -> WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build())
            .collect(Collectors.toList());
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            Backoff.pause(attempt);
            List<WriteRequest> request = pending;
            BatchWriteItemResponse response = client.batchWriteItem(r -> r.requestItems(Map.of(table, request)));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems().getOrDefault(table, List.of()) : List.of();
        }
    }
}
