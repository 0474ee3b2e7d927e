package dev.openrecog.adapter.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.openrecog.domain.ObjectLocation;
import dev.openrecog.domain.ObjectUpload;
import dev.openrecog.rpc.GatewayEvents;
import dev.openrecog.rpc.RpcEndpoint;
import dev.openrecog.rpc.UploadEndpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.openrecog.rpc.GatewayEvents.object;
import static dev.openrecog.rpc.GatewayEvents.text;

/**
 * A Lambda function on S3 event notifications: each ObjectCreated record is one upload to label.
 * The uploads belong to OPENRECOG_DEFAULT_TENANT when set, else to the AWS account that runs the
 * function (the account its IAM callers read the results back from).
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
        List<ObjectUpload> uploads = GatewayEvents.objectCreated(event, "Records", "aws:s3").stream()
            .map(LambdaUploadHandler::upload).collect(Collectors.toList());
        Map<String, Integer> counts = endpoint.handle(tenant(context), uploads, context.getAwsRequestId(), PROVIDER);
        output.write(GatewayEvents.json(counts));
        output.flush();
    }

    private static ObjectUpload upload(Map<String, Object> record) {
        Map<String, Object> object = object(record, "s3", "object");
        String version = text(object, "versionId");
        Object size = object.get("size");
        // S3 URL-encodes keys in notifications ('+' for a space).
        return new ObjectUpload(ObjectLocation.fromEvent(ObjectLocation.Scheme.S3, text(record, "s3", "bucket", "name"),
            text(object, "key")), version != null ? version : text(object, "eTag"), size instanceof Number ? ((Number) size).longValue() : 0);
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
