package dev.openrecog.rpc.auth;

import dev.openrecog.domain.Tenant;
import dev.openrecog.domain.access.AccessKey;
import dev.openrecog.domain.access.AccessKeyDirectory;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Access keys for tests: each key belongs to the tenant {@code tenant-<key id>}. */
final class TestKeys {
    private TestKeys() {
    }

    /** A directory of the given id and secret pairs. */
    static AccessKeyDirectory of(String... idsAndSecrets) {
        Map<String, AccessKey> keys = new HashMap<>();
        for (int i = 0; i < idsAndSecrets.length; i += 2) {
            String id = idsAndSecrets[i];
            keys.put(id, new AccessKey(id, idsAndSecrets[i + 1], Tenant.of("tenant-" + id)));
        }
        return id -> Optional.ofNullable(keys.get(id));
    }
}
