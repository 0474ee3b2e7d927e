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
        return invokeHandler(handler(functionDir, provider), LAMBDA_ACCOUNT, event);
    }

    /** A function's entry point for the provider ("lambda" or "fc"), built as its runtime builds it. */
    static Object handler(String functionDir, String provider) throws Exception {
        String handlerName = "dev.openrecog.functions." + functionDir.replace("-", "")
            + (provider.equals("lambda") ? ".LambdaHandler" : ".FcHandler");
        return Class.forName(handlerName).getConstructor().newInstance();
    }

    /** Invokes a handler built once, as a warm runtime does; on Lambda it runs in {@code lambdaAccount}. */
    static Map<String, Object> invokeHandler(Object handler, String lambdaAccount, String event) throws Exception {
        Class<?> contextType = Class.forName(handler.getClass().getSimpleName().equals("LambdaHandler")
            ? "com.amazonaws.services.lambda.runtime.Context" : "com.aliyun.fc.runtime.Context");
        Method handle = handler.getClass().getMethod("handleRequest", java.io.InputStream.class, java.io.OutputStream.class, contextType);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handle.invoke(handler, new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context(contextType, lambdaAccount));
        return JSON.std.mapFrom(out.toString(StandardCharsets.UTF_8));
    }

    /** A context that answers the request id and the function ARN, which is all the handlers ask of it. */
    private static Object context(Class<?> contextType, String lambdaAccount) {
        String requestId = UUID.randomUUID().toString();
        return Proxy.newProxyInstance(contextType.getClassLoader(), new Class<?>[]{contextType}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "getAwsRequestId":
                case "getRequestId":
                    return requestId;
                case "getInvokedFunctionArn":
                    return "arn:aws:lambda:us-east-1:" + lambdaAccount + ":function:openrecog-test";
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
