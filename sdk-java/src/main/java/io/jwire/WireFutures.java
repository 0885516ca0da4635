package io.jwire;

import io.jwire.internal.Checks;
import io.jwire.internal.Waiter;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * The bridge between wires and Java futures, both ways. Into wires:
 * {@link WireScheduler#submit(String, Callable)} runs a body in a new wire and returns a
 * {@link CompletableFuture}. Out of wires: {@link #await(CompletionStage)} lets a wire wait for any
 * {@link CompletionStage} (an HTTP client's response, a database driver's query, another
 * scheduler's submit) by suspending the wire, not the scheduler's thread.
 *
 * <pre>{@code
 * HttpClient http = HttpClient.newHttpClient();
 * scheduler.spawn("fetch", () -> {
 *     HttpResponse<String> r = WireFutures.await(http.sendAsync(request, BodyHandlers.ofString()));
 *     System.out.println(r.statusCode());     // other wires ran meanwhile
 * });
 * scheduler.run();
 * }</pre>
 *
 * <p>While a wire awaits, the scheduler holds a {@link KeepAlive}, so {@link WireScheduler#run()}
 * waits for the stage instead of reporting the wire as stuck. The stage may complete on any
 * thread; the wire is woken through the scheduler's inbox.
 */
public final class WireFutures {
    private WireFutures() {
    }

    /**
     * Suspends the calling wire until {@code stage} completes, and returns its value: like
     * {@link CompletableFuture#join()}, but other wires run meanwhile. A stage that has already
     * completed (a done {@code CompletableFuture}) returns at once without a switch.
     *
     * <p>Cancelling the wire stops the wait with a {@link WireCancelledException}; the stage is
     * left as it is (not cancelled, not completed).
     *
     * @param <T> the stage's value type
     * @param stage the stage to wait for; not null
     * @return the stage's value
     * @throws CompletionException when the stage completed exceptionally; the cause is its exception
     * @throws CancellationException when the stage was cancelled
     * @throws WireCancelledException when the calling wire is cancelled while it waits
     * @throws NotInWireException outside a wire
     */
    public static <T> T await(CompletionStage<T> stage) {
        return await(stage, false, 0, "WireFutures.await(CompletionStage)");
    }

    /**
     * Like {@link #await(CompletionStage)}, giving up after {@code timeout}: the stage is left as
     * it is.
     *
     * <pre>{@code
     * String body = WireFutures.await(fetchAsync(url), Duration.ofSeconds(2));
     * }</pre>
     *
     * @param <T> the stage's value type
     * @param stage the stage to wait for; not null
     * @param timeout how long to wait at most; zero or more
     * @return the stage's value
     * @throws WireTimeoutException when the stage did not complete within {@code timeout}
     * @throws CompletionException when the stage completed exceptionally; the cause is its exception
     * @throws CancellationException when the stage was cancelled
     * @throws WireCancelledException when the calling wire is cancelled while it waits
     * @throws IllegalArgumentException when {@code timeout} is negative
     * @throws NotInWireException outside a wire
     */
    public static <T> T await(CompletionStage<T> stage, Duration timeout) {
        String call = "WireFutures.await(CompletionStage, Duration)";
        long deadline = Checks.deadlineAfter(timeout, call);
        return await(stage, true, deadline, call);
    }

    private static <T> T await(CompletionStage<T> stage, boolean timed, long deadline, String call) {
        Objects.requireNonNull(stage, () -> call + ": the stage must not be null");
        Waiter me = Waiter.current(call);
        if (stage instanceof CompletableFuture<T> f && f.isDone()) {
            return f.join();
        }
        WireScheduler scheduler = ((Wire) me.wire()).scheduler;
        Pending<T> p = new Pending<>(me, scheduler);
        scheduler.hold(); // run() waits for the completion, which may come from any thread
        try {
            stage.whenComplete(p);
            p.parked = true;
            while (!p.done) {
                if (!timed) {
                    me.park(p);
                } else if (!me.parkUntil(p, deadline) && !p.done) {
                    throw new WireTimeoutException("wire '" + me.wireName() + "': " + stage
                            + " did not complete in time; it is left as it is");
                }
            }
        } finally {
            p.parked = false;
            p.abandoned = !p.done;
            scheduler.releaseHold();
        }
        return p.outcome();
    }

    /**
     * Starts {@code body} in a new wire of {@code scheduler}; the returned future takes the wire's
     * end over. Any thread.
     */
    static <T> CompletableFuture<T> submit(WireScheduler scheduler, String name, Callable<? extends T> body) {
        Submitted<T> f = new Submitted<>();
        f.task = scheduler.spawnTask(name, body, f, "submit");
        return f;
    }

    /**
     * One wait of a wire for a stage: the completion callback (any thread) and the wake-up it
     * posts to the scheduler (owner thread).
     */
    private static final class Pending<T> implements BiConsumer<T, Throwable>, Runnable {
        private final Waiter waiter;
        private final WireScheduler scheduler;
        private T value;
        private Throwable failure;
        volatile boolean done;
        /** The wire left the wait (cancelled, timed out): a late completion wakes nobody. */
        volatile boolean abandoned;
        /** The wire is in its park loop. Owner thread only. */
        boolean parked;

        Pending(Waiter waiter, WireScheduler scheduler) {
            this.waiter = waiter;
            this.scheduler = scheduler;
        }

        @Override
        public void accept(T v, Throwable t) {
            value = v;
            failure = t;
            done = true;
            if (abandoned) {
                return;
            }
            if (scheduler.isOwnerThread()) {
                run(); // completed by a wire or task of this scheduler
            } else {
                scheduler.post(this);
            }
        }

        /** On the owner thread: wake the wire if it still waits. */
        @Override
        public void run() {
            Wire w = (Wire) waiter.wire();
            if (parked && !abandoned && w.state() == WireState.SUSPENDED) {
                waiter.wake();
            }
        }

        /** The outcome, as {@link CompletableFuture#join()} reports it. */
        T outcome() {
            Throwable t = failure;
            if (t == null) {
                return value;
            }
            if (t instanceof CancellationException c) {
                throw c;
            }
            if (t instanceof CompletionException c) {
                throw c;
            }
            throw new CompletionException(t);
        }

        @Override
        public String toString() {
            return "a CompletionStage (WireFutures.await)";
        }
    }

    /** The future of a submitted wire: completed when the wire ends; cancelling it cancels the wire. */
    private static final class Submitted<T> extends CompletableFuture<T> implements WireTask.Owner {
        volatile WireTask<T> task;

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            WireTask<T> t = task;
            if (t != null) {
                t.cancel();
            }
            return cancelled;
        }

        @Override
        public void taskEnded(WireTask<?> ended) {
            Wire w = ended.wire;
            if (w.failure() != null) {
                completeExceptionally(w.failure());
            } else if (w.endedByCancel()) {
                super.cancel(false);
            } else {
                @SuppressWarnings("unchecked")
                T value = (T) ended.value();
                complete(value);
            }
        }
    }
}
