package dev.openrecog.adapter.fc;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.StreamRequestHandler;
import dev.openrecog.domain.ObjectLocation;
import dev.openrecog.domain.ObjectUpload;
import dev.openrecog.rpc.GatewayEvents;
import dev.openrecog.rpc.RpcEndpoint;
import dev.openrecog.rpc.UploadEndpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.openrecog.rpc.GatewayEvents.object;
import static dev.openrecog.rpc.GatewayEvents.text;

/**
 * A Function Compute function on an OSS trigger: each ObjectCreated event is one upload to label.
 * The uploads belong to OPENRECOG_DEFAULT_TENANT when set, else to the account in the bucket's ARN
 * ({@code acs:oss:<region>:<account>:<bucket>}), the same account id HTTP callers carry.
 */
public abstract class FcUploadHandler implements StreamRequestHandler {
    private static final String PROVIDER = "alibaba-fc";

    private final UploadEndpoint endpoint;

    protected FcUploadHandler(UploadEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Map<String, Object> event = GatewayEvents.read(input);
        List<ObjectUpload> uploads = new ArrayList<>();
        String tenant = System.getenv(RpcEndpoint.DEFAULT_TENANT);
        for (Map<String, Object> created : GatewayEvents.objectCreated(event, "events", "acs:oss")) {
            uploads.add(upload(created));
            if (tenant == null || tenant.isBlank()) {
                tenant = text(created, "oss", "bucket", "arn").split(":")[3];
            }
        }
        Map<String, Integer> counts = uploads.isEmpty() ? Map.of()
            : endpoint.handle(tenant, uploads, context.getRequestId(), PROVIDER);
        output.write(GatewayEvents.json(counts));
        output.flush();
    }

    private static ObjectUpload upload(Map<String, Object> event) {
        Map<String, Object> object = object(event, "oss", "object");
        Object size = object.get("size");
        // OSS gives the key as it is, unlike S3's URL-encoded keys.
        return new ObjectUpload(new ObjectLocation(ObjectLocation.Scheme.OSS, text(event, "oss", "bucket", "name"), text(object, "key")),
            text(object, "eTag"), size instanceof Number ? ((Number) size).longValue() : 0);
    }
}
