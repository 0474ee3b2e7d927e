package dev.openrecog.adapter.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.openrecog.rpc.GatewayEvents;
import dev.openrecog.rpc.HttpResponse;
import dev.openrecog.rpc.RpcEndpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * A Lambda function behind API Gateway: takes a REST API (payload 1.0) or HTTP API (payload 2.0)
 * proxy event, calls the endpoint, and returns the proxy response. A stream handler, so that no
 * event library or reflection-based serializer is loaded at cold start.
 */
public abstract class LambdaHttpHandler implements RequestStreamHandler {
    private static final String PROVIDER = "aws-lambda";

    private final RpcEndpoint endpoint;

    protected LambdaHttpHandler(RpcEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Map<String, Object> event = GatewayEvents.read(input);
        ApiGatewayEvent request = ApiGatewayEvent.of(event);
        HttpResponse response = endpoint.handle(request.httpRequest(), request.tenant(), context.getAwsRequestId(), PROVIDER);
        GatewayEvents.writeResponse(output, response);
    }
}
