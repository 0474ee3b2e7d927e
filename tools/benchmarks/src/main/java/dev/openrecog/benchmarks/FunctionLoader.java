package dev.openrecog.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * One function jar in a class loader of its own, as on Lambda: its own copy of the SDK, the store
 * and the adapters. Only the Lambda runtime interfaces (Context, RequestStreamHandler) come from
 * the benchmark's class path, so that the benchmark can call the handler and hand it a Context.
 */
final class FunctionLoader extends URLClassLoader {
    private static final String LAMBDA_RUNTIME = "com.amazonaws.services.lambda.runtime.";

    private final ClassLoader runtime;

    FunctionLoader(Path jar) {
        super(jar.getFileName().toString(), urls(jar), ClassLoader.getPlatformClassLoader());
        this.runtime = FunctionLoader.class.getClassLoader();
    }

    private static URL[] urls(Path jar) {
        try {
            return new URL[] {jar.toUri().toURL()};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(LAMBDA_RUNTIME)) {
            return runtime.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }
}
