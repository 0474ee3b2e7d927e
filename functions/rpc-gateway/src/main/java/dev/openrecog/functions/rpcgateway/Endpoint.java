package dev.openrecog.functions.rpcgateway;

import dev.openrecog.domain.Action;
import dev.openrecog.fetch.ImageUrlFetcher;
import dev.openrecog.objectstore.ObjectReaders;
import dev.openrecog.rpc.RpcEndpoint;
import dev.openrecog.store.dynamodb.DynamoDbStores;
import dev.openrecog.vision.recognition.VisionRecognizer;

import java.util.EnumSet;
import java.util.Set;

/**
 * This function's endpoint, the RPC front door: every library operation and RecognizeImage, on the DynamoDB table
 * named by the environment, with images from object storage or their URL.
 */
final class Endpoint {
    private Endpoint() {
    }

    static RpcEndpoint create() {
        Set<Action> actions = EnumSet.copyOf(Action.RECOGNITION_LIBRARY);
        actions.add(Action.RECOGNIZE_IMAGE);
        return RpcEndpoint.serving(DynamoDbStores.fromEnvironment().backends()
            .objects(ObjectReaders.fromEnvironment())
            .fetcher(ImageUrlFetcher.fromEnvironment())
            .recognizer(VisionRecognizer.builtIn())
            .build(), actions);
    }
}
