package io.jwire.epoll;

import io.jwire.WireScheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Test support: run wires on a fresh scheduler and fail the test with the first wire failure. */
final class Wires {
    private Wires() {
    }

    /** Creates a scheduler, lets {@code setup} spawn wires, runs it and rethrows any wire failure. */
    static void run(Consumer<WireScheduler> setup) {
        try (WireScheduler s = WireScheduler.create()) {
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            s.setExceptionHandler((w, t) -> failures.add(t));
            setup.accept(s);
            s.run();
            rethrow(failures);
        }
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

    static void rethrow(List<Throwable> failures) {
        if (!failures.isEmpty()) {
            AssertionError e = new AssertionError("a wire failed: " + failures.get(0), failures.get(0));
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
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
