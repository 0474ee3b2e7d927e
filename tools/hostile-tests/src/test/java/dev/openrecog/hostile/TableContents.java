package dev.openrecog.hostile;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The libraries, entities, samples, counts and pending purges of a table snapshot, read back by the
 * layout of docs/table-design.md rather than through the store's own code, so that the tests check
 * the layout instead of repeating it.
 */
record TableContents(List<Lib> libs, List<Ent> entities, List<Smp> samples, Map<String, Long> libCounts, List<String> purges) {

    record Lib(String tenant, String algorithm, String libId, long entityCount, long sampleCount) {
    }

    record Ent(String tenant, String libId, String entityId, String name, long sampleCount) {
    }

    record Smp(String tenant, String libId, String entityId, String sampleId) {
    }

    private static final Pattern ESCAPE = Pattern.compile("%(25|23)");

    static TableContents of(List<Map<String, AttributeValue>> items) {
        TableContents contents = new TableContents(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new LinkedHashMap<>(),
            new ArrayList<>());
        items.forEach(contents::add);
        return contents;
    }

    /** The key of a per-tenant, per-algorithm library count in {@link #libCounts}. */
    static String countKey(String tenant, String algorithm) {
        return tenant + " / " + algorithm;
    }

    /** The tenant whose partition this is, or null for a key outside the layout. */
    static String tenantOf(String pk) {
        int tenantEnd = pk.indexOf('#', 2);
        return pk.startsWith("T#") && tenantEnd > 0 ? unescape(pk.substring(2, tenantEnd)) : null;
    }

    /** Adds the item if it is a library, a count, an entity, a sample or a purge; upload results and the rest are not read. */
    private void add(Map<String, AttributeValue> item) {
        String pk = item.get("pk").s();
        String sk = item.get("sk").s();
        String tenant = tenantOf(pk);
        if (tenant == null) {
            return;
        }
        String partition = pk.substring(pk.indexOf('#', 2) + 1);
        int sampleIdAt = sk.indexOf('#', 2) + 1;
        if (partition.startsWith("A#") && sk.equals("#COUNT")) {
            libCounts.put(countKey(tenant, partition.substring(2)), number(item, "count"));
        } else if (partition.startsWith("A#") && sk.startsWith("L#")) {
            libs.add(new Lib(tenant, partition.substring(2), sk.substring(2), number(item, "entityCount"), number(item, "sampleCount")));
        } else if (partition.startsWith("L#") && sk.startsWith("E#")) {
            entities.add(new Ent(tenant, partition.substring(2), sk.substring(2), text(item, "name"), number(item, "sampleCount")));
        } else if (partition.startsWith("L#") && sk.startsWith("S#") && sampleIdAt > 0) {
            samples.add(new Smp(tenant, partition.substring(2), sk.substring(2, sampleIdAt - 1), sk.substring(sampleIdAt)));
        } else if (partition.equals("PURGE")) {
            purges.add(pk + " | " + sk);
        }
    }

    private static String unescape(String escapedTenant) {
        Matcher matcher = ESCAPE.matcher(escapedTenant);
        StringBuilder tenant = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(tenant, matcher.group(1).equals("25") ? "%" : "#");
        }
        return matcher.appendTail(tenant).toString();
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Long.parseLong(value.n());
    }
}
