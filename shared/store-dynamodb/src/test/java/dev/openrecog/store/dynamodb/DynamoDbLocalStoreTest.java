package dev.openrecog.store.dynamodb;

import dev.openrecog.dynamodblocal.DynamoDbLocal;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The store contract on DynamoDB Local, in process; runs everywhere. */
class DynamoDbLocalStoreTest extends RecognitionStoreContract {
    @Override
    protected DynamoDbClient newClient() {
        return DynamoDbLocal.shared().client();
    }
}
