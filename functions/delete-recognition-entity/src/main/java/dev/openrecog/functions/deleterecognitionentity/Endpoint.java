package dev.openrecog.functions.deleterecognitionentity;

import dev.openrecog.domain.Action;
import dev.openrecog.rpc.RpcEndpoint;
import dev.openrecog.store.dynamodb.DynamoDbStores;

/** This function's endpoint: DeleteRecognitionEntity on the DynamoDB table named by the environment. */
final class Endpoint {
    private Endpoint() {
    }

    static RpcEndpoint create() {
        return RpcEndpoint.serving(DynamoDbStores.fromEnvironment().backends().build(), Action.DELETE_RECOGNITION_ENTITY);
    }
}
