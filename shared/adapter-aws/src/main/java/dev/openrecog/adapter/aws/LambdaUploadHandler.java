package dev.openrecog.adapter.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.openrecog.rpc.GatewayEvents.object;
import static dev.openrecog.rpc.GatewayEvents.text;

/**
 * A Lambda function on S3 event notifications: each ObjectCreated record is an upload to label, each
 * ObjectRemoved record (Delete, DeleteMarkerCreated) a removal. Records are ordered per key by their
 * sequencer. The objects belong to OPENRECOG_DEFAULT_TENANT when set, else to the AWS account that
 * runs the function (the account its IAM callers read the results back from).
 */
public abstract class LambdaUploadHandler implements RequestStreamHandler {
    private static final String PROVIDER = "aws-lambda";

    private final UploadEndpoint endpoint;

    protected LambdaUploadHandler(UploadEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Map<String, Object> event = GatewayEvents.read(input);
        List<ObjectEvent> events = new ArrayList<>();
        for (Map<String, Object> record : GatewayEvents.storageRecords(event, "Records", "aws:s3")) {
            String name = String.valueOf(text(record, "eventName"));
            if (name.startsWith("ObjectCreated:") || name.startsWith("ObjectRemoved:")) {
                events.add(objectEvent(name, record));
            }
        }
        Map<String, Integer> counts = endpoint.handle(tenant(context), events, context.getAwsRequestId(), PROVIDER);
        output.write(GatewayEvents.json(counts));
        output.flush();
    }

    private static ObjectEvent objectEvent(String name, Map<String, Object> record) {
        Map<String, Object> object = object(record, "s3", "object");
        // S3 URL-encodes keys in notifications ('+' for a space).
        ObjectLocation location = ObjectLocation.fromEvent(ObjectLocation.Scheme.S3, text(record, "s3", "bucket", "name"), text(object, "key"));
        EventOrder order = EventOrder.sequencer(text(object, "sequencer"));
        String versionId = text(object, "versionId");
        if (name.startsWith("ObjectCreated:")) {
            Object size = object.get("size");
            return new ObjectUpload(location, versionId != null ? versionId : text(object, "eTag"),
                size instanceof Number ? ((Number) size).longValue() : 0, order);
        }
        // A Delete that names a version deletes that version for good (versioned bucket); one without, or
        // of the "null" version of an unversioned or suspended bucket, and DeleteMarkerCreated remove the object.
        return name.equals("ObjectRemoved:Delete") && versionId != null && !versionId.equals("null")
            ? ObjectRemoval.ofVersion(location, versionId, order) : ObjectRemoval.of(location, order);
    }

    private static String tenant(Context context) {
        String configured = System.getenv(RpcEndpoint.DEFAULT_TENANT);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String[] arn = context.getInvokedFunctionArn().split(":");
        return arn[4];
    }
}
