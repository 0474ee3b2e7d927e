package dev.openrecog.functions.recognizeimage;

import dev.openrecog.domain.Action;
import dev.openrecog.fetch.ImageUrlFetcher;
import dev.openrecog.objectstore.ObjectReaders;
import dev.openrecog.rpc.RpcEndpoint;
import dev.openrecog.store.dynamodb.DynamoDbStores;
import dev.openrecog.vision.recognition.VisionRecognizer;

/**
 * This function's endpoint: RecognizeImage, reading the libraries from the DynamoDB table, the image from object
 * storage or its URL, and recognizing in process.
 */
final class Endpoint {
    private Endpoint() {
    }

    static RpcEndpoint create() {
        return RpcEndpoint.serving(DynamoDbStores.fromEnvironment().backends()
            .objects(ObjectReaders.fromEnvironment())
            .fetcher(ImageUrlFetcher.fromEnvironment())
            .recognizer(VisionRecognizer.builtIn())
            .build(), Action.RECOGNIZE_IMAGE);
    }
}
