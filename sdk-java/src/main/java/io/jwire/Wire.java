package io.jwire;

import io.jwire.internal.Chain;
import io.jwire.internal.Checks;
import io.jwire.internal.Coroutine;
import io.jwire.internal.PinnedException;
import io.jwire.internal.Timer;
import io.jwire.internal.Waiter;
import io.jwire.spi.WirePoller;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;

/**
 * A lightweight cooperative thread (libwire's {@code wire_t}). A wire runs on its
 * {@link WireScheduler}'s thread until it yields, suspends, sleeps or waits; the scheduler then
 * runs the next ready wire, strictly first in, first out. Wires of one scheduler never run in
 * parallel, so they share state without Java locks.
 *
 * <pre>{@code
 * WireScheduler scheduler = WireScheduler.create();
 * scheduler.spawn("ping", () -> {
 *     for (int i = 0; i < 3; i++) {
 *         System.out.println("ping " + i);
 *         Wire.yieldNow();
 *     }
 * });
 * scheduler.spawn("pong", () -> {
 *     for (int i = 0; i < 3; i++) {
 *         System.out.println("pong " + i);
 *         Wire.yieldNow();
 *     }
 * });
 * scheduler.run();   // ping 0, pong 0, ping 1, pong 1, ping 2, pong 2
 * }</pre>
 *
 * <p><b>Never block the carrier.</b> Inside a wire, {@code Thread.sleep}, blocking sockets, or a
 * {@code synchronized} block or {@code java.util.concurrent} lock held across a switch stall every
 * wire of the scheduler. Use {@link #sleep(Duration)}, jwire's channels, locks and waits, and
 * delegate other blocking calls.
 *
 * <p><b>Threads.</b> The static methods act on the calling wire and throw
 * {@link NotInWireException} outside one. {@link #resume()}, {@link #cancel()}, {@link #name()},
 * {@link #state()} and {@link #isCancelled()} are safe from any thread; {@link #join()} is for
 * wires of the same scheduler.
 *
 * <p><b>Related.</b> A wire that computes a value has a {@link WireTask} handle
 * ({@link WireScheduler#spawnTask}); children bound to a block are forked into a
 * {@link WireScope}; plain threads hand work to wires with {@link WireScheduler#submit} and wires
 * wait for futures with {@link WireFutures#await}.
 */
public final class Wire {
    private static final VarHandle STATE;
    private static final VarHandle NAME;
    /**
     * {@code -Djwire.checkLocks=true}: before every switch, ask the JVM whether the carrier holds a
     * monitor or a {@code java.util.concurrent} lock, and refuse the switch if so. Off by default:
     * it costs tens of microseconds per switch (see {@link LockCheck}).
     */
    static final boolean CHECK_LOCKS = Boolean.getBoolean("jwire.checkLocks");
    /**
     * {@code -Djwire.maxStackFrames} (default 20,000; 0 turns it off): the deepest stack a wire may
     * have. A suspended wire's frames live on the heap, so without a limit a recursion that
     * switches never overflows and only ends when the whole JVM runs out of memory. The depth is
     * checked every 65,536 switches of a wire (a counter per switch; the stack walk, which
     * allocates a few kilobytes, is amortised to well under a byte per switch), so a wire may go
     * that many switches beyond the limit before it fails. On the virtual-thread switch a wire's
     * own thread stack also bounds it (a plain {@code StackOverflowError}).
     */
    static final int MAX_STACK_FRAMES = Integer.getInteger("jwire.maxStackFrames", 20_000);
    static final int STACK_CHECK_MASK = (1 << 16) - 1;
    private static final StackWalker WALKER = StackWalker.getInstance();

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Wire.class, "state", WireState.class);
            NAME = MethodHandles.lookup().findVarHandle(Wire.class, "name", String.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        Waiter.install(new Waiter.Access() {
            @Override
            public Waiter current(String call) {
                return currentFor(call).waiter();
            }

            @Override
            public Waiter runningOn(Object scheduler) {
                WireScheduler s = (WireScheduler) scheduler;
                Wire w;
                return s.ownerThread() == Thread.currentThread() && (w = s.current) != null ? w.waiter() : null;
            }

            @Override
            public Object currentScheduler() {
                return WireScheduler.CURRENT.get();
            }

            @Override
            public WirePoller currentPoller() {
                WireScheduler s = WireScheduler.CURRENT.get();
                return s == null ? null : s.poller();
            }

            @Override
            public void onEnd(Object wire, Runnable action) {
                ((Wire) wire).onEnd = action;
            }

            @Override
            public RuntimeException notInWire(String message) {
                return new NotInWireException(message);
            }

            @Override
            public String currentWireName() {
                WireScheduler s = WireScheduler.CURRENT.get();
                Wire w = s == null ? null : s.current;
                return w == null ? null : w.name;
            }
        });
    }

    final WireScheduler scheduler;
    /** Volatile: pool workers take the name of the task they run ({@link #rename}). */
    private volatile String name;
    private final Runnable body;
    /** The value-producing handle this wire runs instead of {@link #body}, or null. */
    final WireTask<?> task;
    /** The coroutine it runs on: null until it first runs, then its {@link Runner}'s until it ends. */
    Coroutine coroutine;
    @SuppressWarnings("unused") // accessed through STATE
    private WireState state = WireState.READY;

    /** Next in the scheduler's ready queue. */
    Wire nextReady;
    /** Neighbours in the scheduler's list of live wires. */
    final Live live = new Live(this);

    /** A resume that arrived while the wire was not suspended; the next suspend returns at once. */
    private boolean permit;
    private volatile boolean cancelled;
    private boolean cancelDelivered;
    /** What the wire waits on while suspended, for dumps and stuck reports. */
    private Object waitingOn;
    private Throwable failure;
    /** Ended by the cancellation it was given (also when cancelled before it started). */
    private boolean endedByCancel;
    /** Its failure was handed to someone (a join, a task handle): run() does not throw it. Any thread writes. */
    volatile boolean failureObserved;
    /** The innermost {@link WireScope} this wire has opened and not yet closed; outer ones chain through it. */
    WireScope openScope;
    private SleepTimer sleepTimer;
    /** Run on the scheduler's thread when the wire ends, however it ends (even cancelled before it started). */
    private Runnable onEnd;
    /** Switches out since the wire started, for the amortised stack depth check. */
    private int switchOuts;
    /** Parked idle (a pool worker waiting for work): neither keeps run() going nor counts as stuck. */
    boolean idle;
    private ArrayList<Wire> joiners;

    /** This wire's node of the wait layer, made at its first wait. */
    private Node waiter;

    Wire(WireScheduler scheduler, String name, Runnable body, WireTask<?> task) {
        this.scheduler = scheduler;
        // A plain store: a volatile one would fence every spawn. The wire reaches other threads
        // only through the scheduler's queues and locks, which publish it with its name.
        NAME.set(this, name);
        this.body = body;
        this.task = task;
    }

    // ---------------------------------------------------------------- static, for the running wire

    /**
     * The running wire.
     *
     * @return the wire whose code is running on the calling thread
     * @throws NotInWireException when not called from inside a wire
     */
    public static Wire current() {
        return currentFor("Wire.current()");
    }

    /**
     * Whether the calling code runs inside a wire. Any thread.
     *
     * @return true inside a wire's body (or code it calls), false elsewhere
     */
    public static boolean inWire() {
        WireScheduler s = WireScheduler.CURRENT.get();
        return s != null && s.current != null;
    }

    /**
     * Lets every other ready wire run once, then continues (libwire {@code wire_yield}): the
     * calling wire goes to the back of the ready queue. When no other wire is ready and no timer,
     * task or event is due, it returns at once without a switch.
     *
     * @throws NotInWireException outside a wire
     * @throws WireCancelledException when the wire has been cancelled
     */
    public static void yieldNow() {
        Wire w = currentFor("Wire.yieldNow()");
        w.deliverCancel();
        WireScheduler s = w.scheduler;
        if (!s.hasOtherWork()) {
            return;
        }
        w.setState(WireState.READY); // the scheduler appends it to the ready queue once it is out
        w.switchOut();
        w.deliverCancel();
    }

    /**
     * Suspends the calling wire until something {@linkplain #resume() resumes} it (libwire
     * {@code wire_suspend}). A resume that came while the wire was running is kept (one, like
     * {@link java.util.concurrent.locks.LockSupport#park() park}'s permit), so this returns at once.
     * Like {@code park}, callers should re-check the condition they wait for in a loop.
     *
     * @throws NotInWireException outside a wire
     * @throws WireCancelledException when the wire is or gets cancelled
     */
    public static void suspend() {
        currentFor("Wire.suspend()").park("Wire.suspend()");
    }

    /**
     * Like {@link #suspend()}, and records {@code waitingOn} (its {@code toString()}) as what the
     * wire waits for, shown by {@link WireScheduler#dump()} and in stuck reports. jwire's own waits
     * use this; so can libraries built on {@link #suspend()}.
     *
     * @param waitingOn what the wire waits for; not null
     * @throws NotInWireException outside a wire
     * @throws WireCancelledException when the wire is or gets cancelled
     */
    public static void suspend(Object waitingOn) {
        Objects.requireNonNull(waitingOn, "waitingOn");
        currentFor("Wire.suspend(Object)").park(waitingOn);
    }

    /**
     * Suspends the calling wire for {@code duration} (libwire {@code wire_fd_wait_msec}); other
     * wires run meanwhile. The scheduler keeps one timer heap, so a sleep costs no OS timer. A
     * zero duration is a {@link #yieldNow()}. The wire never wakes early.
     *
     * @param duration how long to sleep; zero or more
     * @throws IllegalArgumentException when {@code duration} is negative
     * @throws NotInWireException outside a wire
     * @throws WireCancelledException when the wire is cancelled while sleeping
     */
    public static void sleep(Duration duration) {
        Wire w = currentFor("Wire.sleep(Duration)");
        long deadline = Checks.deadlineAfter(duration, "Wire.sleep(Duration)");
        if (duration.isZero()) {
            yieldNow();
            return;
        }
        w.sleepUntil(deadline);
    }

    /** Sleeps the running wire (this) until {@code deadline} in {@link System#nanoTime()} units. */
    void sleepUntil(long deadline) {
        deliverCancel();
        while (parkUntil(SLEEP, deadline)) {
            // woken early (a stray resume): sleep on until the deadline
        }
    }

    /**
     * The one way a wire blocks with a deadline: parks the running wire (this) on {@code on} until
     * it is resumed or {@code deadline} ({@link System#nanoTime()} units) passes, arming its own
     * reusable timer, so a timed wait allocates nothing.
     *
     * @return false when the deadline has passed, true when the wire was resumed before it
     */
    boolean parkUntil(Object on, long deadline) {
        // A deadline already passed still parks until the timer fires at the scheduler's next
        // turn: timed wakes then keep deadline order, ties in arm order.
        SleepTimer t = sleepTimer;
        if (t == null) {
            t = sleepTimer = new SleepTimer(this);
        }
        t.on = on;
        scheduler.timers.add(t, deadline);
        try {
            park(t);
        } finally {
            scheduler.timers.remove(t);
            t.on = null;
        }
        return deadline - System.nanoTime() > 0;
    }

    /** This wire's wait-layer node. */
    Waiter waiter() {
        Node n = waiter;
        return n != null ? n : (waiter = new Node());
    }

    // ---------------------------------------------------------------- instance

    /**
     * The wire's name. Any thread.
     *
     * @return the name given at spawn (a pool worker carries the name of the task it runs)
     */
    public String name() {
        return name;
    }

    /**
     * The scheduler this wire belongs to. Any thread.
     *
     * @return the scheduler that spawned this wire
     */
    public WireScheduler scheduler() {
        return scheduler;
    }

    /**
     * The wire's state now; from another thread, a snapshot that may be out of date at once. Any thread.
     *
     * @return ready, running, suspended or ended
     */
    public WireState state() {
        return (WireState) STATE.getAcquire(this);
    }

    /**
     * Whether {@link #cancel()} has been called. Any thread.
     *
     * @return true once the wire has been cancelled, also after it ended
     */
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Makes a suspended wire ready again, at the back of the ready queue (libwire
     * {@code wire_resume}). If the wire is not suspended, the resume is kept and its next suspend
     * returns at once. From another thread, the resume goes through the scheduler's thread-safe
     * inbox and wakes an idle scheduler; hold a {@link KeepAlive} while such a resume may still come.
     *
     * <p>Any thread.
     *
     * @throws WireEndedException when the wire has ended
     */
    public void resume() {
        if (state() == WireState.ENDED) {
            throw ended("resume()");
        }
        if (scheduler.isOwnerThread()) {
            resumeLocal();
        } else {
            scheduler.post(this::resumeFromInbox);
        }
    }

    /**
     * Cancels the wire (libwire {@code wire_cancel}): it gets a {@link WireCancelledException} at
     * its next switch-in, including when it is suspended or sleeping (it is woken for that), so
     * its {@code finally} blocks run and it ends. A wire cancelled before it started ends without
     * running its body. Cancelling an ended wire does nothing.
     *
     * <p>Each call delivers: a wire that catches the exception and goes on gets another one at its
     * next switch after the next {@code cancel()}. {@link #isCancelled()} stays true once cancelled.
     *
     * <p>Any thread; from another thread the cancel goes through the scheduler's inbox.
     */
    public void cancel() {
        if (state() == WireState.ENDED) {
            return;
        }
        if (scheduler.isOwnerThread()) {
            cancelLocal();
        } else {
            scheduler.post(this::cancelLocal);
        }
    }

    /**
     * Suspends the calling wire until this wire ends. Returns normally if it ended normally or by
     * cancellation. A failure thrown from here is taken over: {@link WireScheduler#run()} does not
     * throw it. For a wire's value, spawn it with {@link WireScheduler#spawnTask} and join its
     * {@link WireTask}.
     *
     * @throws WireFailedException when this wire ended with an exception (the cause)
     * @throws NotInWireException outside a wire
     * @throws IllegalStateException when a wire joins itself, or a wire of another scheduler
     * @throws WireCancelledException when the calling wire is cancelled while it waits
     */
    public void join() {
        awaitEnd("Wire.join()");
        if (failure != null) {
            throw failedException();
        }
    }

    /**
     * Describes the wire for logs and messages. Any thread.
     *
     * @return {@code Wire[NAME, STATE]}
     */
    @Override
    public String toString() {
        return "Wire[" + name + ", " + state() + "]";
    }

    // ---------------------------------------------------------------- package-private machinery

    /**
     * Suspends the calling wire until this wire has ended (the wait of every join).
     *
     * @param call the API call, for messages
     */
    void awaitEnd(String call) {
        Wire me = currentFor(call);
        if (me == this) {
            throw new IllegalStateException("wire '" + name + "' cannot join itself (" + call + "): it would wait forever");
        }
        if (me.scheduler != scheduler) {
            throw new IllegalStateException("wire '" + me.name + "' of " + me.scheduler + " called " + call
                    + " on wire '" + name + "' of " + scheduler + ": a wire joins only wires of its own scheduler; "
                    + "use scheduler.submit(...) and WireFutures.await(...) across schedulers");
        }
        me.deliverCancel();
        if (state() != WireState.ENDED) {
            if (joiners == null) {
                joiners = new ArrayList<>(2);
            }
            joiners.add(me);
            Joining site = new Joining(this); // one per join call, not per switch
            try {
                while (state() != WireState.ENDED) {
                    me.park(site);
                }
            } finally {
                joiners.remove(me);
            }
        }
    }

    /**
     * The failure as a {@link WireFailedException} for whoever takes it over (a join); the
     * failure then counts as observed, so {@link WireScheduler#run()} does not throw it.
     */
    WireFailedException failedException() {
        failureObserved = true;
        return new WireFailedException("wire '" + name + "' failed: " + failure, failure);
    }

    static Wire currentFor(String call) {
        WireScheduler s = WireScheduler.CURRENT.get();
        Wire w;
        if (s == null || (w = s.current) == null) {
            throw NotInWireException.of(call);
        }
        return w;
    }

    void setState(WireState s) {
        STATE.setRelease(this, s);
    }

    /** Runs the user's body on the wire's runner and records how it ended. */
    void main() {
        if (scheduler.switchLayer.separateThreads()) {
            WireScheduler.CURRENT.set(scheduler);
        }
        try {
            deliverCancel();
            if (task != null) {
                task.runBody();
            } else {
                body.run();
            }
        } catch (WireCancelledException e) {
            if (cancelled) {
                endedByCancel = true;
            } else {
                failure = e;
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    /** Suspends the running wire (this), recording what it waits on. */
    void park(Object on) {
        deliverCancel();
        if (permit) {
            permit = false;
            return;
        }
        setState(WireState.SUSPENDED);
        waitingOn = on;
        switchOut();
        waitingOn = null;
        deliverCancel();
    }

    /**
     * Puts the running wire (this) at the back of the ready queue and switches, without
     * delivering a cancel: a sender that has handed its value over lets the receiver run first,
     * and a pending cancel then arrives at its next wait.
     */
    void requeue() {
        setState(WireState.READY);
        switchOut();
    }

    /**
     * Re-arms a cancel that was thrown out of a wait whose operation had already completed
     * (a value handed over, a lock granted): the operation returns normally and the wire gets the
     * cancel at its next switch instead, so nothing is lost.
     */
    void deferCancel() {
        if (cancelled) {
            cancelDelivered = false;
        }
    }

    /** Renames the wire (pool workers take the name of their task). Owner thread. */
    void rename(String newName) {
        this.name = newName;
    }

    private void switchOut() {
        if (CHECK_LOCKS) {
            LockCheck.beforeSwitch(this);
        }
        if ((++switchOuts & STACK_CHECK_MASK) == 0 && MAX_STACK_FRAMES > 0) {
            checkStackDepth();
        }
        try {
            scheduler.switchLayer.yieldCurrent(coroutine);
        } catch (PinnedException e) {
            waitingOn = null;
            setState(WireState.RUNNING);
            throw new WirePinnedException("wire '" + name + "' " + e.getMessage());
        }
    }

    /**
     * Fails the wire with a {@link StackOverflowError} naming it when its stack is deeper than
     * {@link #MAX_STACK_FRAMES} (libwire's stack fault detector): it unwinds, its {@code finally}
     * blocks run, it is reported like any overflow, and the other wires go on.
     */
    private void checkStackDepth() {
        int limit = MAX_STACK_FRAMES;
        if (WALKER.walk(frames -> frames.skip(limit).findAny().isPresent())) {
            throw new StackOverflowError("wire '" + name + "' is deeper than its limit of " + limit
                    + " stack frames (its suspended frames live on the heap, so jwire enforces the limit); "
                    + "recurse less, or raise -Djwire.maxStackFrames");
        }
    }

    private void deliverCancel() {
        if (cancelled && !cancelDelivered) {
            cancelDelivered = true;
            permit = false;
            throw new WireCancelledException("wire '" + name + "' was cancelled");
        }
    }

    /** Resume on the owner thread: a suspended wire becomes ready, a running or ready one keeps a permit. */
    void resumeLocal() {
        switch (state()) {
            case SUSPENDED -> {
                setState(WireState.READY);
                scheduler.enqueue(this);
            }
            case ENDED -> throw ended("resume()");
            default -> permit = true;
        }
    }

    private void resumeFromInbox() {
        if (state() != WireState.ENDED) {
            resumeLocal();
        }
    }

    /** Delivers a cancel on the owner thread: each call arms one more {@link WireCancelledException}. */
    void cancelLocal() {
        if (state() == WireState.ENDED) {
            return;
        }
        cancelled = true;
        cancelDelivered = false;
        if (state() == WireState.SUSPENDED) {
            setState(WireState.READY);
            scheduler.enqueue(this);
        }
        for (WireScope s = openScope; s != null; s = s.outer) {
            s.cancelChildren(); // each cancel reaches the whole tree below, so finally blocks run bottom-up
        }
    }

    /** Called by the scheduler once the wire's body has ended. */
    void ended() {
        setState(WireState.ENDED);
        waitingOn = null;
        if (openScope != null) {
            WireScope.ownerEnded(this); // a scope left open: its children must not outlive it
        }
        Runnable hook = onEnd;
        if (hook != null) {
            onEnd = null;
            try {
                hook.run();
            } catch (Throwable t) {
                scheduler.report(this, t);
            }
        }
        if (sleepTimer != null) {
            scheduler.timers.remove(sleepTimer);
        }
        if (joiners != null) {
            for (Wire j : joiners) {
                j.resumeLocal(); // only makes it ready: it leaves the list itself when it runs
            }
        }
    }

    Throwable failure() {
        return failure;
    }

    /** Whether the wire ended by the cancellation it was given; meaningful once ENDED. */
    boolean endedByCancel() {
        return endedByCancel;
    }

    Object waitingOn() {
        return waitingOn;
    }

    private WireEndedException ended(String call) {
        return new WireEndedException("wire '" + name + "' has ended, so " + call
                + " has nothing to act on; check state() or keep the wire alive until it is resumed");
    }

    /** Its coroutine's stack (empty before it first ran and after it ended), for dumps and reports. */
    StackTraceElement[] stackTrace() {
        Coroutine c = coroutine;
        return c == null ? new StackTraceElement[0] : c.stackTrace();
    }

    /** The next wire in its scheduler's list of live wires, or null. */
    Wire nextLive() {
        Live n = live.next();
        return n == null ? null : n.wire;
    }

    /** A wire's node in its scheduler's chain of live wires. */
    static final class Live extends Chain.Link<Live> {
        final Wire wire;

        Live(Wire wire) {
            this.wire = wire;
        }
    }

    /** What a sleeping wire waits on, for dumps. */
    private static final Object SLEEP = new Object() {
        @Override
        public String toString() {
            return "sleep";
        }
    };

    /**
     * A wire's one reusable timer for every timed park; its toString is what dumps show: what the
     * wire waits on and the time left.
     */
    private static final class SleepTimer extends Timer {
        private final Wire wire;
        /** What the timed park waits on. */
        Object on;

        SleepTimer(Wire wire) {
            this.wire = wire;
        }

        @Override
        protected void fire() {
            wire.resumeLocal();
        }

        @Override
        public String toString() {
            long left = deadline() - System.nanoTime();
            return isArmed() ? on + " (" + Math.max(0, left / 1_000_000) + " ms left)" : String.valueOf(on);
        }
    }

    /** The wire's node of the wait layer: how blocking sites of upper layers park and wake it. */
    private final class Node extends Waiter {
        @Override
        public void park(Object blocker) {
            Wire.this.park(blocker);
        }

        @Override
        public boolean parkUntil(Object blocker, long deadline) {
            return Wire.this.parkUntil(blocker, deadline);
        }

        @Override
        public void parkIdle(Object blocker) {
            scheduler.idleWires++;
            idle = true;
            try {
                Wire.this.park(blocker);
            } finally {
                idle = false;
                scheduler.idleWires--;
            }
        }

        @Override
        public void wake() {
            resumeLocal();
        }

        @Override
        public boolean unwakeIfNext() {
            if (!idle || permit || cancelled || !scheduler.unqueueHead(Wire.this)) {
                return false;
            }
            setState(WireState.SUSPENDED);
            return true;
        }

        @Override
        public void requeue() {
            Wire.this.requeue();
        }

        @Override
        public void deferCancel() {
            Wire.this.deferCancel();
        }

        @Override
        public boolean isCancellation(Throwable t) {
            return t instanceof WireCancelledException;
        }

        @Override
        public void rename(String newName) {
            Wire.this.rename(newName);
        }

        @Override
        public void reportFailure(Throwable failure) {
            scheduler.report(Wire.this, failure);
        }

        @Override
        public String wireName() {
            return name;
        }

        @Override
        public Object scheduler() {
            return scheduler;
        }

        @Override
        public WirePoller poller() {
            return scheduler.poller();
        }

        @Override
        public void post(Runnable task) {
            scheduler.post(task);
        }

        @Override
        public Object wire() {
            return Wire.this;
        }

        @Override
        public String toString() {
            return "waiter of wire '" + name + "'";
        }
    }

    /** What a joining wire waits on, for dumps. */
    private record Joining(Wire target) {
        @Override
        public String toString() {
            return "join of wire '" + target.name + "'";
        }
    }
}
