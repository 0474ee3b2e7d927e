package dev.openrecog.benchmarks.invoker;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * The Context a Lambda runtime hands a handler, reduced to constants, for every benchmark program.
 * {@link #next()} gives each warm call its own request id; a cold-start child never calls it, so
 * it pays for no string formatting.
 */
public final class BenchContext implements Context {
    private long requests;
    private String requestId = "00000000-0000-4000-8000-000000000001";

    /** Moves to the next request id. */
    public void next() {
        requestId = "00000000-0000-4000-8000-" + String.format("%012x", ++requests);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/openrecog-bench";
    }

    @Override
    public String getLogStreamName() {
        return "bench";
    }

    @Override
    public String getFunctionName() {
        return "openrecog-bench";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:123456789012:function:openrecog-bench";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 30_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return null;
    }
}
