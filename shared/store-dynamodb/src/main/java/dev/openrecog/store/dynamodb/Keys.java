package dev.openrecog.store.dynamodb;

import dev.openrecog.domain.Algorithm;
import dev.openrecog.domain.ClientToken;
import dev.openrecog.domain.ObjectLocation;
import dev.openrecog.domain.Tenant;

/**
 * The single-table key layout (see docs/table-design.md). Every partition key starts with the
 * tenant, escaped so that no tenant id can spell another tenant's key.
 */
final class Keys {
    static final String PK = "pk";
    static final String SK = "sk";
    static final String GSI1 = "gsi1";
    static final String GSI1_PK = "gsi1pk";
    static final String GSI1_SK = "gsi1sk";

    static final String LIBRARY_COUNT_SK = "#COUNT";
    static final String LIBRARY_PREFIX = "L#";
    static final String ENTITY_PREFIX = "E#";
    static final String SAMPLE_PREFIX = "S#";
    static final String CLIENT_TOKEN_SK = "TOKEN";
    static final String ACCESS_KEY_SK = "AK";
    static final String NONCE_SK = "N";
    static final String REQUEST_COUNT_SK = "RATE";
    /** The attribute the table's time-to-live deletes items by (epoch seconds). */
    static final String TTL = "ttl";

    private Keys() {
    }

    /** The partition holding one algorithm's libraries and their count. */
    static String libraries(Tenant tenant, Algorithm algorithm) {
        return tenantPrefix(tenant) + "A#" + algorithm.wireName();
    }

    static String librarySk(String libId) {
        return LIBRARY_PREFIX + libId;
    }

    /** The partition holding one library's entities and samples. */
    static String libraryContents(Tenant tenant, String libId) {
        return tenantPrefix(tenant) + "L#" + libId;
    }

    static String entitySk(String entityId) {
        return ENTITY_PREFIX + entityId;
    }

    static String samplePrefix(String entityId) {
        return SAMPLE_PREFIX + entityId + "#";
    }

    static String sampleSk(String entityId, String sampleId) {
        return samplePrefix(entityId) + sampleId;
    }

    /**
     * The partition holding the features of one library's samples, each under its sample's sort
     * key: recognition reads them without the samples, and listings read samples without them.
     */
    static String features(Tenant tenant, String libId) {
        return tenantPrefix(tenant) + "F#" + libId;
    }

    static String samplesByEntityName(Tenant tenant, String libId, String entityName) {
        return libraryContents(tenant, libId) + "#N#" + entityName;
    }

    /** The partition holding the upload trigger's results for one object. Bucket names hold no '#', so the key can follow. */
    static String labelResults(Tenant tenant, ObjectLocation location) {
        return tenantPrefix(tenant) + "O#" + location.scheme().name() + "#" + location.bucket() + "#" + location.key();
    }

    /**
     * One partition per ClientToken, so tokens spread over the table. Actions hold no '#' and the
     * token comes last, so the key can hold the token as it is.
     */
    static String clientToken(Tenant tenant, ClientToken token) {
        return tenantPrefix(tenant) + "TOKEN#" + token.action().wireName() + "#" + token.value();
    }

    /** Deletions that have started and whose children may still be being removed. */
    static String purges(Tenant tenant) {
        return tenantPrefix(tenant) + "PURGE";
    }

    /** The purge of a deleted entity's samples, in {@link #purges}. */
    static String entityPurgeSk(String libId, String entityId) {
        return entityPurgesPrefix(libId) + entityId;
    }

    /** What the sort keys of one library's entity purges start with. */
    static String entityPurgesPrefix(String libId) {
        return ENTITY_PREFIX + libId + "#";
    }

    /** One tenant's requests in one second (epoch seconds), for its request quota. */
    static String requestCount(Tenant tenant, long epochSecond) {
        return tenantPrefix(tenant) + "RATE#" + epochSecond;
    }

    /** Access keys and nonces live outside every tenant's partitions: their keys start with no {@code T#}. */
    static String accessKey(String accessKeyId) {
        return "AK#" + accessKeyId;
    }

    static String nonce(String accessKeyId, String nonce) {
        return "N#" + escape(accessKeyId) + "#" + nonce;
    }

    private static String tenantPrefix(Tenant tenant) {
        return "T#" + escape(tenant.id()) + "#";
    }

    private static String escape(String keyPart) {
        return keyPart.replace("%", "%25").replace("#", "%23");
    }
}
