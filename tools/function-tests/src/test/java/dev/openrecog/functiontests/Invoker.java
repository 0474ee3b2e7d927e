package dev.openrecog.functiontests;

import com.fasterxml.jackson.jr.ob.JSON;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * Invokes a function's real entry point the way its runtime does: the handler class is built with
 * its no-argument constructor and handed the event's bytes and a context.
 */
final class Invoker {
    /** The AWS account the Lambda functions run in, as their ARN tells. */
    static final String LAMBDA_ACCOUNT = "123456789012";
    private Invoker() {
    }

    /** @param provider "lambda" or "fc"; the handler answers with the JSON it writes */
    static Map<String, Object> invoke(String functionDir, String provider, String event) throws Exception {
        String handlerName = "dev.openrecog.functions." + functionDir.replace("-", "")
            + (provider.equals("lambda") ? ".LambdaHandler" : ".FcHandler");
        Class<?> handlerClass = Class.forName(handlerName);
        Object handler = handlerClass.getConstructor().newInstance();
        Class<?> contextType = Class.forName(provider.equals("lambda")
            ? "com.amazonaws.services.lambda.runtime.Context" : "com.aliyun.fc.runtime.Context");
        Method handle = handlerClass.getMethod("handleRequest", java.io.InputStream.class, java.io.OutputStream.class, contextType);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handle.invoke(handler, new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context(contextType));
        return JSON.std.mapFrom(out.toString(StandardCharsets.UTF_8));
    }

    /** A context that answers the request id and nothing else, which is all the handlers ask of it. */
    private static Object context(Class<?> contextType) {
        String requestId = UUID.randomUUID().toString();
        return Proxy.newProxyInstance(contextType.getClassLoader(), new Class<?>[]{contextType}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "getAwsRequestId":
                case "getRequestId":
                    return requestId;
                case "getInvokedFunctionArn":
                    return "arn:aws:lambda:us-east-1:" + LAMBDA_ACCOUNT + ":function:openrecog-test";
                case "hashCode":
                    return 0;
                case "equals":
                    return proxy == args[0];
                case "toString":
                    return "test context " + requestId;
                default:
                    return method.getReturnType() == int.class ? 0 : null;
            }
        });
    }

    static Map<String, Object> body(Map<String, Object> response) throws Exception {
        return JSON.std.mapFrom((String) response.get("body"));
    }
}
