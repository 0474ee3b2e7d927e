package dev.openrecog.benchmarks.invoker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One cold invocation in a fresh JVM: constructs the handler named by args[0], feeds it the event
 * file args[1] with a minimal Context, prints one result line and exits. Its class path is a
 * function jar plus this class's jar, nothing else. With a third argument {@code --peak-rss} the line also
 * gives {@code hwm=}, the peak RSS in kB (VmHWM) read just before exiting.
 */
public final class Invoke {
    private Invoke() {
    }

    public static void main(String[] args) throws Exception {
        long mainAt = System.nanoTime();
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        long constructed = System.nanoTime();
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, new BenchContext());
        long handled = System.nanoTime();
        int status = Result.status(out.toString(StandardCharsets.UTF_8));
        if (args.length > 2 && args[2].equals("--peak-rss")) {
            Result.print(mainAt, constructed, handled, status, new StringBuilder(" hwm=").append(Result.peakRssKb()));
        } else {
            Result.print(mainAt, constructed, handled, status);
        }
        System.exit(status == 200 ? 0 : 1);
    }
}
