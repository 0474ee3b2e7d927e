package dev.openrecog.hostile;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Every item of the table, every attribute of each, read with a consistent scan. Two snapshots are
 * equal only when the table holds exactly the same items with exactly the same values.
 */
final class TableSnapshot {
    private record Key(String pk, String sk) {
        static final Comparator<Key> ORDER = Comparator.comparing(Key::pk).thenComparing(Key::sk);

        static Key of(Map<String, AttributeValue> item) {
            return new Key(item.get("pk").s(), item.get("sk").s());
        }
    }

    private final Map<Key, Map<String, AttributeValue>> items;

    private TableSnapshot(Map<Key, Map<String, AttributeValue>> items) {
        this.items = items;
    }

    static TableSnapshot of(DynamoDbClient client, String table) {
        Map<Key, Map<String, AttributeValue>> items = new TreeMap<>(Key.ORDER);
        client.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build())
            .forEach(page -> page.items().forEach(item -> items.put(Key.of(item), item)));
        return new TableSnapshot(items);
    }

    List<Map<String, AttributeValue>> items() {
        return new ArrayList<>(items.values());
    }

    TableContents contents() {
        return TableContents.of(items());
    }

    /** The items added, removed or changed since {@code before}, by key, for a failure message. */
    String changesSince(TableSnapshot before) {
        return changedKeys(before).stream()
            .map(key -> (before.items.containsKey(key) ? items.containsKey(key) ? "changed " : "removed " : "added ")
                + key.pk() + " | " + key.sk() + (items.containsKey(key) ? " = " + abbreviate(items.get(key).toString()) : ""))
            .collect(Collectors.joining("\n  ", "  ", ""));
    }

    /** The tenants whose items were added, removed or changed since {@code before}. */
    Set<String> tenantsChangedSince(TableSnapshot before) {
        return changedKeys(before).stream()
            .map(key -> String.valueOf(TableContents.tenantOf(key.pk())))
            .collect(Collectors.toCollection(TreeSet::new));
    }

    private Set<Key> changedKeys(TableSnapshot before) {
        Set<Key> keys = new TreeSet<>(Key.ORDER);
        keys.addAll(before.items.keySet());
        keys.addAll(items.keySet());
        keys.removeIf(key -> Objects.equals(before.items.get(key), items.get(key)));
        return keys;
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TableSnapshot snapshot && snapshot.items.equals(items);
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }
}
