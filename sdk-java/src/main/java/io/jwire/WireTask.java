package io.jwire;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;

/**
 * The handle of a wire that computes a value: what {@link WireScheduler#spawnTask} and
 * {@link WireScope#fork} return. It gives the wire's value or its failure to other wires of the
 * same scheduler, and its outcome to any thread.
 *
 * <pre>{@code
 * WireTask<String> page = scheduler.spawnTask("fetch", () -> fetch(url));   // may throw IOException
 * scheduler.spawn("printer", () -> System.out.println(page.join()));
 * scheduler.run();
 * }</pre>
 *
 * <p><b>Outcome.</b> {@link #state()} is {@link Future.State#RUNNING} until the wire ends, then
 * {@link Future.State#SUCCESS SUCCESS} (the body returned; {@link #resultNow()} gives the value),
 * {@link Future.State#FAILED FAILED} (the body threw; {@link #exception()} gives the exception) or
 * {@link Future.State#CANCELLED CANCELLED} (the wire was {@linkplain #cancel() cancelled} and ended
 * with the {@link WireCancelledException} it was given, or before it started).
 *
 * <p><b>Checked exceptions.</b> The body is a {@link Callable}, so it may throw checked
 * exceptions. {@link #join()} throws every failure as the {@linkplain Throwable#getCause() cause}
 * of a {@link WireFailedException}, the same instance with its own type and stack;
 * {@link #join(Class)} rethrows a failure of the given checked type as itself, and
 * {@link #exception()} returns it unwrapped.
 *
 * <p><b>Failures.</b> Joining the task (or reading {@link #exception()}) takes its failure over,
 * so {@link WireScheduler#run()} does not throw it; a forked task's failure belongs to its
 * {@link WireScope} in any case.
 *
 * <p><b>Threads.</b> {@link #join()} and {@link #join(Class)} are for wires of the task's
 * scheduler. {@link #name()}, {@link #wire()}, {@link #state()}, {@link #resultNow()},
 * {@link #exception()} and {@link #cancel()} are safe from any thread.
 *
 * @param <T> the type of the value the wire computes
 */
public final class WireTask<T> {
    /** Who takes a task's end over instead of the scheduler's default reporting: its scope or its future. */
    interface Owner {
        /** Called on the scheduler's thread once the task's wire has ended, however it ended. */
        void taskEnded(WireTask<?> task);

        /** The scope, when the owner is one. */
        default WireScope scope() {
            return null;
        }
    }

    /** The wire that runs the body; set right after construction. */
    Wire wire;
    /** The body until it has run (then null, so it can be collected). */
    private Callable<? extends T> body;
    private T value;
    /** The scope or future that takes the end over, or null for a spawned task. */
    final Owner owner;
    /** Neighbours among the live children of the owning scope. */
    WireTask<?> prevSibling;
    WireTask<?> nextSibling;

    WireTask(Callable<? extends T> body, Owner owner) {
        this.body = body;
        this.owner = owner;
    }

    /** Runs the body in the wire and keeps its value. */
    void runBody() throws Exception {
        Callable<? extends T> b = body;
        body = null;
        value = b.call();
    }

    /** The value, for owners on the scheduler's thread once the wire has ended successfully. */
    T value() {
        return value;
    }

    /**
     * The wire's name. Any thread.
     *
     * @return the name given at spawn or fork
     */
    public String name() {
        return wire.name();
    }

    /**
     * The wire that runs the body: to {@linkplain Wire#resume() resume} or inspect it. Any thread.
     *
     * @return the task's wire
     */
    public Wire wire() {
        return wire;
    }

    /**
     * The outcome so far: {@link Future.State#RUNNING} until the wire ends (also while it waits
     * to start), then {@code SUCCESS}, {@code FAILED} or {@code CANCELLED}. From another thread,
     * a snapshot. Any thread.
     *
     * @return the task's state
     */
    public Future.State state() {
        if (wire.state() != WireState.ENDED) {
            return Future.State.RUNNING;
        }
        if (wire.failure() != null) {
            return Future.State.FAILED;
        }
        return wire.endedByCancel() ? Future.State.CANCELLED : Future.State.SUCCESS;
    }

    /**
     * Suspends the calling wire until the task's wire ends, and returns its value.
     *
     * @return the value the body returned
     * @throws WireFailedException when the body threw; the {@linkplain Throwable#getCause() cause}
     *         is what it threw, unchanged (checked exceptions included)
     * @throws CancellationException when the task was cancelled and so has no value (a plain
     *         {@code CancellationException}, not the calling wire's own cancellation)
     * @throws WireCancelledException when the calling wire is cancelled while it waits
     * @throws NotInWireException outside a wire
     * @throws IllegalStateException when a wire joins its own task, or a task of another scheduler
     */
    public T join() {
        wire.awaitEnd("WireTask.join()");
        return outcome();
    }

    /**
     * Like {@link #join()}, but a failure of type {@code checked} (such as an
     * {@link java.io.IOException}) is thrown as itself rather than wrapped, so callers handle it
     * with its own type; other failures are wrapped as by {@code join()}.
     *
     * <pre>{@code
     * WireTask<byte[]> read = scheduler.spawnTask("read", () -> load(path));
     * scheduler.spawn("user", () -> {
     *     try {
     *         use(read.join(IOException.class));
     *     } catch (IOException e) {
     *         System.err.println("could not load: " + e);
     *     }
     * });
     * }</pre>
     *
     * @param <X> the checked exception type
     * @param checked the exception type to rethrow unwrapped; not null
     * @return the body's value
     * @throws X when the body threw an {@code X}
     * @throws WireFailedException when the body threw anything else (the cause)
     * @throws CancellationException when the task was cancelled
     * @throws WireCancelledException when the calling wire is cancelled while it waits
     * @throws NotInWireException outside a wire
     * @throws IllegalStateException when a wire joins its own task, or a task of another scheduler
     */
    public <X extends Exception> T join(Class<X> checked) throws X {
        Objects.requireNonNull(checked, "checked");
        wire.awaitEnd("WireTask.join(Class)");
        Throwable failure = wire.failure();
        if (checked.isInstance(failure)) {
            wire.failureObserved = true;
            throw checked.cast(failure);
        }
        return outcome();
    }

    /**
     * The value, without waiting. Any thread.
     *
     * @return the body's value
     * @throws IllegalStateException when the task has not ended successfully (still running,
     *         failed or cancelled); the message says which
     */
    public T resultNow() {
        Future.State s = state();
        if (s != Future.State.SUCCESS) {
            throw new IllegalStateException("task '" + name() + "' has no value: it is " + s
                    + (s == Future.State.FAILED ? " (" + wire.failure() + ")" : "")
                    + "; check state() first, or join() it from a wire");
        }
        return value;
    }

    /**
     * What the body threw, unwrapped, once the wire has failed; null while it runs, and when it
     * ended with a value or by cancellation. A non-null answer takes the failure over, so
     * {@link WireScheduler#run()} does not throw it. Any thread.
     *
     * @return the failure, or null
     */
    public Throwable exception() {
        if (wire.state() != WireState.ENDED) {
            return null;
        }
        Throwable failure = wire.failure();
        if (failure != null) {
            wire.failureObserved = true;
        }
        return failure;
    }

    /**
     * Cancels the task's wire, as {@link Wire#cancel()}: it gets a {@link WireCancelledException}
     * at its next switch, so its {@code finally} blocks run (before it started, it ends without
     * running its body). Does nothing once it has ended. Any thread.
     */
    public void cancel() {
        wire.cancel();
    }

    /**
     * Describes the task for dumps and messages. Any thread.
     *
     * @return {@code WireTask[NAME, STATE]}
     */
    @Override
    public String toString() {
        return "WireTask[" + name() + ", " + state() + "]";
    }

    /** The outcome of an ended wire: the value, or the failure or cancellation thrown. */
    private T outcome() {
        if (wire.failure() != null) {
            throw wire.failedException();
        }
        if (wire.endedByCancel()) {
            throw new CancellationException("task '" + name() + "' was cancelled, so it has no value");
        }
        return value;
    }
}
