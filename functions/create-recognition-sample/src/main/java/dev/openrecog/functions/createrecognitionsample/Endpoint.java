package dev.openrecog.functions.createrecognitionsample;

import dev.openrecog.domain.Action;
import dev.openrecog.fetch.ImageUrlFetcher;
import dev.openrecog.objectstore.ObjectReaders;
import dev.openrecog.rpc.RpcEndpoint;
import dev.openrecog.store.dynamodb.DynamoDbStores;
import dev.openrecog.vision.recognition.VisionRecognizer;

/**
 * This function's endpoint: CreateRecognitionSample on the DynamoDB table named by the environment, reading sample
 * images from object storage or their URL and describing them in process.
 */
final class Endpoint {
    private Endpoint() {
    }

    static RpcEndpoint create() {
        return RpcEndpoint.serving(DynamoDbStores.fromEnvironment().backends()
            .objects(ObjectReaders.fromEnvironment())
            .fetcher(ImageUrlFetcher.fromEnvironment())
            .recognizer(VisionRecognizer.builtIn())
            .build(), Action.CREATE_RECOGNITION_SAMPLE);
    }
}
