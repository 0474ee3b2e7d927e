package dev.openrecog.adapter.fc;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.StreamRequestHandler;
import dev.openrecog.rpc.GatewayEvents;
import dev.openrecog.rpc.HttpRequest;
import dev.openrecog.rpc.HttpResponse;
import dev.openrecog.rpc.RpcEndpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

import static dev.openrecog.rpc.GatewayEvents.object;
import static dev.openrecog.rpc.GatewayEvents.text;

/**
 * A Function Compute 3.0 function behind an HTTP trigger: takes the trigger's event JSON, calls
 * the endpoint, and returns the HTTP response object FC expects. In gateway mode the tenant is the
 * account id in the trigger's request context; the Host a signature covers is the client's Host
 * header, or the trigger's domain name.
 */
public abstract class FcHttpHandler implements StreamRequestHandler {
    private static final String PROVIDER = "alibaba-fc";

    private final RpcEndpoint endpoint;

    protected FcHttpHandler(RpcEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Map<String, Object> event = GatewayEvents.read(input);
        HttpRequest request = new HttpRequest(
            text(event, "requestContext", "http", "method"),
            firstOf(text(event, "rawPath"), text(event, "requestContext", "http", "path")),
            GatewayEvents.headersWithHost(object(event, "headers"), text(event, "requestContext", "domainName")),
            GatewayEvents.multiValued(object(event, "queryParameters")),
            GatewayEvents.body(event.get("body"), Boolean.TRUE.equals(event.get("isBase64Encoded"))));
        String requestId = firstOf(text(event, "requestContext", "requestId"), context.getRequestId());
        HttpResponse response = endpoint.handle(request, text(event, "requestContext", "accountId"), requestId, PROVIDER);
        GatewayEvents.writeResponse(output, response);
    }

    private static String firstOf(String first, String second) {
        return first != null && !first.isEmpty() ? first : second;
    }
}
