package dev.openrecog.benchmarks.invoker;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A function's Lambda handler, made as Lambda makes it and called with one event, for the vision warm JVMs
 * ({@link VisionWarm}, {@link RecognizeWarm}). Its construction and first call are timed into {@code info}; every
 * answer must be HTTP 200.
 */
final class WarmHandler implements Runnable {
    private final RequestStreamHandler handler;
    private final byte[] event;
    private final String action;
    private final BenchContext context = new BenchContext();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(16384);

    private WarmHandler(RequestStreamHandler handler, byte[] event, String action) {
        this.handler = handler;
        this.event = event;
        this.action = action;
    }

    /** The handler, after its first call (whose answer {@link #answer()} then holds). */
    static WarmHandler start(String handlerClass, byte[] event, String action, Map<String, String> info) throws Exception {
        long t0 = System.nanoTime();
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(handlerClass).getDeclaredConstructor().newInstance();
        info.put("handler construct ns", Long.toString(System.nanoTime() - t0));
        WarmHandler warm = new WarmHandler(handler, event, action);
        t0 = System.nanoTime();
        warm.run();
        info.put("handler first call ns", Long.toString(System.nanoTime() - t0));
        warm.checkAnswer();
        return warm;
    }

    /** One call with the event. */
    @Override
    public void run() {
        out.reset();
        try {
            handler.handleRequest(new ByteArrayInputStream(event), out, context);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The last call's answer. */
    String answer() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Throws unless the last call answered HTTP 200. */
    void checkAnswer() {
        if (Result.status(answer()) != 200) {
            throw new IllegalStateException(action + " answered " + answer());
        }
    }
}
