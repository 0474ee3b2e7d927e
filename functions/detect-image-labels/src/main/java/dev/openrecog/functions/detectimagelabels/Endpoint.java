package dev.openrecog.functions.detectimagelabels;

import dev.openrecog.domain.Action;
import dev.openrecog.objectstore.ObjectReaders;
import dev.openrecog.rpc.RpcEndpoint;
import dev.openrecog.store.dynamodb.DynamoDbStores;
import dev.openrecog.vision.VisionLabeler;

/** This function's endpoint: DetectImageLabels, reading images from object storage and labelling them in process. */
final class Endpoint {
    private Endpoint() {
    }

    static RpcEndpoint create() {
        return RpcEndpoint.serving(DynamoDbStores.fromEnvironment().backends()
            .objects(ObjectReaders.fromEnvironment())
            .labeler(VisionLabeler.fromEnvironment())
            .build(), Action.DETECT_IMAGE_LABELS);
    }
}
