package dev.openrecog.functions.imageuploadtrigger;

import dev.openrecog.adapter.fc.FcUploadHandler;

/** Entry point on Alibaba Function Compute, for an OSS trigger. */
public final class FcHandler extends FcUploadHandler {
    public FcHandler() {
        super(Endpoint.create());
    }
}
