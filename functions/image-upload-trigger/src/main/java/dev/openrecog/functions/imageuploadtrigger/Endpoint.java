package dev.openrecog.functions.imageuploadtrigger;

import dev.openrecog.domain.recognition.UploadRecognitionRules;
import dev.openrecog.objectstore.ObjectReaders;
import dev.openrecog.rpc.UploadEndpoint;
import dev.openrecog.store.dynamodb.DynamoDbStores;
import dev.openrecog.vision.VisionLabeler;
import dev.openrecog.vision.recognition.VisionRecognizer;

/**
 * This function's endpoint: labels each upload, recognizes in it the libraries that OPENRECOG_UPLOAD_RECOGNITION names
 * for its bucket and prefix, and stores the result on the DynamoDB table named by the environment.
 */
final class Endpoint {
    private Endpoint() {
    }

    static UploadEndpoint create() {
        return UploadEndpoint.labelling(DynamoDbStores.fromEnvironment().backends()
            .objects(ObjectReaders.fromEnvironment())
            .labeler(VisionLabeler.fromEnvironment())
            .recognizer(VisionRecognizer.builtIn())
            .uploadRecognition(UploadRecognitionRules.parse(System.getenv(UploadRecognitionRules.ENVIRONMENT_VARIABLE)))
            .build());
    }
}
