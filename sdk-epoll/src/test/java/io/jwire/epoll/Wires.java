package io.jwire.epoll;

import io.jwire.WireScheduler;
import io.jwire.testing.WireTestHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Test support over the shared {@link WireTestHarness} (a wire failure fails the test), plus what
 * sdk-epoll's checked {@link IOException}s need: wire bodies and setups that may throw them.
 */
final class Wires {
    private Wires() {
    }

    /** Creates a scheduler, lets {@code setup} spawn wires, runs it and rethrows any wire failure. */
    static void run(Consumer<WireScheduler> setup) {
        WireTestHarness.run(setup);
    }

    /** Like {@link #run}, but calls {@code setup} inside a wire named "main" (so it may bind and connect). */
    static void inWire(IoSetup setup) {
        run(s -> s.spawn("main", io(() -> setup.accept(s))));
    }

    /** A wire body that may throw {@link IOException}; {@link #io} makes it a Runnable. */
    @FunctionalInterface
    interface IoBody {
        void run() throws IOException;
    }

    /** A body that works on a socket and may throw {@link IOException}. */
    @FunctionalInterface
    interface IoBodyOn {
        void run(WireSocket socket) throws IOException;
    }

    /** A scheduler setup that may throw {@link IOException}. */
    @FunctionalInterface
    interface IoSetup {
        void accept(WireScheduler s) throws IOException;
    }

    /** {@code body} as a Runnable that rethrows its {@link IOException} as {@link UncheckedIOException}. */
    static Runnable io(IoBody body) {
        return () -> {
            try {
                body.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** Throws the first of {@code failures} (collected by a test's own exception handler), if any. */
    static void rethrow(List<Throwable> failures) {
        WireTestHarness.rethrow(failures);
    }

    /** A direct buffer holding {@code text}'s bytes, ready to write. */
    static java.nio.ByteBuffer bytes(String text) {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return java.nio.ByteBuffer.allocateDirect(b.length).put(b).flip();
    }

    /** The remaining bytes of {@code b} (after a flip) as text. */
    static String text(java.nio.ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return new String(a, java.nio.charset.StandardCharsets.UTF_8);
    }
}
