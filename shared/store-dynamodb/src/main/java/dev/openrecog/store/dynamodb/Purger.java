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
 * Removes the children of a deleted library or entity. A purge is an item naming a partition and a
 * sort-key prefix; it is written in the same transaction that deletes the parent and removed
 * last, so a purge cut short is found and finished by the next delete of the same id.
 */
final class Purger {
    static final String PARTITION = "purgePartition";
    static final String PREFIX = "purgePrefix";
    private static final int BATCH = 25;

    private final DynamoDbClient client;
    private final String table;

    Purger(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
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
        String partition = purge.get(PARTITION).s();
        String prefix = purge.get(PREFIX).s();
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).consistentRead(true)
            .projectionExpression("#pk, #sk");
        Map<String, String> names = new HashMap<>(Map.of("#pk", Keys.PK, "#sk", Keys.SK));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", Items.s(partition)));
        if (prefix.isEmpty()) {
            query.keyConditionExpression("#pk = :pk");
        } else {
            query.keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)");
            values.put(":prefix", Items.s(prefix));
        }
        QueryRequest request = query.expressionAttributeNames(names).expressionAttributeValues(values).build();
        List<Map<String, AttributeValue>> batch = new ArrayList<>(BATCH);
        for (QueryResponse page : client.queryPaginator(request)) {
            for (Map<String, AttributeValue> key : page.items()) {
                batch.add(key);
                if (batch.size() == BATCH) {
                    deleteAll(batch);
                    batch.clear();
                }
            }
        }
        deleteAll(batch);
        client.deleteItem(r -> r.tableName(table).key(Items.key(purge.get(Keys.PK).s(), purge.get(Keys.SK).s())));
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
