package dev.openrecog.hostile;

import dev.openrecog.hostile.TableContents.Ent;
import dev.openrecog.hostile.TableContents.Lib;
import dev.openrecog.hostile.TableContents.Smp;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The records in the table, in the order they first appeared. Ids are random, but the order in which
 * records appear is fixed by the requests, so picking by position keeps a seeded run reproducible.
 */
final class Population {
    private Map<String, Lib> libs = new LinkedHashMap<>();
    private Map<String, Ent> entities = new LinkedHashMap<>();
    private Map<String, Smp> samples = new LinkedHashMap<>();
    private final Map<String, String> owners = new HashMap<>();

    void update(TableContents contents) {
        libs = merge(libs, contents.libs(), Lib::libId);
        entities = merge(entities, contents.entities(), Ent::entityId);
        samples = merge(samples, contents.samples(), Smp::sampleId);
        libs.values().forEach(lib -> owners.put(lib.libId(), lib.tenant()));
        entities.values().forEach(entity -> owners.put(entity.entityId(), entity.tenant()));
        samples.values().forEach(sample -> owners.put(sample.sampleId(), sample.tenant()));
    }

    /** The tenant whose record had this id at any time, or null for an id never seen. */
    String everOwnedBy(String id) {
        return owners.get(id);
    }

    private static <T> Map<String, T> merge(Map<String, T> known, List<T> now, Function<T, String> id) {
        Map<String, T> current = new LinkedHashMap<>();
        now.forEach(record -> current.put(id.apply(record), record));
        Map<String, T> merged = new LinkedHashMap<>();
        known.keySet().stream().filter(current::containsKey).forEach(key -> merged.put(key, current.get(key)));
        current.keySet().stream().filter(key -> !merged.containsKey(key)).sorted(Comparator.naturalOrder())
            .forEach(key -> merged.put(key, current.get(key)));
        return merged;
    }

    List<Lib> libs(String tenant) {
        return libs.values().stream().filter(lib -> lib.tenant().equals(tenant)).toList();
    }

    List<Ent> entities(String tenant) {
        return entities.values().stream().filter(entity -> entity.tenant().equals(tenant)).toList();
    }

    List<Smp> samples(String tenant) {
        return samples.values().stream().filter(sample -> sample.tenant().equals(tenant)).toList();
    }

    /** The library an entity or sample lives in. */
    Lib lib(String libId) {
        return libs.get(libId);
    }

    int size() {
        return libs.size() + entities.size() + samples.size();
    }
}
