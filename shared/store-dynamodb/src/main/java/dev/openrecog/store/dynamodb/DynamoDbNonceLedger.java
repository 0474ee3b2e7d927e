package dev.openrecog.store.dynamodb;

import dev.openrecog.domain.access.NonceLedger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static dev.openrecog.store.dynamodb.Items.n;
import static dev.openrecog.store.dynamodb.Items.s;

/**
 * Used signature nonces as items that expire through the table's {@code ttl} attribute. A claim is
 * one conditional PutItem, so of two requests racing with the same nonce exactly one wins. TTL
 * deletion lags, so an item whose {@code ttl} has passed counts as free. Each claim writes its own
 * random mark: when the SDK resends a PutItem whose answer was lost, the resend fails its condition
 * on the claim's own item, and the mark tells that apart from a replay.
 */
public final class DynamoDbNonceLedger implements NonceLedger {
    private static final String MARK = "claim";

    private final DynamoDbClient client;
    private final String table;
    private final Clock clock;

    public DynamoDbNonceLedger(DynamoDbClient client, String table, Clock clock) {
        this.client = client;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public boolean claim(String accessKeyId, String nonce, Instant forgetAfter) {
        Map<String, AttributeValue> key = Items.key(Keys.nonce(accessKeyId, nonce), Keys.NONCE_SK);
        String mark = UUID.randomUUID().toString();
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put(Keys.TTL, n(forgetAfter.getEpochSecond() + 1));
        item.put(MARK, s(mark));
        try {
            client.putItem(r -> r.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(" + Keys.PK + ") OR #ttl < :now")
                .expressionAttributeNames(Map.of("#ttl", Keys.TTL))
                .expressionAttributeValues(Map.of(":now", n(clock.instant().getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            Map<String, AttributeValue> stored = client.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
            return stored != null && stored.containsKey(MARK) && mark.equals(stored.get(MARK).s());
        }
    }
}
