package dev.openrecog.adapter.fc;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.StreamRequestHandler;
import dev.openrecog.domain.EventOrder;
import dev.openrecog.domain.ObjectEvent;
import dev.openrecog.domain.ObjectLocation;
import dev.openrecog.domain.ObjectRemoval;
import dev.openrecog.domain.ObjectUpload;
import dev.openrecog.rpc.GatewayEvents;
import dev.openrecog.rpc.RpcEndpoint;
import dev.openrecog.rpc.UploadEndpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.openrecog.rpc.GatewayEvents.object;
import static dev.openrecog.rpc.GatewayEvents.text;

/**
 * A Function Compute function on an OSS trigger: each ObjectCreated event that finishes an object is
 * an upload to label, each ObjectRemoved:DeleteObject(s) event a removal. OSS events carry no
 * sequencer, so they are ordered per key by their eventTime (whole seconds; see docs/table-design.md).
 * The objects belong to OPENRECOG_DEFAULT_TENANT when set, else to the account in the bucket's ARN
 * ({@code acs:oss:<region>:<account>:<bucket>}), the same account id HTTP callers carry.
 */
public abstract class FcUploadHandler implements StreamRequestHandler {
    private static final String PROVIDER = "alibaba-fc";
    /** ObjectCreated events of a multipart upload still under way: the object is finished by CompleteMultipartUpload. */
    private static final Set<String> UNFINISHED = Set.of("ObjectCreated:InitiateMultipartUpload", "ObjectCreated:UploadPart",
        "ObjectCreated:UploadPartCopy");
    /** ObjectRemoved:AbortMultipartUpload removes no object. */
    private static final Set<String> REMOVED = Set.of("ObjectRemoved:DeleteObject", "ObjectRemoved:DeleteObjects");

    private final UploadEndpoint endpoint;

    protected FcUploadHandler(UploadEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Map<String, Object> event = GatewayEvents.read(input);
        List<ObjectEvent> events = new ArrayList<>();
        String tenant = System.getenv(RpcEndpoint.DEFAULT_TENANT);
        for (Map<String, Object> record : GatewayEvents.storageRecords(event, "events", "acs:oss")) {
            String name = String.valueOf(text(record, "eventName"));
            boolean created = name.startsWith("ObjectCreated:") && !UNFINISHED.contains(name);
            if (!created && !REMOVED.contains(name)) {
                continue;
            }
            events.add(objectEvent(created, record));
            if (tenant == null || tenant.isBlank()) {
                tenant = text(record, "oss", "bucket", "arn").split(":")[3];
            }
        }
        Map<String, Integer> counts = events.isEmpty() ? Map.of()
            : endpoint.handle(tenant, events, context.getRequestId(), PROVIDER);
        output.write(GatewayEvents.json(counts));
        output.flush();
    }

    private static ObjectEvent objectEvent(boolean created, Map<String, Object> record) {
        Map<String, Object> object = object(record, "oss", "object");
        // OSS gives the key as it is, unlike S3's URL-encoded keys.
        ObjectLocation location = new ObjectLocation(ObjectLocation.Scheme.OSS, text(record, "oss", "bucket", "name"), text(object, "key"));
        EventOrder order = EventOrder.time(Instant.parse(text(record, "eventTime")));
        if (!created) {
            return ObjectRemoval.of(location, order);
        }
        Object size = object.get("size");
        return new ObjectUpload(location, text(object, "eTag"), size instanceof Number ? ((Number) size).longValue() : 0, order);
    }
}
