package dev.openrecog.store.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Creates the table where nothing else does: the local runner and tests. In the cloud the table
 * comes from template.yaml, with the same keys, index and time-to-live attribute.
 */
public final class RecognitionTable {
    private RecognitionTable() {
    }

    public static void createIfMissing(DynamoDbClient client, String table) {
        if (client.listTables().tableNames().contains(table)) {
            return;
        }
        try {
            client.createTable(r -> r.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute(Keys.PK), attribute(Keys.SK), attribute(Keys.GSI1_PK), attribute(Keys.GSI1_SK))
                .keySchema(key(Keys.PK, KeyType.HASH), key(Keys.SK, KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(Keys.GSI1)
                    .keySchema(key(Keys.GSI1_PK, KeyType.HASH), key(Keys.GSI1_SK, KeyType.RANGE))
                    .projection(p -> p.projectionType(ProjectionType.ALL))
                    .build()));
        } catch (ResourceInUseException alreadyCreated) {
            return;
        }
        client.waiter().waitUntilTableExists(r -> r.tableName(table));
        client.updateTimeToLive(r -> r.tableName(table).timeToLiveSpecification(t -> t.attributeName(Keys.TTL).enabled(true)));
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
