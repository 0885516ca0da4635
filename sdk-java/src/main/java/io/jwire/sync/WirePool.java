package io.jwire.sync;

import io.jwire.Wire;
import io.jwire.WireCancelledException;
import io.jwire.WireScheduler;
import io.jwire.internal.Checks;
import io.jwire.internal.Confinement;
import io.jwire.internal.WaitQueue;
import io.jwire.internal.Waiter;
import java.util.Objects;

/**
 * A fixed number of worker wires that run tasks (libwire {@code wire_pool}). Workers are
 * long-lived wires: a worker runs one task at a time under the task's name and, when idle,
 * suspends until the next task. Idle workers are reused last in, first out, so the most recently
 * used (cache-warm) worker runs the next task.
 *
 * <pre>{@code
 * try (WirePool pool = new WirePool(scheduler, "handlers", 4)) {
 *     scheduler.spawn("acceptor", () -> {
 *         for (int i = 0; i < 100; i++) {
 *             int n = i;
 *             pool.start("request " + n, () -> handle(n));   // waits while all 4 are busy
 *         }
 *         pool.close();
 *     });
 *     scheduler.run();
 * }
 * }</pre>
 *
 * <p>{@link #tryStart} returns null when every slot is busy (libwire {@code wire_pool_alloc});
 * {@link #start} suspends the calling wire, first come first served, until a slot frees (libwire
 * {@code wire_pool_alloc_block}); the freed slot is handed to that wire, so a later
 * {@code tryStart} cannot take it. A task that throws frees its slot; its exception is reported
 * like a wire failure (logged, and passed to the scheduler's exception handler) under the task's
 * name.
 *
 * <p><b>Idle workers</b> stay suspended until the pool or the scheduler closes. They do not keep
 * {@link io.jwire.WireScheduler#run() run()} going, nor count as stuck: {@code run()} returns once every other
 * wire has ended, and the workers serve the next {@code run()}. {@link #close()} lets running
 * tasks finish and ends every worker.
 *
 * <p><b>Threads.</b> {@link #start} from wires of the owning scheduler; {@link #tryStart} and
 * {@link #close()} also from its scheduler tasks. Not thread-safe.
 */
public final class WirePool implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.jwire");
    private final WireScheduler scheduler;
    private final String name;
    private final int size;
    private final Confinement confinement;
    /** Slots taken: tasks running plus slots handed to starters that have not dispatched yet. */
    private int busy;
    /** Live workers. */
    private int workers;
    private int workersCreated;
    /** Idle workers, a stack: the most recently freed is on top. */
    private final Worker[] idle;
    private int idleCount;
    /** Wires blocked in {@link #start}. */
    private final WaitQueue starters = new WaitQueue();
    private boolean closed;
    private final Object startSite = new Object() {
        @Override
        public String toString() {
            return "a free slot of " + WirePool.this;
        }
    };
    private final Object idleSite = new Object() {
        @Override
        public String toString() {
            return "a task from " + WirePool.this + " (idle worker; close the pool when no more tasks come)";
        }
    };

    /**
     * Creates a pool of {@code size} slots on {@code scheduler}; workers are spawned on demand.
     * Any thread.
     *
     * @param scheduler the scheduler whose wires the workers are
     * @param name the pool's name, shown in dumps and in idle workers' names
     * @param size the number of slots: the most tasks that run at once; positive
     * @throws IllegalArgumentException when {@code size} is not positive
     */
    public WirePool(WireScheduler scheduler, String name, int size) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.name = Objects.requireNonNull(name, "name");
        this.size = (int) Checks.atLeast(size, 1, "new WirePool(scheduler, \"" + name + "\", size)", "size");
        this.confinement = new Confinement(scheduler);
        this.idle = new Worker[size];
    }

    /**
     * The pool's name.
     *
     * @return the name given at creation
     */
    public String name() {
        return name;
    }

    /**
     * The number of slots.
     *
     * @return the most tasks that run at once
     */
    public int size() {
        return size;
    }

    /**
     * The number of busy slots.
     *
     * @return how many tasks run now
     */
    public int busy() {
        return busy;
    }

    /**
     * The number of live worker wires, busy or idle.
     *
     * @return at most {@link #size()}
     */
    public int workers() {
        return workers;
    }

    /**
     * The number of idle worker wires.
     *
     * @return how many workers wait for a task
     */
    public int idleWorkers() {
        return idleCount;
    }

    /**
     * The number of wires waiting in {@link #start}.
     *
     * @return how many starters wait for a slot
     */
    public int waitingStarters() {
        return starters.size();
    }

    /**
     * Runs {@code body} on a worker if a slot is free and no wire waits in {@link #start};
     * otherwise does nothing and returns null. The worker becomes ready; this does not switch.
     *
     * @param name the task's name: the worker wire carries it while it runs the task
     * @param body the task
     * @return the worker wire that will run the task (it runs later tasks too: do not join it),
     *         or null when every slot is busy
     * @throws IllegalStateException when the pool is closed, or when called off its scheduler's thread
     */
    public Wire tryStart(String name, Runnable body) {
        check(name, body);
        if (busy == size || !starters.isEmpty()) {
            return null;
        }
        busy++;
        return dispatch(name, body);
    }

    /**
     * Runs {@code body} on a worker, suspending the calling wire first come, first served until a
     * slot is free.
     *
     * @param name the task's name: the worker wire carries it while it runs the task
     * @param body the task
     * @return the worker wire that will run the task
     * @throws IllegalStateException when the pool is or gets closed before a slot was free, or when
     *         called from a wire of another scheduler
     * @throws io.jwire.NotInWireException outside a wire
     * @throws io.jwire.WireCancelledException when the calling wire is cancelled before it got a slot
     */
    public Wire start(String name, Runnable body) {
        Waiter me = Waiter.current("WirePool.start()");
        check(name, body);
        if (busy < size && starters.isEmpty()) {
            busy++;
        } else if (starters.await(me, startSite, false, 0L) != Waiter.GRANTED) {
            throw new IllegalStateException(this + " was closed while wire '" + me.wireName()
                    + "' waited to start task '" + name + "'; the task did not run");
        }
        return dispatch(name, body);
    }

    /**
     * Closes the pool: later starts fail, wires waiting in {@link #start} fail with an
     * {@link IllegalStateException}, idle workers end, busy workers end after their task.
     * Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        starters.wakeAll(Waiter.CLOSED);
        while (idleCount > 0) {
            Worker w = idle[--idleCount];
            idle[idleCount] = null;
            w.waiter.wake();
        }
    }

    /**
     * Whether {@link #close()} has been called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed;
    }

    private void check(String name, Runnable body) {
        Objects.requireNonNull(name, "a pool task needs a name");
        Objects.requireNonNull(body, "pool task '" + name + "' has a null body");
        confinement.check(this, "starting task '" + name + "'");
        if (closed) {
            throw new IllegalStateException("cannot start task '" + name + "': " + this + " is closed");
        }
    }

    /** Gives the task to the most recently freed idle worker, or a new one; a slot is already taken. */
    private Wire dispatch(String name, Runnable body) {
        Worker w;
        if (idleCount > 0) {
            w = idle[--idleCount];
            idle[idleCount] = null;
        } else {
            w = new Worker(this.name + "/worker-" + (++workersCreated));
            workers++;
            w.task = body;
            w.taskName = name;
            w.wire = scheduler.spawn(name, w);
            Waiter.onEnd(w.wire, w::ended);
            return w.wire;
        }
        w.task = body;
        w.taskName = name;
        w.waiter.rename(name);
        w.waiter.wake();
        return w.wire;
    }

    /** A task ended: hand its slot to the first starter, or free it. */
    private void slotFreed() {
        if (starters.wakeFirst(Waiter.GRANTED, null) == null) {
            busy--;
        }
    }

    private void removeIdle(Worker w) {
        for (int i = 0; i < idleCount; i++) {
            if (idle[i] == w) {
                System.arraycopy(idle, i + 1, idle, i, idleCount - i - 1);
                idle[--idleCount] = null;
                return;
            }
        }
    }

    /**
     * Describes the pool for dumps and messages.
     *
     * @return its name, busy slots, waiting starters and whether it is closed
     */
    @Override
    public String toString() {
        return "pool '" + name + "' (" + busy + "/" + size + " busy" + (starters.isEmpty() ? "" : ", "
                + starters.size() + " waiting to start") + (closed ? ", closed" : "") + ")";
    }

    /** A worker's loop; one object per worker wire for its whole life. */
    private final class Worker implements Runnable {
        final String idleName;
        Wire wire;
        /** The worker wire's waiter, known once it runs. */
        Waiter waiter;
        Runnable task;
        String taskName;
        boolean started;

        Worker(String idleName) {
            this.idleName = idleName;
        }

        /**
         * The worker wire ended, however: a task it had accepted but not started (the wire was
         * cancelled first) frees its slot and is reported, so the pool never leaks a slot.
         */
        void ended() {
            if (!started) {
                workers--;
            }
            if (task != null) {
                String lost = taskName;
                task = null;
                slotFreed();
                LOG.log(System.Logger.Level.WARNING, "task '" + lost + "' of " + WirePool.this
                        + " did not run: its worker wire was cancelled before the task started; its slot is free again");
            }
        }

        @Override
        public void run() {
            Waiter me = waiter = Waiter.current("WirePool worker");
            started = true;
            try {
                for (;;) {
                    while (task == null) {
                        if (closed || wire.isCancelled()) {
                            return;
                        }
                        me.parkIdle(idleSite);
                    }
                    Runnable t = task;
                    boolean cancelled = false;
                    try {
                        t.run();
                    } catch (WireCancelledException e) {
                        cancelled = wire.isCancelled();
                        if (!cancelled) {
                            me.reportFailure(e);
                        }
                    } catch (Throwable e) {
                        me.reportFailure(e);
                    } finally {
                        task = null;
                        me.rename(idleName);
                        slotFreed();
                    }
                    if (cancelled || closed || wire.isCancelled()) {
                        return;
                    }
                    idle[idleCount++] = this;
                }
            } finally {
                removeIdle(this);
                workers--;
            }
        }
    }
}
