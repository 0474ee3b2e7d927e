package dev.openrecog.local;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.openrecog.domain.Tenant;
import dev.openrecog.domain.access.AccessKey;
import dev.openrecog.domain.access.AccessKeyDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local server's access keys, from a JSON file:
 * {@code {"AccessKeys": [{"AccessKeyId": "...", "AccessKeySecret": "...", "Tenant": "..."}]}}.
 * When the file does not exist, one key for the local tenant is generated into it (readable by its
 * owner only), so that the official clients work on a first start with no set-up.
 */
final class LocalAccessKeys implements AccessKeyDirectory {
    private final Map<String, AccessKey> keys;

    private LocalAccessKeys(Map<String, AccessKey> keys) {
        this.keys = keys;
    }

    /** The keys in {@code file}, which is created with one key for {@code tenant} if missing. */
    static LocalAccessKeys loadOrCreate(Path file, Tenant tenant) throws IOException {
        if (!Files.exists(file)) {
            write(file, List.of(AccessKey.generate(tenant)));
        }
        return new LocalAccessKeys(read(file));
    }

    @Override
    public Optional<AccessKey> find(String accessKeyId) {
        return Optional.ofNullable(keys.get(accessKeyId));
    }

    /** The ids of the configured keys, for the start-up message (never the secrets). */
    List<String> ids() {
        return new ArrayList<>(keys.keySet());
    }

    private static Map<String, AccessKey> read(Path file) throws IOException {
        Map<String, Object> root = JSON.std.mapFrom(Files.readString(file));
        Object list = root.get("AccessKeys");
        if (!(list instanceof List)) {
            throw new IllegalArgumentException(file + ": expected {\"AccessKeys\": [...]}");
        }
        Map<String, AccessKey> keys = new LinkedHashMap<>();
        for (Object entry : (List<?>) list) {
            if (!(entry instanceof Map)) {
                throw new IllegalArgumentException(file + ": each access key is an object with AccessKeyId, AccessKeySecret and Tenant");
            }
            Map<?, ?> fields = (Map<?, ?>) entry;
            String id = text(file, fields, "AccessKeyId");
            keys.put(id, new AccessKey(id, text(file, fields, "AccessKeySecret"), Tenant.of(text(file, fields, "Tenant"))));
        }
        return keys;
    }

    private static String text(Path file, Map<?, ?> fields, String name) {
        Object value = fields.get(name);
        if (!(value instanceof String) || ((String) value).isBlank()) {
            throw new IllegalArgumentException(file + ": an access key has no " + name);
        }
        return (String) value;
    }

    private static void write(Path file, List<AccessKey> keys) throws IOException {
        List<Map<String, String>> entries = new ArrayList<>();
        for (AccessKey key : keys) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("AccessKeyId", key.id());
            entry.put("AccessKeySecret", key.secret());
            entry.put("Tenant", key.tenant().id());
            entries.add(entry);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = Files.createTempFile(file.toAbsolutePath().getParent(), ".access-keys", ".part");
        try {
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the folder's own permissions apply
        }
        Files.writeString(partial, JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(Map.of("AccessKeys", entries)));
        Files.move(partial, file);
    }
}
