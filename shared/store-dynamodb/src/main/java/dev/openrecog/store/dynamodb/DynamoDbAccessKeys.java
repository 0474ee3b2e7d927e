package dev.openrecog.store.dynamodb;

import dev.openrecog.domain.Tenant;
import dev.openrecog.domain.access.AccessKey;
import dev.openrecog.domain.access.AccessKeyDirectory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static dev.openrecog.store.dynamodb.Items.n;
import static dev.openrecog.store.dynamodb.Items.s;

/**
 * Access keys as table items whose secrets are sealed by {@link AccessKeyCipher}: reading the table,
 * a backup or an export discloses no secret without the key-encryption key. Lookups are cached in
 * the warm function for a minute, so a revoked key stops working within a minute.
 */
public final class DynamoDbAccessKeys implements AccessKeyDirectory {
    static final Duration CACHE_FOR = Duration.ofMinutes(1);
    private static final int MAX_CACHED = 10_000;
    private static final String ACTIVE = "Active";
    private static final String REVOKED = "Revoked";

    private final DynamoDbClient client;
    private final String table;
    private final AccessKeyCipher cipher;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public DynamoDbAccessKeys(DynamoDbClient client, String table, AccessKeyCipher cipher, Clock clock) {
        this.client = client;
        this.table = table;
        this.cipher = cipher;
        this.clock = clock;
    }

    @Override
    public Optional<AccessKey> find(String accessKeyId) {
        long now = clock.millis();
        Cached cached = cache.get(accessKeyId);
        if (cached != null && cached.until > now) {
            return cached.key;
        }
        Optional<AccessKey> key = read(accessKeyId);
        if (cache.size() >= MAX_CACHED) {
            cache.clear(); // unknown ids sent at random must not grow the cache without bound
        }
        cache.put(accessKeyId, new Cached(key, now + CACHE_FOR.toMillis()));
        return key;
    }

    /** Creates a new active key pair for {@code tenant}; the secret is only ever shown in what this returns. */
    public AccessKey create(Tenant tenant) {
        while (true) {
            AccessKey key = AccessKey.generate(tenant);
            Map<String, AttributeValue> item = Items.key(Keys.accessKey(key.id()), Keys.ACCESS_KEY_SK);
            item.put("tenant", s(tenant.id()));
            item.put("secret", AttributeValue.fromB(SdkBytes.fromByteArray(cipher.seal(key.id(), tenant.id(), key.secret()))));
            item.put("status", s(ACTIVE));
            item.put("createdAt", n(clock.millis()));
            try {
                client.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(" + Keys.PK + ")"));
                return key;
            } catch (ConditionalCheckFailedException idTaken) {
                // 110 random bits: practically never; draw again
            }
        }
    }

    /** Revokes a key; returns false when there is no such key. */
    public boolean revoke(String accessKeyId) {
        try {
            client.updateItem(r -> r.tableName(table).key(Items.key(Keys.accessKey(accessKeyId), Keys.ACCESS_KEY_SK))
                .updateExpression("SET #status = :revoked").conditionExpression("attribute_exists(" + Keys.PK + ")")
                .expressionAttributeNames(Map.of("#status", "status")).expressionAttributeValues(Map.of(":revoked", s(REVOKED))));
            cache.remove(accessKeyId);
            return true;
        } catch (ConditionalCheckFailedException noSuchKey) {
            return false;
        }
    }

    private Optional<AccessKey> read(String accessKeyId) {
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(table)
            .key(Items.key(Keys.accessKey(accessKeyId), Keys.ACCESS_KEY_SK)).consistentRead(true)).item();
        if (item == null || item.isEmpty() || !item.containsKey("status") || !ACTIVE.equals(item.get("status").s())) {
            return Optional.empty();
        }
        String tenant = item.get("tenant").s();
        String secret = cipher.open(accessKeyId, tenant, item.get("secret").b().asByteArray());
        return Optional.of(new AccessKey(accessKeyId, secret, Tenant.of(tenant)));
    }

    private static final class Cached {
        final Optional<AccessKey> key;
        final long until;

        Cached(Optional<AccessKey> key, long until) {
            this.key = key;
            this.until = until;
        }
    }
}
