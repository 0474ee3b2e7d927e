package dev.openrecog.functions.imageuploadtrigger;

import dev.openrecog.adapter.aws.LambdaUploadHandler;

/** Entry point on AWS Lambda, for S3 event notifications. */
public final class LambdaHandler extends LambdaUploadHandler {
    public LambdaHandler() {
        super(Endpoint.create());
    }
}
