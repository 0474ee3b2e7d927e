package dev.openrecog.store.dynamodb;

import dev.openrecog.domain.access.NonceLedger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import static dev.openrecog.store.dynamodb.Items.n;

/**
 * Used signature nonces as items that expire through the table's {@code ttl} attribute. A claim is
 * one conditional PutItem, so of two requests racing with the same nonce exactly one wins. TTL
 * deletion lags, so an item whose {@code ttl} has passed counts as free.
 */
public final class DynamoDbNonceLedger implements NonceLedger {
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
        Map<String, AttributeValue> item = Items.key(Keys.nonce(accessKeyId, nonce), Keys.NONCE_SK);
        item.put(Keys.TTL, n(forgetAfter.getEpochSecond() + 1));
        try {
            client.putItem(r -> r.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(" + Keys.PK + ") OR #ttl < :now")
                .expressionAttributeNames(Map.of("#ttl", Keys.TTL))
                .expressionAttributeValues(Map.of(":now", n(clock.instant().getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException used) {
            return false;
        }
    }
}
