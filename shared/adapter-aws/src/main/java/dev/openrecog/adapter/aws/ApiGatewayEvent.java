package dev.openrecog.adapter.aws;

import dev.openrecog.rpc.GatewayEvents;
import dev.openrecog.rpc.HttpRequest;
import dev.openrecog.rpc.QueryStrings;

import java.util.Map;

import static dev.openrecog.rpc.GatewayEvents.object;
import static dev.openrecog.rpc.GatewayEvents.text;

/**
 * The request and the caller's tenant from an API Gateway proxy event. The tenant is taken, in
 * this order, from a Lambda authorizer's {@code tenant} context value, a JWT claim (named by
 * OPENRECOG_JWT_TENANT_CLAIM, default {@code sub}), or the IAM caller's account id.
 */
final class ApiGatewayEvent {
    static final String JWT_TENANT_CLAIM = "OPENRECOG_JWT_TENANT_CLAIM";
    private static final String CLAIM = System.getenv().getOrDefault(JWT_TENANT_CLAIM, "sub");

    private final HttpRequest httpRequest;
    private final String tenant;

    private ApiGatewayEvent(HttpRequest httpRequest, String tenant) {
        this.httpRequest = httpRequest;
        this.tenant = tenant;
    }

    static ApiGatewayEvent of(Map<String, Object> event) {
        return "2.0".equals(text(event, "version")) ? payloadV2(event) : payloadV1(event);
    }

    private static ApiGatewayEvent payloadV2(Map<String, Object> event) {
        Map<String, Object> authorizer = object(event, "requestContext", "authorizer");
        String tenant = firstOf(
            text(authorizer, "lambda", "tenant"),
            text(object(authorizer, "jwt", "claims"), CLAIM),
            text(authorizer, "iam", "accountId"));
        HttpRequest request = new HttpRequest(
            text(event, "requestContext", "http", "method"),
            text(event, "rawPath"),
            GatewayEvents.headersWithHost(object(event, "headers"), text(event, "requestContext", "domainName")),
            QueryStrings.parse(text(event, "rawQueryString")),
            GatewayEvents.body(event.get("body"), Boolean.TRUE.equals(event.get("isBase64Encoded"))));
        return new ApiGatewayEvent(request, tenant);
    }

    private static ApiGatewayEvent payloadV1(Map<String, Object> event) {
        Map<String, Object> authorizer = object(event, "requestContext", "authorizer");
        String tenant = firstOf(
            text(authorizer, "tenant"),
            text(object(authorizer, "claims"), CLAIM),
            text(event, "requestContext", "identity", "accountId"));
        Map<String, Object> query = object(event, "multiValueQueryStringParameters");
        Map<String, Object> headers = object(event, "multiValueHeaders");
        // requestContext.path is the path as the client sent it, with the stage; "path" lacks the stage.
        String clientPath = text(event, "requestContext", "path");
        HttpRequest request = new HttpRequest(
            text(event, "httpMethod"),
            clientPath != null ? clientPath : text(event, "path"),
            GatewayEvents.headersWithHost(headers.isEmpty() ? object(event, "headers") : headers,
                text(event, "requestContext", "domainName")),
            GatewayEvents.multiValued(query.isEmpty() ? object(event, "queryStringParameters") : query),
            GatewayEvents.body(event.get("body"), Boolean.TRUE.equals(event.get("isBase64Encoded"))));
        return new ApiGatewayEvent(request, tenant);
    }

    private static String firstOf(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isEmpty()) {
                return candidate;
            }
        }
        return null;
    }

    HttpRequest httpRequest() {
        return httpRequest;
    }

    /** The tenant the platform vouches for, or null. */
    String tenant() {
        return tenant;
    }
}
