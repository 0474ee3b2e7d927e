package dev.openrecog.store.dynamodb;

import dev.openrecog.domain.Backends;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The stores on the openrecog table, from a function's environment:
 * OPENRECOG_TABLE_NAME (required), AWS_REGION, and OPENRECOG_DYNAMODB_ENDPOINT to use another
 * endpoint (DynamoDB Local). Region and credentials are given explicitly so that start-up never
 * probes instance metadata.
 */
public final class DynamoDbStores {
    public static final String TABLE_NAME = "OPENRECOG_TABLE_NAME";
    public static final String ENDPOINT = "OPENRECOG_DYNAMODB_ENDPOINT";
    public static final String TENANT_RATE_LIMIT = "OPENRECOG_TENANT_RATE_LIMIT";
    private static final String REGION = "AWS_REGION";
    private static final String LOCAL_REGION = "us-east-1";

    // How the client rides out a slow or refusing DynamoDB (docs/table-design.md, "Faults and retries").
    // DynamoDB answers in milliseconds: an attempt still open after 2 s is stuck, not slow.
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
    // Long enough for a resent TransactWriteItems to outlast DynamoDB's ~5 s recovery of the attempt
    // that timed out (TransactionInProgressException meanwhile), short enough that an operation of a
    // few calls still answers InternalError inside the functions' 30 s timeout.
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(8);
    static final int MAX_ATTEMPTS = 5;

    private final DynamoDbClient client;
    private final String table;
    private final Map<String, String> environment;

    private DynamoDbStores(DynamoDbClient client, String table, Map<String, String> environment) {
        this.client = client;
        this.table = table;
        this.environment = environment;
    }

    public static DynamoDbStores fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** The libraries, entities and samples. */
    public DynamoDbRecognitionStore recognition() {
        return new DynamoDbRecognitionStore(client, table);
    }

    /** What the upload trigger found. */
    public DynamoDbLabelResultStore labelResults() {
        return new DynamoDbLabelResultStore(client, table);
    }

    /**
     * The backends on this table: the recognition and label result stores, the nonce ledger, the
     * access keys when OPENRECOG_ACCESS_KEY_KEK is set (signature mode needs them), and a per-tenant
     * request quota when OPENRECOG_TENANT_RATE_LIMIT is a positive number of requests per second.
     */
    public Backends.Builder backends() {
        Backends.Builder builder = Backends.builder()
            .store(recognition())
            .labelResults(labelResults())
            .nonces(new DynamoDbNonceLedger(client, table, Clock.systemUTC()));
        String keyEncryptionKey = environment.get(AccessKeyCipher.KEY_ENCRYPTION_KEY);
        if (keyEncryptionKey != null && !keyEncryptionKey.isBlank()) {
            builder.accessKeys(accessKeys(AccessKeyCipher.fromBase64(keyEncryptionKey)));
        }
        int rateLimit = rateLimit(environment.get(TENANT_RATE_LIMIT));
        if (rateLimit > 0) {
            builder.quota(new DynamoDbRequestQuota(client, table, rateLimit, Clock.systemUTC()));
        }
        return builder;
    }

    /** The requests per second OPENRECOG_TENANT_RATE_LIMIT allows each tenant; 0 (or unset) for no limit. */
    public static int rateLimit(String configured) {
        if (configured == null || configured.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(configured.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalStateException(TENANT_RATE_LIMIT + " must be a whole number of requests per second; got '"
                + configured + "'", e);
        }
    }

    /** The access keys in this table, sealed under {@code cipher}. */
    public DynamoDbAccessKeys accessKeys(AccessKeyCipher cipher) {
        return new DynamoDbAccessKeys(client, table, cipher, Clock.systemUTC());
    }

    public static DynamoDbStores fromEnvironment(Map<String, String> env) {
        String table = env.get(TABLE_NAME);
        if (table == null || table.isBlank()) {
            throw new IllegalStateException("Set " + TABLE_NAME + " to the name of the openrecog DynamoDB table");
        }
        String endpoint = env.get(ENDPOINT);
        String region = env.getOrDefault(REGION, endpoint == null ? null : LOCAL_REGION);
        if (region == null) {
            throw new IllegalStateException("Set " + REGION + " to the region of the openrecog DynamoDB table");
        }
        DynamoDbClientBuilder builder = configuredClient()
            .region(Region.of(region))
            .credentialsProvider(DefaultCredentialsProvider.builder().build());
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return new DynamoDbStores(builder.build(), table, env);
    }

    /**
     * A client builder with the timeouts and retries every store runs with. The standard AWS
     * strategy retries throttling (ProvisionedThroughputExceeded, ThrottlingException,
     * RequestLimitExceeded, TransactionInProgress), 5xx answers, I/O errors and timed-out attempts,
     * with full-jitter backoff, and stops retrying while most recent retries failed (its circuit
     * breaker). A resent write must not fail on its own first attempt's effect: reads and deletes by
     * key are safe to resend, and transactions carry a ClientRequestToken ({@link Transactions}).
     */
    static DynamoDbClientBuilder configuredClient() {
        return DynamoDbClient.builder()
            .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT).socketTimeout(ATTEMPT_TIMEOUT).build())
            .overrideConfiguration(c -> c
                .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                .apiCallTimeout(CALL_TIMEOUT)
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                    .maxAttempts(MAX_ATTEMPTS)
                    .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(25), Duration.ofSeconds(1)))
                    .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(2)))
                    .build()));
    }
}
