package dev.openrecog.store.dynamodb;

import dev.openrecog.domain.ImageLabel;
import dev.openrecog.domain.LabelResult;
import dev.openrecog.domain.LabelResultStore;
import dev.openrecog.domain.Language;
import dev.openrecog.domain.ObjectEvent;
import dev.openrecog.domain.ObjectLocation;
import dev.openrecog.domain.ObjectRemoval;
import dev.openrecog.domain.ObjectUpload;
import dev.openrecog.domain.Tenant;
import dev.openrecog.domain.recognition.RecognitionMatch;
import dev.openrecog.domain.recognition.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static dev.openrecog.store.dynamodb.Items.n;
import static dev.openrecog.store.dynamodb.Items.s;

/**
 * Upload results in the openrecog table. Per object, {@code LATEST} holds the outcome of the newest
 * event applied (a result, or a removal tombstone) and that event's {@code order}; every write of it
 * is conditional on being newer, so reading back is one GetItem and concurrent deliveries cannot both
 * win. Per version, {@code V#<version>} marks the version seen, or deleted for good, which keeps its
 * late upload event out. Only GetItem and PutItem are used (the upload function's IAM policy). See
 * docs/table-design.md.
 */
public final class DynamoDbLabelResultStore implements LabelResultStore {
    private static final String LATEST = "LATEST";
    private static final String ORDER = "order";
    private static final String VERSION = "version";
    private static final String STATUS = "status";
    private static final String REMOVED = "REMOVED";
    /** On a V# item: the version was deleted for good. */
    private static final String VERSION_REMOVED = "removed";
    /** Far longer than Lambda (6 hours at most) or FC (7 days at most) retries an event. */
    private static final Duration FORGET_AFTER = Duration.ofDays(30);
    /** Applies when no event, an older one, or one stored before events had an order is applied. */
    private static final String NEWER = "attribute_not_exists(" + Keys.PK + ") OR attribute_not_exists(#order) OR #order < :order";

    private final DynamoDbClient client;
    private final String table;
    private final Transactions transactions;

    public DynamoDbLabelResultStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
        this.transactions = new Transactions(client);
    }

    @Override
    public boolean isSuperseded(Tenant tenant, ObjectEvent event) {
        Map<String, AttributeValue> key = Items.key(Keys.labelResults(tenant, event.location()), LATEST);
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(table).key(key).consistentRead(true)
            .projectionExpression("#order").expressionAttributeNames(Map.of("#order", ORDER))).item();
        AttributeValue applied = item == null ? null : item.get(ORDER);
        return applied != null && applied.s().compareTo(event.order()) >= 0;
    }

    @Override
    public boolean put(Tenant tenant, ObjectUpload upload, LabelResult result) {
        String partition = Keys.labelResults(tenant, upload.location());
        Map<String, AttributeValue> seen = Items.key(partition, versionSk(upload.version()));
        seen.put(Keys.TTL, forgetAt());
        Map<String, AttributeValue> latest = item(partition, result);
        latest.put(ORDER, s(upload.order()));
        return transactions.write(List.of(
            TransactWriteItem.builder().put(p -> p.tableName(table).item(seen).conditionExpression("attribute_not_exists(#removed)")
                .expressionAttributeNames(Map.of("#removed", VERSION_REMOVED))).build(),
            TransactWriteItem.builder().put(p -> p.tableName(table).item(latest).conditionExpression(NEWER)
                .expressionAttributeNames(Map.of("#order", ORDER)).expressionAttributeValues(Map.of(":order", s(upload.order())))).build()),
            DynamoDbLabelResultStore::notApplied);
    }

    @Override
    public boolean remove(Tenant tenant, ObjectRemoval removal) {
        String partition = Keys.labelResults(tenant, removal.location());
        return removal.version() == null ? removeObject(partition, removal) : removeVersion(partition, removal.version());
    }

    /** A tombstone in place of the result: older events find a newer one applied. */
    private boolean removeObject(String partition, ObjectRemoval removal) {
        return putTombstone(partition, removal.order(), NEWER, Map.of(":order", s(removal.order())));
    }

    /**
     * First marks the version deleted, which keeps every upload of it out from then on; then turns the
     * result into a tombstone if it is that version's, keeping its order so that later uploads still
     * apply. The tombstone is written only if the result read is still there, so a newer event that
     * lands in between stands.
     */
    private boolean removeVersion(String partition, String version) {
        Map<String, AttributeValue> deleted = Items.key(partition, versionSk(version));
        deleted.put(VERSION_REMOVED, AttributeValue.builder().bool(true).build());
        deleted.put(Keys.TTL, forgetAt());
        transactions.write(List.of(TransactWriteItem.builder().put(p -> p.tableName(table).item(deleted)).build()));

        Map<String, AttributeValue> shown = client.getItem(r -> r.tableName(table).key(Items.key(partition, LATEST))
            .consistentRead(true)).item();
        if (shown == null || !shown.containsKey(ORDER) || REMOVED.equals(shown.get(STATUS).s()) || !version.equals(shown.get(VERSION).s())) {
            return false;
        }
        return putTombstone(partition, shown.get(ORDER).s(), "#order = :order", Map.of(":order", shown.get(ORDER)));
    }

    private boolean putTombstone(String partition, String order, String condition, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> tombstone = Items.key(partition, LATEST);
        tombstone.put(ORDER, s(order));
        tombstone.put(STATUS, s(REMOVED));
        tombstone.put(Keys.TTL, forgetAt());
        return transactions.write(List.of(TransactWriteItem.builder().put(p -> p.tableName(table).item(tombstone)
                .conditionExpression(condition).expressionAttributeNames(Map.of("#order", ORDER)).expressionAttributeValues(values)).build()),
            DynamoDbLabelResultStore::notApplied);
    }

    @Override
    public Optional<LabelResult> latest(Tenant tenant, ObjectLocation location) {
        Map<String, AttributeValue> key = Items.key(Keys.labelResults(tenant, location), LATEST);
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() || REMOVED.equals(item.get(STATUS).s()) ? Optional.empty() : Optional.of(toResult(location, item));
    }

    /** A failed condition means that a newer (or the same) event is applied, or the version was deleted: nothing to write. */
    private static boolean notApplied(Transactions.Reasons reasons) {
        if (reasons.failed(0) || reasons.failed(1)) {
            return false;
        }
        throw reasons.unexpected();
    }

    private static String versionSk(String version) {
        return "V#" + version;
    }

    private static AttributeValue forgetAt() {
        return n(Instant.now().plus(FORGET_AFTER).getEpochSecond());
    }

    private static Map<String, AttributeValue> item(String partition, LabelResult result) {
        Map<String, AttributeValue> item = Items.key(partition, LATEST);
        item.put(VERSION, s(result.version()));
        item.put(STATUS, s(result.status().name()));
        item.put("processedAt", n(result.processedAt()));
        if (result.errorCode() != null) {
            item.put("errorCode", s(result.errorCode()));
            item.put("errorMessage", s(result.errorMessage()));
        }
        item.put("labels", AttributeValue.builder().l(result.labels().stream()
            .map(label -> AttributeValue.builder().m(label(label)).build()).collect(Collectors.toList())).build());
        item.put("matches", AttributeValue.builder().l(result.matches().stream()
            .map(match -> AttributeValue.builder().m(match(match)).build()).collect(Collectors.toList())).build());
        return item;
    }

    private static Map<String, AttributeValue> match(RecognitionMatch match) {
        Map<String, AttributeValue> map = new HashMap<>();
        map.put("libId", s(match.libId()));
        map.put("entityId", s(match.entityId()));
        map.put("entityName", s(match.entityName()));
        map.put("sampleId", s(match.sampleId()));
        map.put("score", AttributeValue.builder().n(Double.toString(match.score())).build());
        map.put("region", AttributeValue.builder().l(box(match.region())).build());
        return map;
    }

    /** A region as the four numbers left, top, width, height; an instance adds its confidence after them. */
    private static List<AttributeValue> box(Region region) {
        return List.of(n(region.left()), n(region.top()), n(region.width()), n(region.height()));
    }

    private static Region region(List<AttributeValue> box) {
        return new Region(Integer.parseInt(box.get(0).n()), Integer.parseInt(box.get(1).n()),
            Integer.parseInt(box.get(2).n()), Integer.parseInt(box.get(3).n()));
    }

    private static Map<String, AttributeValue> label(ImageLabel label) {
        Map<String, AttributeValue> map = new HashMap<>();
        map.put("name", s(label.name()));
        map.put("level", n(label.level()));
        map.put("parent", s(label.parentName()));
        map.put("confidence", AttributeValue.builder().n(Double.toString(label.confidence())).build());
        map.put("centric", AttributeValue.builder().n(Double.toString(label.centricScore())).build());
        map.put("language", s(label.language().wireValue()));
        map.put("alias", s(label.alias()));
        map.put("instances", AttributeValue.builder().l(label.instances().stream().map(instance -> {
            List<AttributeValue> values = new ArrayList<>(box(instance.region()));
            values.add(AttributeValue.builder().n(Double.toString(instance.confidence())).build());
            return AttributeValue.builder().l(values).build();
        }).collect(Collectors.toList())).build());
        return map;
    }

    private static LabelResult toResult(ObjectLocation location, Map<String, AttributeValue> item) {
        List<ImageLabel> labels = item.get("labels").l().stream().map(value -> {
            Map<String, AttributeValue> map = value.m();
            List<ImageLabel.Instance> instances = map.get("instances").l().stream().map(box -> {
                List<AttributeValue> v = box.l();
                return new ImageLabel.Instance(region(v), Double.parseDouble(v.get(4).n()));
            }).collect(Collectors.toList());
            return new ImageLabel(map.get("name").s(), Integer.parseInt(map.get("level").n()), map.get("parent").s(),
                Double.parseDouble(map.get("confidence").n()), Double.parseDouble(map.get("centric").n()),
                Language.parse(map.get("language").s()), map.get("alias").s(), instances);
        }).collect(Collectors.toList());
        // Results stored before recognition existed have no matches.
        List<RecognitionMatch> matches = !item.containsKey("matches") ? List.of() : item.get("matches").l().stream().map(value -> {
            Map<String, AttributeValue> map = value.m();
            return new RecognitionMatch(map.get("libId").s(), map.get("entityId").s(), map.get("entityName").s(),
                map.get("sampleId").s(), Double.parseDouble(map.get("score").n()), region(map.get("region").l()));
        }).collect(Collectors.toList());
        AttributeValue errorCode = item.get("errorCode");
        AttributeValue errorMessage = item.get("errorMessage");
        return LabelResult.of(location, item.get(VERSION).s(), LabelResult.Status.valueOf(item.get(STATUS).s()), labels,
            matches, errorCode == null ? null : errorCode.s(), errorMessage == null ? null : errorMessage.s(), Items.num(item, "processedAt"));
    }
}
