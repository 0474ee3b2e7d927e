package dev.openrecog.store.dynamodb;

import dev.openrecog.domain.Tenant;
import dev.openrecog.domain.access.RequestQuota;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.util.Map;

import static dev.openrecog.store.dynamodb.Items.n;

/**
 * A per-tenant limit shared by every function instance: one counter item per tenant and second,
 * raised by a conditional UpdateItem that fails once the limit is reached. The items expire through
 * the table's {@code ttl}. One write per request is the price of a limit that holds across instances
 * (a Lambda instance serves one request at a time, so a limit kept in memory would hold nothing).
 */
public final class DynamoDbRequestQuota implements RequestQuota {
    private final DynamoDbClient client;
    private final String table;
    private final int perSecond;
    private final Clock clock;

    public DynamoDbRequestQuota(DynamoDbClient client, String table, int perSecond, Clock clock) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("A request quota allows at least one request per second");
        }
        this.client = client;
        this.table = table;
        this.perSecond = perSecond;
        this.clock = clock;
    }

    @Override
    public boolean tryAcquire(Tenant tenant) {
        long second = clock.instant().getEpochSecond();
        try {
            client.updateItem(r -> r.tableName(table).key(Items.key(Keys.requestCount(tenant, second), Keys.REQUEST_COUNT_SK))
                .updateExpression("ADD #count :one SET #ttl = :expires")
                .conditionExpression("attribute_not_exists(#count) OR #count < :limit")
                .expressionAttributeNames(Map.of("#count", Items.COUNT, "#ttl", Keys.TTL))
                .expressionAttributeValues(Map.of(":one", n(1), ":limit", n(perSecond), ":expires", n(second + 60))));
            return true;
        } catch (ConditionalCheckFailedException limitReached) {
            return false;
        }
    }
}
