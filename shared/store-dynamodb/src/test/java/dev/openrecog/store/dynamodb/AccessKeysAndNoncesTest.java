package dev.openrecog.store.dynamodb;

import dev.openrecog.domain.Tenant;
import dev.openrecog.domain.access.AccessKey;
import dev.openrecog.dynamodblocal.DynamoDbLocal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessKeysAndNoncesTest {
    private static final String TABLE = "access-keys-test";
    private static DynamoDbClient client;

    @BeforeAll
    static void createTable() {
        client = DynamoDbLocal.shared().client();
        RecognitionTable.createIfMissing(client, TABLE);
    }

    private static AccessKeyCipher newCipher() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return AccessKeyCipher.fromBase64(Base64.getEncoder().encodeToString(key));
    }

    @Test
    void aCreatedKeyIsFoundWithItsTenantAndTheTableHoldsNoReadableSecret() {
        DynamoDbAccessKeys keys = new DynamoDbAccessKeys(client, TABLE, newCipher(), Clock.systemUTC());
        AccessKey created = keys.create(Tenant.of("acme"));

        AccessKey found = keys.find(created.id()).orElseThrow();
        assertEquals(created.secret(), found.secret());
        assertEquals(Tenant.of("acme"), found.tenant());
        assertFalse(found.toString().contains(created.secret()), "a key's text never shows its secret");

        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(TABLE)
            .key(Items.key(Keys.accessKey(created.id()), Keys.ACCESS_KEY_SK))).item();
        String stored = item.toString() + new String(item.get("secret").b().asByteArray(), StandardCharsets.ISO_8859_1);
        assertFalse(stored.contains(created.secret()), "the item holds the secret only sealed");
    }

    @Test
    void unknownAndRevokedKeysAreNotFound() {
        DynamoDbAccessKeys keys = new DynamoDbAccessKeys(client, TABLE, newCipher(), Clock.systemUTC());
        assertTrue(keys.find("ORNOSUCHKEY").isEmpty());
        AccessKey created = keys.create(Tenant.of("acme"));
        assertTrue(keys.revoke(created.id()));
        assertTrue(keys.find(created.id()).isEmpty());
        assertFalse(keys.revoke("ORNOSUCHKEY"));
    }

    @Test
    void aSecretDoesNotOpenUnderAnotherKeyEncryptionKeyOrOnAnotherItem() {
        AccessKeyCipher cipher = newCipher();
        AccessKey first = new DynamoDbAccessKeys(client, TABLE, cipher, Clock.systemUTC()).create(Tenant.of("acme"));
        AccessKey second = new DynamoDbAccessKeys(client, TABLE, cipher, Clock.systemUTC()).create(Tenant.of("other"));

        DynamoDbAccessKeys wrongKek = new DynamoDbAccessKeys(client, TABLE, newCipher(), Clock.systemUTC());
        assertThrows(IllegalStateException.class, () -> wrongKek.find(first.id()));

        // The first key's sealed secret copied onto the second key's item: the tenant and id bound into it no longer match.
        SdkBytes sealed = client.getItem(r -> r.tableName(TABLE).key(Items.key(Keys.accessKey(first.id()), Keys.ACCESS_KEY_SK)))
            .item().get("secret").b();
        client.updateItem(r -> r.tableName(TABLE).key(Items.key(Keys.accessKey(second.id()), Keys.ACCESS_KEY_SK))
            .updateExpression("SET secret = :s").expressionAttributeValues(Map.of(":s", AttributeValue.fromB(sealed))));
        DynamoDbAccessKeys fresh = new DynamoDbAccessKeys(client, TABLE, cipher, Clock.systemUTC());
        assertThrows(IllegalStateException.class, () -> fresh.find(second.id()));
    }

    @Test
    void theKeyEncryptionKeyMustBe32BytesOfBase64() {
        assertThrows(IllegalStateException.class, () -> AccessKeyCipher.fromBase64(""));
        assertThrows(IllegalStateException.class, () -> AccessKeyCipher.fromBase64("not base64!"));
        assertThrows(IllegalStateException.class, () -> AccessKeyCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[16])));
    }

    @Test
    void aNonceIsClaimedOncePerKeyUntilItExpires() {
        Instant now = Instant.now();
        DynamoDbNonceLedger ledger = new DynamoDbNonceLedger(client, TABLE, Clock.fixed(now, java.time.ZoneOffset.UTC));
        Instant later = now.plusSeconds(900);
        assertTrue(ledger.claim("KEY1", "nonce-a", later));
        assertFalse(ledger.claim("KEY1", "nonce-a", later), "the same nonce again is a replay");
        assertTrue(ledger.claim("KEY2", "nonce-a", later), "nonces are per access key");
        assertTrue(ledger.claim("KEY1", "nonce-b", later));

        DynamoDbNonceLedger afterExpiry = new DynamoDbNonceLedger(client, TABLE,
            Clock.fixed(later.plusSeconds(5), java.time.ZoneOffset.UTC));
        assertTrue(afterExpiry.claim("KEY1", "nonce-a", later.plusSeconds(900)), "an expired nonce that TTL has not deleted yet is free");
    }

    @Test
    void ofConcurrentClaimsOfOneNonceExactlyOneWins() throws Exception {
        DynamoDbNonceLedger ledger = new DynamoDbNonceLedger(client, TABLE, Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                claims.add(() -> ledger.claim("KEY1", "raced-nonce", Instant.now().plusSeconds(900)));
            }
            int wins = 0;
            for (Future<Boolean> claim : pool.invokeAll(claims)) {
                wins += claim.get() ? 1 : 0;
            }
            assertEquals(1, wins);
        } finally {
            pool.shutdownNow();
        }
    }
}
