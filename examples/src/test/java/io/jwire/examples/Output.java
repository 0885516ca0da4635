package io.jwire.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What an example printed: a {@link PrintStream} to hand it, and the lines it wrote. */
final class Output {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    /** The stream to give the example; thread-safe, as PrintStream is. */
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    /** The lines printed so far. */
    List<String> lines() {
        out.flush();
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Override
    public String toString() {
        return String.join("\n", lines());
    }
}
