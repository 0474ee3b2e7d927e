package dev.openrecog.hostile;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Collects the request log that the endpoint writes, line by line, for the tests to read instead of the console. */
final class LogLines extends OutputStream {
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final List<String> lines = new ArrayList<>();
    private final PrintStream stream = new PrintStream(this, true, StandardCharsets.UTF_8);

    PrintStream stream() {
        return stream;
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            lines.add(line.toString(StandardCharsets.UTF_8));
            line.reset();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    /** The complete lines written since the last call. */
    synchronized List<String> take() {
        List<String> taken = List.copyOf(lines);
        lines.clear();
        return taken;
    }
}
