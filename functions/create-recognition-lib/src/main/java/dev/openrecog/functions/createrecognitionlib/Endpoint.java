package dev.openrecog.functions.createrecognitionlib;

import dev.openrecog.domain.Action;
import dev.openrecog.rpc.RpcEndpoint;
import dev.openrecog.store.dynamodb.DynamoDbStores;

/** This function's endpoint: CreateRecognitionLib on the DynamoDB table named by the environment. */
final class Endpoint {
    private Endpoint() {
    }

    static RpcEndpoint create() {
        return RpcEndpoint.serving(DynamoDbStores.fromEnvironment().backends().build(), Action.CREATE_RECOGNITION_LIB);
    }
}
