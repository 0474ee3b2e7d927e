package dev.openrecog.vision.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Creates ONNX Runtime sessions, all with the same options (sequential, full graph optimization, one inter-op
 * thread), on a thread of its own with a large stack. Creating the runtime's environment and optimizing a graph
 * recurse natively deep enough to overflow a small Java thread stack, which kills the JVM with SIGSEGV rather than
 * throwing; how deep depends even on the length of the class path, so a 1 MB handler thread is not safe. Inference
 * needs far less, and runs on the caller's thread.
 */
public final class SessionLoader {
    static final long STACK_BYTES = 64L << 20;

    private SessionLoader() {
    }

    /** A session for the model file at {@code path}, running inference on up to {@code threads} threads. */
    public static OrtSession create(String path, int threads) throws OrtException {
        return onLargeStack(options -> OrtEnvironment.getEnvironment().createSession(path, configured(options, threads)));
    }

    /** A session for the model in {@code model}, running inference on up to {@code threads} threads. */
    public static OrtSession create(byte[] model, int threads) throws OrtException {
        return onLargeStack(options -> OrtEnvironment.getEnvironment().createSession(model, configured(options, threads)));
    }

    private static OrtSession.SessionOptions configured(OrtSession.SessionOptions options, int threads) throws OrtException {
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return options;
    }

    private interface Creation {
        OrtSession create(OrtSession.SessionOptions options) throws OrtException;
    }

    private static OrtSession onLargeStack(Creation creation) throws OrtException {
        AtomicReference<OrtSession> session = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread loader = new Thread(null, () -> {
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                session.set(creation.create(options));
            } catch (OrtException | RuntimeException | Error e) {
                failure.set(e);
            }
        }, "openrecog-model-load", STACK_BYTES);
        loader.setDaemon(true);
        loader.start();
        boolean interrupted = false;
        while (true) {
            try {
                loader.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the session is being created either way: wait for it, and keep the interrupt
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable thrown = failure.get();
        if (thrown instanceof OrtException) {
            throw (OrtException) thrown;
        }
        if (thrown instanceof RuntimeException) {
            throw (RuntimeException) thrown;
        }
        if (thrown instanceof Error) {
            throw (Error) thrown;
        }
        return session.get();
    }
}
