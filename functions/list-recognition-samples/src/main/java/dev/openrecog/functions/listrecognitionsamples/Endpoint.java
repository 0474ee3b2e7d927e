package dev.openrecog.functions.listrecognitionsamples;

import dev.openrecog.domain.Action;
import dev.openrecog.rpc.RpcEndpoint;
import dev.openrecog.store.dynamodb.DynamoDbStores;

/** This function's endpoint: ListRecognitionSamples on the DynamoDB table named by the environment. */
final class Endpoint {
    private Endpoint() {
    }

    static RpcEndpoint create() {
        return RpcEndpoint.serving(DynamoDbStores.fromEnvironment().backends().build(), Action.LIST_RECOGNITION_SAMPLES);
    }
}
