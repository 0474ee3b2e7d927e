package dev.openrecog.functions.recognizeimage;

import dev.openrecog.adapter.fc.FcHttpHandler;

/** Entry point on Alibaba Function Compute. */
public final class FcHandler extends FcHttpHandler {
    public FcHandler() {
        super(Endpoint.create());
    }
}
