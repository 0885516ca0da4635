package io.jwire;

import io.jwire.internal.Coroutine;
import io.jwire.internal.PinnedException;
import io.jwire.internal.SwitchLayer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An {@link Iterator} whose values come from a body that {@linkplain Yielder#yield yields} them
 * one at a time on a coroutine of its own (libfringe's {@code Generator}, Python's generators,
 * Kotlin's {@code sequence { }}). The body runs only while the consumer asks for the next value:
 * {@link #hasNext()} runs it until its next {@code yield}, and it stays suspended there, with its
 * local variables and its place in any loop, until the consumer asks again.
 *
 * <pre>{@code
 * try (WireGenerator<Integer> fib = WireGenerator.of("fibonacci", out -> {
 *     int a = 0, b = 1;
 *     for (;;) {
 *         out.yield(a);                      // suspends the body; next() returns a
 *         int next = a + b;
 *         a = b;
 *         b = next;
 *     }
 * })) {
 *     fib.stream().limit(10).forEach(System.out::println);  // 0 1 1 2 3 5 8 13 21 34
 * }                                           // close(): the body unwinds, its finally blocks run
 * }</pre>
 *
 * <p><b>Where it runs.</b> A generator works inside a wire and in plain Java code outside any
 * scheduler. On the Continuation switch its body is a continuation run on the consumer's own
 * thread (a run and a yield per value, about a hundred nanoseconds, nothing allocated beyond
 * boxing); on the portable switch (see {@link WireScheduler}) it is a virtual thread with a strict
 * hand-off, a few microseconds per value. Either way the body runs only while the consumer waits
 * for it, so the two never run in parallel, and a body consumed by a wire may use jwire's blocking
 * calls (a channel receive, a sleep, socket reads): they suspend the consuming wire, body and all,
 * and the other wires run meanwhile.
 *
 * <p><b>Ending.</b> When the body returns, {@link #hasNext()} returns false. When it throws, the
 * consumer's {@code hasNext()} or {@code next()} throws the same exception (a checked
 * {@link IOException} as {@link UncheckedIOException}, any other checked exception as
 * {@link UndeclaredThrowableException}) and the generator is done. {@link #close()} abandons a
 * generator early: the body, suspended in {@code yield}, gets an exception there that unwinds it,
 * so its {@code finally} blocks and try-with-resources run, on the closing thread's behalf.
 * Close a generator you do not drain (try-with-resources, or close the {@link #stream()}): on the
 * portable switch an unclosed, suspended body keeps a parked virtual thread.
 *
 * <p><b>Threads.</b> Not thread-safe: one thread (or one wire) at a time consumes a generator; it
 * may be handed to another thread with the usual happens-before. {@link Yielder#yield} may be
 * called only by the generator's own body, while it runs.
 *
 * @param <T> the type of the values; null values are allowed
 */
public final class WireGenerator<T> implements Iterator<T>, AutoCloseable {

    /**
     * The body of a generator: produces values by calling {@link Yielder#yield} on {@code out},
     * and ends by returning. It may throw; the consumer gets the exception (see
     * {@link WireGenerator}).
     *
     * @param <T> the type of the values
     */
    @FunctionalInterface
    public interface Body<T> {
        /**
         * Produces the generator's values through {@code out}. Runs on the generator's coroutine.
         *
         * @param out where the values go, one {@code out.yield(v)} each
         * @throws Exception what the consumer gets from {@code hasNext()} or {@code next()}
         */
        void generate(Yielder<T> out) throws Exception;
    }

    /**
     * What a generator's body yields its values to (libfringe's {@code Yielder}).
     *
     * @param <T> the type of the values
     */
    public interface Yielder<T> {
        /**
         * Hands {@code value} to the consumer and suspends the body until the consumer asks for the
         * next value. Java reserves the bare name: call it qualified, {@code out.yield(v)}.
         *
         * <p>Only the generator's own body may call it, while it runs.
         *
         * @param value the value the consumer's {@code next()} returns; may be null
         * @throws IllegalStateException when called from anywhere but the body of this generator
         *         while it runs (another thread, another generator's body, after the body ended)
         * @throws WirePinnedException on the Continuation switch, when the body holds what pins it
         *         to the thread (a native frame; a monitor on JDK 21 to 23)
         * @throws RuntimeException a private exception when the generator is {@linkplain #close()
         *         closed} meanwhile: let it unwind the body (catch it only to clean up and rethrow)
         */
        void yield(T value);
    }

    private final String name;
    private final Body<T> body;
    private final SwitchLayer layer;
    private final Coroutine coroutine;
    private final Out out = new Out();
    private T next;
    private boolean hasNext;
    private boolean started;
    private boolean running;
    private boolean done;
    private boolean closing;
    private Throwable failure;
    /** Portable switch: the scheduler of the thread that resumed the body, installed on the body's thread. */
    private WireScheduler resumer;

    private WireGenerator(String name, Body<T> body) {
        this.name = Objects.requireNonNull(name, "name");
        this.body = Objects.requireNonNull(body, "body");
        this.layer = SwitchLayer.get();
        this.coroutine = layer.createNested("generator " + name, this::main);
    }

    /**
     * A generator named {@code "generator"} whose values come from {@code body}. Nothing runs
     * until the first {@link #hasNext()} or {@link #next()}. Any thread.
     *
     * @param <T> the type of the values
     * @param body what yields the values
     * @return the generator, not started yet
     */
    public static <T> WireGenerator<T> of(Body<T> body) {
        return new WireGenerator<>("generator", body);
    }

    /**
     * A generator with a name shown in exception messages and thread dumps. Nothing runs until
     * the first {@link #hasNext()} or {@link #next()}. Any thread.
     *
     * @param <T> the type of the values
     * @param name shown in exception messages and thread dumps
     * @param body what yields the values
     * @return the generator, not started yet
     */
    public static <T> WireGenerator<T> of(String name, Body<T> body) {
        return new WireGenerator<>(name, body);
    }

    /**
     * The generator's name.
     *
     * @return the name given at creation
     */
    public String name() {
        return name;
    }

    /**
     * Whether there is a next value: runs the body until it yields one (true) or ends (false).
     * Returns at once when a value is already waiting or the generator is done or closed.
     *
     * @throws RuntimeException what the body threw (checked exceptions wrapped, see
     *         {@link WireGenerator}); once only, the generator is then done
     * @throws IllegalStateException when called from inside this generator's own body, or while
     *         another consumer runs it
     */
    @Override
    public boolean hasNext() {
        if (hasNext) {
            return true;
        }
        if (done) {
            return false;
        }
        resume("hasNext()");
        return hasNext;
    }

    /**
     * The next value: runs the body until it yields one.
     *
     * @throws NoSuchElementException when the body has ended, or the generator is closed
     * @throws RuntimeException what the body threw, as {@link #hasNext()}
     * @throws IllegalStateException as {@link #hasNext()}
     */
    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("generator '" + name + "' has "
                    + (closing ? "been closed" : "no more values: its body has ended"));
        }
        T v = next;
        next = null;
        hasNext = false;
        return v;
    }

    /**
     * The remaining values as a sequential, ordered {@link Stream}; closing the stream closes this
     * generator. The stream pulls values as its pipeline needs them, so {@code limit(n)} runs the
     * body only as far as the n-th value. Use it once, like the generator itself.
     *
     * @return the stream of the remaining values
     */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
                .onClose(this::close);
    }

    /**
     * Whether the body has ended (returned, thrown or been closed): {@link #hasNext()} then returns false.
     *
     * @return true once the body has ended
     */
    public boolean isDone() {
        return done;
    }

    /**
     * Abandons the generator: a body suspended in {@link Yielder#yield} gets an exception there
     * that unwinds it, so its {@code finally} blocks run now, on this thread's behalf (inside a
     * wire, a body that waits in a {@code finally} block suspends the wire). A body that never
     * started does not run. Idempotent; later {@code hasNext()} returns false.
     *
     * <p>A body that catches the exception and yields again gets it again at once, so it ends at
     * its next yield; one that loops without yielding keeps {@code close()} waiting.
     *
     * @throws RuntimeException what the body's {@code finally} blocks threw while unwinding
     *         (checked exceptions wrapped as for {@link #hasNext()})
     * @throws IllegalStateException when called from inside this generator's own body, or while
     *         another consumer runs it
     */
    @Override
    public void close() {
        if (done) {
            return;
        }
        checkNotRunning("close()");
        closing = true;
        next = null;
        hasNext = false;
        if (!started) {
            done = true;
            return;
        }
        resume("close()");
    }

    /** A description for logs and dumps: the generator's name and state (new, running, suspended, done). Any thread. */
    @Override
    public String toString() {
        return "generator '" + name + "' (" + (done ? "done" : running ? "running" : started ? "suspended" : "new") + ")";
    }

    // ---------------------------------------------------------------- machinery

    /** Runs the body until it yields or ends; rethrows what it threw. */
    private void resume(String call) {
        checkNotRunning(call);
        if (layer.separateThreads()) {
            resumer = WireScheduler.CURRENT.get();
        }
        started = true;
        running = true;
        boolean ended;
        try {
            ended = coroutine.resume();
        } finally {
            running = false;
        }
        if (ended) {
            done = true;
            Throwable f = failure;
            if (f != null) {
                failure = null;
                throw unchecked(f);
            }
        }
    }

    private void checkNotRunning(String call) {
        if (running) {
            throw new IllegalStateException(call + " on " + this + " from " + caller() + ": it is already running"
                    + (layer.isRunningNested(coroutine) ? " (this is its own body; a body cannot consume or close itself)"
                    : " for another consumer; consume a generator from one place at a time"));
        }
    }

    /** The coroutine's body. */
    private void main() {
        enterBody();
        try {
            if (!closing) {
                body.generate(out);
            }
        } catch (Abandoned a) {
            if (a.generator != this) {
                failure = a; // another generator's close, thrown through this body: not ours to swallow
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            next = null;
            hasNext = false;
        }
    }

    /** Portable switch: gives the body's thread the scheduler of the consumer that resumed it. */
    private void enterBody() {
        if (layer.separateThreads()) {
            WireScheduler s = resumer;
            if (WireScheduler.CURRENT.get() != s) {
                WireScheduler.CURRENT.set(s);
            }
        }
    }

    private static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t instanceof IOException io) {
            return new UncheckedIOException(io);
        }
        return new UndeclaredThrowableException(t);
    }

    private static String caller() {
        return Wire.inWire() ? "wire '" + Wire.current().name() + "'" : "thread '" + Thread.currentThread().getName() + "'";
    }

    /** The body's yielder: one per generator, so yielding allocates nothing. */
    private final class Out implements Yielder<T> {
        @Override
        public void yield(T value) {
            if (!layer.isRunningNested(coroutine)) {
                throw new IllegalStateException("yield on " + WireGenerator.this + " from " + caller()
                        + ": only the generator's own body may yield, while it runs; give each body its own yielder");
            }
            if (closing) {
                throw new Abandoned(WireGenerator.this);
            }
            next = value;
            hasNext = true;
            try {
                layer.yieldNested(coroutine);
            } catch (PinnedException e) {
                next = null;
                hasNext = false;
                throw new WirePinnedException(e.getMessage());
            }
            enterBody();
            if (closing) {
                throw new Abandoned(WireGenerator.this);
            }
        }

        @Override
        public String toString() {
            return "yielder of " + WireGenerator.this;
        }
    }

    /** Unwinds a closed generator's body from its yield; no stack trace (it is control flow). */
    private static final class Abandoned extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient WireGenerator<?> generator;

        Abandoned(WireGenerator<?> generator) {
            super(generator + " was closed while its body was suspended in yield; let this unwind the body", null,
                    false, false);
            this.generator = generator;
        }
    }
}
