package dev.openrecog.store.dynamodb;

import dev.openrecog.domain.ImageLabel;
import dev.openrecog.domain.LabelResult;
import dev.openrecog.domain.LabelResultStore;
import dev.openrecog.domain.Language;
import dev.openrecog.domain.ObjectLocation;
import dev.openrecog.domain.Tenant;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static dev.openrecog.store.dynamodb.Items.n;
import static dev.openrecog.store.dynamodb.Items.s;

/**
 * Upload results in the openrecog table: one item per object version ({@code V#<version>}), written
 * only once, and a copy of the newest under {@code LATEST} so reading back is one GetItem.
 */
public final class DynamoDbLabelResultStore implements LabelResultStore {
    private static final String LATEST = "LATEST";

    private final DynamoDbClient client;
    private final String table;
    private final Transactions transactions;

    public DynamoDbLabelResultStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
        this.transactions = new Transactions(client);
    }

    @Override
    public boolean contains(Tenant tenant, ObjectLocation location, String version) {
        Map<String, AttributeValue> key = Items.key(Keys.labelResults(tenant, location), versionSk(version));
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(table).key(key).consistentRead(true)
            .projectionExpression("#pk").expressionAttributeNames(Map.of("#pk", Keys.PK))).item();
        return item != null && !item.isEmpty();
    }

    @Override
    public void put(Tenant tenant, LabelResult result) {
        String partition = Keys.labelResults(tenant, result.location());
        Map<String, AttributeValue> version = item(partition, versionSk(result.version()), result);
        Map<String, AttributeValue> latest = item(partition, LATEST, result);
        transactions.write(List.of(
            TransactWriteItem.builder().put(p -> p.tableName(table).item(version)
                .conditionExpression("attribute_not_exists(" + Keys.PK + ")")).build(),
            TransactWriteItem.builder().put(p -> p.tableName(table).item(latest)).build()),
            reasons -> {
                if (reasons.failed(0)) {
                    return false; // a redelivery: the first result stands
                }
                throw reasons.unexpected();
            });
    }

    @Override
    public Optional<LabelResult> latest(Tenant tenant, ObjectLocation location) {
        Map<String, AttributeValue> key = Items.key(Keys.labelResults(tenant, location), LATEST);
        Map<String, AttributeValue> item = client.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toResult(location, item));
    }

    private static String versionSk(String version) {
        return "V#" + version;
    }

    private static Map<String, AttributeValue> item(String partition, String sk, LabelResult result) {
        Map<String, AttributeValue> item = Items.key(partition, sk);
        item.put("version", s(result.version()));
        item.put("status", s(result.status().name()));
        item.put("processedAt", n(result.processedAt()));
        if (result.errorCode() != null) {
            item.put("errorCode", s(result.errorCode()));
            item.put("errorMessage", s(result.errorMessage()));
        }
        item.put("labels", AttributeValue.builder().l(result.labels().stream()
            .map(label -> AttributeValue.builder().m(label(label)).build()).collect(Collectors.toList())).build());
        return item;
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
        map.put("instances", AttributeValue.builder().l(label.instances().stream().map(instance -> AttributeValue.builder()
            .l(n(instance.left()), n(instance.top()), n(instance.width()), n(instance.height()),
                AttributeValue.builder().n(Double.toString(instance.confidence())).build())
            .build()).collect(Collectors.toList())).build());
        return map;
    }

    private static LabelResult toResult(ObjectLocation location, Map<String, AttributeValue> item) {
        List<ImageLabel> labels = item.get("labels").l().stream().map(value -> {
            Map<String, AttributeValue> map = value.m();
            List<ImageLabel.Instance> instances = map.get("instances").l().stream().map(box -> {
                List<AttributeValue> v = box.l();
                return new ImageLabel.Instance(Integer.parseInt(v.get(0).n()), Integer.parseInt(v.get(1).n()),
                    Integer.parseInt(v.get(2).n()), Integer.parseInt(v.get(3).n()), Double.parseDouble(v.get(4).n()));
            }).collect(Collectors.toList());
            return new ImageLabel(map.get("name").s(), Integer.parseInt(map.get("level").n()), map.get("parent").s(),
                Double.parseDouble(map.get("confidence").n()), Double.parseDouble(map.get("centric").n()),
                Language.parse(map.get("language").s()), map.get("alias").s(), instances);
        }).collect(Collectors.toList());
        AttributeValue errorCode = item.get("errorCode");
        AttributeValue errorMessage = item.get("errorMessage");
        return LabelResult.of(location, item.get("version").s(), LabelResult.Status.valueOf(item.get("status").s()), labels,
            errorCode == null ? null : errorCode.s(), errorMessage == null ? null : errorMessage.s(), Items.num(item, "processedAt"));
    }
}
