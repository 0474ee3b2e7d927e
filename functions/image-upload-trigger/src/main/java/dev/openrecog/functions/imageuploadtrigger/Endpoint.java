package dev.openrecog.functions.imageuploadtrigger;

import dev.openrecog.domain.Backends;
import dev.openrecog.objectstore.ObjectReaders;
import dev.openrecog.rpc.UploadEndpoint;
import dev.openrecog.store.dynamodb.DynamoDbStores;
import dev.openrecog.vision.VisionLabeler;

/** This function's endpoint: labels each upload and stores the result on the DynamoDB table named by the environment. */
final class Endpoint {
    private Endpoint() {
    }

    static UploadEndpoint create() {
        return UploadEndpoint.labelling(Backends.builder()
            .objects(ObjectReaders.fromEnvironment())
            .labeler(VisionLabeler.fromEnvironment())
            .labelResults(DynamoDbStores.fromEnvironment().labelResults())
            .build());
    }
}
