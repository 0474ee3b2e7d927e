package dev.openrecog.functions.recognizeimage;

import dev.openrecog.adapter.aws.LambdaHttpHandler;

/** Entry point on AWS Lambda. */
public final class LambdaHandler extends LambdaHttpHandler {
    public LambdaHandler() {
        super(Endpoint.create());
    }
}
