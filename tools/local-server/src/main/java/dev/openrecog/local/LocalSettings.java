package dev.openrecog.local;

import dev.openrecog.store.dynamodb.DynamoDbStores;

import java.nio.file.Path;
import java.util.Map;

/**
 * The local server's settings, from environment variables with defaults that need no set-up:
 * OPENRECOG_PORT (8080), OPENRECOG_BIND (127.0.0.1), OPENRECOG_DATA_DIR (data/ in the project; DynamoDB Local's files
 * go in dynamodb/ there, objects in objects/),
 * OPENRECOG_TABLE_NAME (openrecog), OPENRECOG_DEFAULT_TENANT (local: the tenant of uploads, of anonymous requests
 * and of the key generated on a first start), OPENRECOG_AUTH_MODE (signature; or anonymous, to accept unsigned
 * requests), OPENRECOG_ACCESS_KEYS_FILE (access-keys.json in the data folder), OPENRECOG_TENANT_RATE_LIMIT (50
 * requests per second per tenant; 0 for none).
 */
public final class LocalSettings {
    private final int port;
    private final String bind;
    private final Path dataDir;
    private final String table;
    private final String tenant;
    private final String authMode;
    private final Path accessKeysFile;
    private final int rateLimit;

    public LocalSettings(int port, String bind, Path dataDir, String table, String tenant, String authMode, Path accessKeysFile,
                         int rateLimit) {
        this.port = port;
        this.bind = bind;
        this.dataDir = dataDir;
        this.table = table;
        this.tenant = tenant;
        this.authMode = authMode;
        this.accessKeysFile = accessKeysFile;
        this.rateLimit = rateLimit;
    }

    static LocalSettings fromEnvironment(Map<String, String> env, Path home) {
        String port = env.getOrDefault("OPENRECOG_PORT", "8080");
        Path dataDir = Path.of(env.getOrDefault("OPENRECOG_DATA_DIR", home.resolve("data").toString()));
        try {
            return new LocalSettings(Integer.parseInt(port),
                env.getOrDefault("OPENRECOG_BIND", "127.0.0.1"),
                dataDir,
                env.getOrDefault("OPENRECOG_TABLE_NAME", "openrecog"),
                env.getOrDefault("OPENRECOG_DEFAULT_TENANT", "local"),
                env.getOrDefault("OPENRECOG_AUTH_MODE", "signature"),
                Path.of(env.getOrDefault("OPENRECOG_ACCESS_KEYS_FILE", dataDir.resolve("access-keys.json").toString())),
                DynamoDbStores.rateLimit(env.getOrDefault(DynamoDbStores.TENANT_RATE_LIMIT, "50")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("OPENRECOG_PORT must be a port number; got '" + port + "'", e);
        }
    }

    public int port() {
        return port;
    }

    public String bind() {
        return bind;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String table() {
        return table;
    }

    public String tenant() {
        return tenant;
    }

    /** signature or anonymous (gateway mode needs a gateway, which runs in the cloud only). */
    public String authMode() {
        return authMode;
    }

    public Path accessKeysFile() {
        return accessKeysFile;
    }

    /** Requests per second per tenant; 0 for no limit. */
    public int rateLimit() {
        return rateLimit;
    }
}
