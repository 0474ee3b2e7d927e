package dev.openrecog.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * The local server's settings, from environment variables with defaults that need no set-up:
 * OPENRECOG_PORT (8080), OPENRECOG_BIND (127.0.0.1), OPENRECOG_DATA_DIR (data/ in the project; DynamoDB Local's files
 * go in dynamodb/ there, objects in objects/),
 * OPENRECOG_TABLE_NAME (openrecog), OPENRECOG_DEFAULT_TENANT (local).
 */
public final class LocalSettings {
    private final int port;
    private final String bind;
    private final Path dataDir;
    private final String table;
    private final String tenant;

    public LocalSettings(int port, String bind, Path dataDir, String table, String tenant) {
        this.port = port;
        this.bind = bind;
        this.dataDir = dataDir;
        this.table = table;
        this.tenant = tenant;
    }

    static LocalSettings fromEnvironment(Map<String, String> env, Path home) {
        String port = env.getOrDefault("OPENRECOG_PORT", "8080");
        try {
            return new LocalSettings(Integer.parseInt(port),
                env.getOrDefault("OPENRECOG_BIND", "127.0.0.1"),
                Path.of(env.getOrDefault("OPENRECOG_DATA_DIR", home.resolve("data").toString())),
                env.getOrDefault("OPENRECOG_TABLE_NAME", "openrecog"),
                env.getOrDefault("OPENRECOG_DEFAULT_TENANT", "local"));
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
}
