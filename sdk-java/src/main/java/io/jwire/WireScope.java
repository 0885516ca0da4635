package io.jwire;

import io.jwire.internal.Checks;
import io.jwire.internal.Confinement;
import io.jwire.internal.ScopeAccess;
import io.jwire.internal.Timer;
import io.jwire.internal.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Structured concurrency for wires: a wire opens a scope, {@linkplain #fork forks} child wires
 * into it, and {@linkplain #join() joins} them; no child outlives the scope. It lives in
 * {@code io.jwire} beside {@link Wire} and {@link WireTask} because it is made of wires and
 * reaches into their cancellation.
 *
 * <pre>{@code
 * scheduler.spawn("main", () -> {
 *     try (WireScope scope = WireScope.open()) {
 *         WireTask<String> user = scope.fork("user", () -> loadUser(id));     // may throw IOException
 *         WireTask<List<Order>> orders = scope.fork("orders", () -> loadOrders(id));
 *         scope.join();             // both ended; the first failure cancelled the other and is thrown here
 *         render(user.resultNow(), orders.resultNow());
 *     }
 * });
 * }</pre>
 *
 * <p><b>Policies.</b> {@link #open()} makes a <em>fail-fast</em> scope: the first child that fails
 * cancels its siblings (and children forked later start cancelled), and {@link #join()} throws
 * that failure as the cause of a {@link WireFailedException}, with failures of other children
 * suppressed. {@link #openSupervisor()} makes a <em>supervisor</em> scope: a failure cancels
 * nothing, the siblings run on, and {@code join()} throws once every child has ended, with the
 * first failure as cause and every later one suppressed. Children that end by cancellation are not
 * failures. A child's failure belongs to its scope: it is not logged, not passed to the
 * scheduler's exception handler, and never thrown by {@link WireScheduler#run()}.
 *
 * <p><b>Deadline.</b> {@link #open(Duration)} and {@link #openSupervisor(Duration)} give the
 * scope a deadline: when it passes, the children still running are cancelled, later forks start
 * cancelled, and {@code join()} (if it had not returned yet) throws a
 * {@link WireTimeoutException}.
 *
 * <p><b>Cancellation.</b> Cancelling the owner wire (the one that opened the scope) cancels
 * every child at once, and through their own scopes every wire below; each waits for its children
 * in {@code join()} or {@code close()}, so {@code finally} blocks run bottom-up, children before
 * their owner. {@link #cancel()} cancels the children without cancelling the owner (the owner
 * then joins normally): "the answer is in, stop the rest".
 *
 * <p><b>Closing.</b> Use try-with-resources and call {@code join()} at the end of the block.
 * {@link #close()} cancels the children still running, waits for them to end, and closes the
 * scope; it throws {@link IllegalStateException} when it had to cancel children although the owner
 * was not cancelled (no {@code join()}, or the block threw first; in the latter case it is
 * suppressed by the block's exception). A scope left open when its owner ends is closed then:
 * its children are cancelled and the owner is reported as failed.
 *
 * <p><b>Dumps.</b> {@link WireScheduler#dump()} and the stuck report of
 * {@link WireDeadlockException} end with the scope tree: each owner wire, its open scopes, and
 * their live children with their states, nested.
 *
 * <p><b>Threads.</b> A scope belongs to its owner wire's scheduler. {@link #join()} and
 * {@link #close()} are for the owner wire; {@link #fork} and {@link #cancel()} for any wire (or
 * task) of that scheduler, such as a child forking a sibling; the other methods for any thread.
 */
public final class WireScope implements AutoCloseable {
    private static final int MAX_CHILDREN_SHOWN = 20;

    static {
        ScopeAccess.install(new ScopeAccess.Access() {
            @Override
            public void deferOwnerCancel(Object scope) {
                ((WireScope) scope).ownerCancelDeferred = true;
            }

            @Override
            public void leaveFailuresUnobserved(Object scope) {
                ((WireScope) scope).failuresLeftUnobserved = true;
            }

            @Override
            public Object openFor(Object owner, boolean supervisor) {
                Wire w = (Wire) owner;
                if (!w.scheduler.isOwnerThread() || w.state() == WireState.ENDED) {
                    throw new IllegalStateException("cannot open a scope for wire '" + w.name() + "' (" + w.state()
                            + ") on thread '" + Thread.currentThread().getName() + "': open it on its scheduler's "
                            + "thread while the wire lives");
                }
                return new WireScope(w, supervisor, null, 0);
            }
        });
    }

    private final WireScheduler scheduler;
    private final Wire owner;
    private final boolean supervisor;
    private final Confinement confinement;
    /** The next scope out among those the owner has open (the owner's stack of scopes). */
    WireScope outer;
    /** Live children, in fork order. */
    private WireTask<?> head;
    private WireTask<?> tail;
    private int live;
    private int forked;
    private Throwable firstFailure;
    private String firstFailedName;
    private ArrayList<Throwable> laterFailures;
    private int failures;
    /** Children are cancelled and later forks start cancelled. */
    private boolean cancelled;
    private boolean timedOut;
    private boolean closing;
    private boolean closed;
    /** The owner ended without closing it. */
    private boolean abandoned;
    /** join() returned (or threw its outcome) since the last fork. */
    private boolean joined;
    /** A cancel of the owner reaches the children through its join() or close() (see {@link ScopeAccess}). */
    private boolean ownerCancelDeferred;
    /** A failure of a child still counts for run() when reported to the scheduler (see {@link ScopeAccess}). */
    private boolean failuresLeftUnobserved;
    private final Deadline deadline;
    private final Duration timeout;
    /** Takes each child's end over (see {@link WireTask.Owner}). */
    private final WireTask.Owner children = new WireTask.Owner() {
        @Override
        public void taskEnded(WireTask<?> task) {
            childEnded(task);
        }

        @Override
        public WireScope scope() {
            return WireScope.this;
        }
    };
    /** What the owner waits on in join() and close(), as dumps show it. */
    private final Object joinSite = new Object() {
        @Override
        public String toString() {
            return "join of " + WireScope.this + " (" + live + " of " + forked + " children running)";
        }
    };

    private WireScope(Wire owner, boolean supervisor, Duration timeout, long deadlineNanos) {
        this.owner = owner;
        this.scheduler = owner.scheduler;
        this.supervisor = supervisor;
        this.confinement = new Confinement(scheduler);
        this.timeout = timeout;
        this.outer = owner.openScope;
        owner.openScope = this;
        if (timeout != null) {
            deadline = new Deadline();
            scheduler.timers.add(deadline, deadlineNanos);
        } else {
            deadline = null;
        }
    }

    /**
     * Opens a fail-fast scope owned by the calling wire.
     *
     * @return the open scope; close it (try-with-resources) to join its children
     * @throws NotInWireException outside a wire
     */
    public static WireScope open() {
        return open(false, null, "WireScope.open()");
    }

    /**
     * Opens a fail-fast scope owned by the calling wire, with a deadline {@code timeout} from now.
     *
     * <pre>{@code
     * try (WireScope scope = WireScope.open(Duration.ofMillis(500))) {
     *     WireTask<Quote> a = scope.fork("a", () -> quote(a));
     *     WireTask<Quote> b = scope.fork("b", () -> quote(b));
     *     scope.join();        // WireTimeoutException after 500 ms
     *     return best(a.resultNow(), b.resultNow());
     * }
     * }</pre>
     *
     * @param timeout how long from now until the scope's deadline; zero or more
     * @return the open scope; close it (try-with-resources) to join its children
     * @throws IllegalArgumentException when {@code timeout} is negative
     * @throws NotInWireException outside a wire
     */
    public static WireScope open(Duration timeout) {
        return open(false, timeout, "WireScope.open(Duration)");
    }

    /**
     * Opens a supervisor scope owned by the calling wire: a child's failure cancels nothing.
     *
     * @return the open scope; close it (try-with-resources) to join its children
     * @throws NotInWireException outside a wire
     */
    public static WireScope openSupervisor() {
        return open(true, null, "WireScope.openSupervisor()");
    }

    /**
     * Opens a supervisor scope owned by the calling wire, with a deadline {@code timeout} from now.
     *
     * @param timeout how long from now until the scope's deadline; zero or more
     * @return the open scope; close it (try-with-resources) to join its children
     * @throws IllegalArgumentException when {@code timeout} is negative
     * @throws NotInWireException outside a wire
     */
    public static WireScope openSupervisor(Duration timeout) {
        return open(true, timeout, "WireScope.openSupervisor(Duration)");
    }

    private static WireScope open(boolean supervisor, Duration timeout, String call) {
        Wire me = (Wire) Waiter.current(call).wire();
        long deadline = timeout == null ? 0 : Checks.deadlineAfter(timeout, call);
        return new WireScope(me, supervisor, timeout, deadline);
    }

    /**
     * Starts a child wire that computes a value, appended to the ready queue like
     * {@link WireScheduler#spawn}; in a cancelled scope (a failure under fail-fast, a passed
     * deadline, {@link #cancel()}) it starts cancelled and ends without running its body.
     *
     * @param <T> the child's value type
     * @param name the child wire's name; not null
     * @param body what it computes; may throw checked exceptions; not null
     * @return the child's handle: its value once the scope has joined ({@link WireTask#resultNow()})
     * @throws IllegalStateException when the scope is closing or closed, or when called off the
     *         scope's scheduler
     * @throws SchedulerClosedException when the scheduler is closed
     */
    public <T> WireTask<T> fork(String name, Callable<? extends T> body) {
        confinement.check(this, "fork()");
        if (closing) {
            throw new IllegalStateException("cannot fork '" + name + "' into " + this + ": it is "
                    + (closed ? "closed" : "closing") + "; fork before join() and close()");
        }
        WireTask<T> t = scheduler.spawnTask(name, body, children, "WireScope.fork");
        t.prevSibling = tail;
        if (tail != null) {
            tail.nextSibling = t;
        } else {
            head = t;
        }
        tail = t;
        live++;
        forked++;
        joined = false;
        if (cancelled) {
            t.wire.cancelLocal();
        }
        return t;
    }

    /**
     * Like {@link #fork(String, Callable)}, for a body without a value.
     *
     * @param name the child wire's name; not null
     * @param body what it runs; not null
     * @return the child's handle, whose value is null
     * @throws IllegalStateException when the scope is closing or closed, or when called off the
     *         scope's scheduler
     * @throws SchedulerClosedException when the scheduler is closed
     */
    public WireTask<Void> fork(String name, Runnable body) {
        Objects.requireNonNull(body, () -> "WireScope.fork(\"" + name + "\", body) got a null body");
        return fork(name, () -> {
            body.run();
            return null;
        });
    }

    /**
     * Suspends the owner wire until every child has ended, then reports the outcome: returns
     * normally when no child failed, otherwise throws (see the class comment for the policies).
     * Call it again after more forks.
     *
     * @throws WireFailedException when a child failed: the first failure is the cause, later ones
     *         are suppressed
     * @throws WireTimeoutException when the scope's deadline passed before this returned (child
     *         failures suppressed)
     * @throws WireCancelledException when the owner is cancelled; it is thrown only once every
     *         child has ended (they are cancelled with it)
     * @throws IllegalStateException when called by a wire other than the owner
     * @throws NotInWireException outside a wire
     */
    public void join() {
        Waiter me = checkOwner("WireScope.join()");
        try {
            awaitChildren(me);
        } finally {
            joined = true; // the outcome is reported now, by this join or with the owner's cancellation
        }
        throwOutcome();
    }

    /**
     * Cancels every child still running (each gets a {@link WireCancelledException}, and so does
     * every wire below it), and makes later forks start cancelled. The owner is not cancelled: its
     * {@link #join()} returns once the children have ended, normally unless one failed. Does not
     * wait.
     *
     * @throws IllegalStateException when called off the scope's scheduler
     */
    public void cancel() {
        confinement.check(this, "cancel()");
        cancelAll();
    }

    /**
     * Closes the scope: cancels the children still running and waits until they have ended.
     * After a {@link #join()} that saw every child end, it only closes. Idempotent.
     *
     * @throws IllegalStateException when children were still running (they were cancelled) although
     *         the owner was not cancelled: call {@code join()} before the end of the block; child
     *         failures are suppressed
     * @throws WireFailedException when children failed and {@code join()} did not report it
     * @throws WireTimeoutException when the deadline passed and {@code join()} did not report it
     * @throws WireCancelledException when the owner is cancelled while it waits for the children
     *         (thrown once they have ended)
     * @throws IllegalStateException when called by a wire other than the owner
     * @throws NotInWireException outside a wire
     */
    @Override
    public void close() {
        Waiter me = checkOwner("WireScope.close()");
        if (closed) {
            return;
        }
        closing = true;
        int running = live;
        try {
            if (running > 0) {
                cancelAll();
                awaitChildren(me); // a cancel of the owner is thrown from here, failures suppressed
            }
        } finally {
            closed = true;
            unlinkFromOwner();
            if (deadline != null) {
                scheduler.timers.remove(deadline);
            }
        }
        if (running > 0 && !owner.isCancelled()) {
            IllegalStateException e = new IllegalStateException(this + " was closed while " + running
                    + " of its children were still running, so they were cancelled: call join() at the end of the "
                    + "try block to wait for them (when the block threw, this only records that cancellation)");
            suppressFailures(e);
            throw e;
        }
        if (!joined) {
            throwOutcome();
        }
    }

    /**
     * Whether this is a supervisor scope. Any thread.
     *
     * @return true for a supervisor scope, false for a fail-fast one
     */
    public boolean isSupervisor() {
        return supervisor;
    }

    /**
     * The wire that opened the scope. Any thread.
     *
     * @return the owner
     */
    public Wire owner() {
        return owner;
    }

    /**
     * The number of children still running; a snapshot from another thread. Any thread.
     *
     * @return how many children have not ended
     */
    public int liveChildren() {
        return live;
    }

    /**
     * Whether the scope cancels its children and starts later forks cancelled: after a failure
     * under fail-fast, a passed deadline, {@link #cancel()}, or a cancel of the owner. Any thread.
     *
     * @return true once the scope is cancelled
     */
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Describes the scope for dumps and messages. Any thread.
     *
     * @return its policy and the wire that owns it
     */
    @Override
    public String toString() {
        return (supervisor ? "supervisor" : "fail-fast") + " scope of wire '" + owner.name() + "'";
    }

    // ---------------------------------------------------------------- machinery (scheduler thread)

    private Waiter checkOwner(String call) {
        Waiter me = Waiter.current(call);
        if (me.wire() != owner) {
            throw new IllegalStateException("wire '" + me.wireName() + "' called " + call + " on " + this
                    + ": only the wire that opened a scope joins and closes it");
        }
        return me;
    }

    /**
     * Parks the owner until no child is live. A cancel of the owner (already passed on to the
     * children by {@link Wire#cancelLocal()}, or here when the scope defers it) does not stop the
     * wait: it is thrown once the children have ended, so none outlives the scope.
     */
    private void awaitChildren(Waiter me) {
        WireCancelledException cancel = null;
        while (live > 0) {
            try {
                me.park(joinSite);
            } catch (WireCancelledException e) {
                if (!cancelled) {
                    cancelAll(); // a deferred owner cancel; children the scope has cancelled already get no second one
                }
                if (cancel == null) {
                    cancel = e;
                }
            }
        }
        if (cancel != null) {
            suppressFailures(cancel);
            throw cancel;
        }
    }

    private void throwOutcome() {
        if (timedOut) {
            WireTimeoutException e = new WireTimeoutException(this + " passed its deadline of " + timeout
                    + "; its children were cancelled");
            suppressFailures(e);
            throw e;
        }
        if (firstFailure != null) {
            String what = supervisor
                    ? failures + " of " + forked + " children of " + this + " failed; the first, '" + firstFailedName + "': "
                    : "child '" + firstFailedName + "' of " + this + " failed (its siblings were cancelled): ";
            WireFailedException e = new WireFailedException(what + firstFailure, firstFailure);
            if (laterFailures != null) {
                laterFailures.forEach(e::addSuppressed);
            }
            throw e;
        }
    }

    private void suppressFailures(Throwable e) {
        if (firstFailure != null) {
            e.addSuppressed(firstFailure);
            if (laterFailures != null) {
                laterFailures.forEach(e::addSuppressed);
            }
        }
    }

    /** A child has ended (scheduler thread, from the scheduler's retire): its failure is the scope's. */
    private void childEnded(WireTask<?> t) {
        WireTask<?> p = t.prevSibling;
        WireTask<?> n = t.nextSibling;
        if (p != null) {
            p.nextSibling = n;
        } else {
            head = n;
        }
        if (n != null) {
            n.prevSibling = p;
        } else {
            tail = p;
        }
        t.prevSibling = t.nextSibling = null;
        live--;
        Throwable failure = t.wire.failure();
        if (failure != null) {
            if (abandoned) {
                scheduler.report(t.wire, failure); // nobody will join this scope any more
            } else {
                recordFailure(t, failure);
            }
        }
        if (live == 0 && owner.state() == WireState.SUSPENDED && owner.waitingOn() == joinSite) {
            owner.waiter().wake();
        }
    }

    private void recordFailure(WireTask<?> t, Throwable failure) {
        if (!failuresLeftUnobserved) {
            t.wire.failureObserved = true;
        }
        failures++;
        if (firstFailure == null) {
            firstFailure = failure;
            firstFailedName = t.name();
            if (!supervisor) {
                cancelAll();
            }
        } else {
            if (laterFailures == null) {
                laterFailures = new ArrayList<>();
            }
            laterFailures.add(failure);
        }
    }

    /**
     * The owner has been cancelled ({@link Wire}'s cancel, for each scope it has open): cancels the
     * children, unless this scope defers the owner's cancel to its join() or close().
     */
    void cancelChildren() {
        if (!ownerCancelDeferred) {
            cancelAll();
        }
    }

    /** Cancels every live child (and so every wire below it); later forks start cancelled. */
    private void cancelAll() {
        cancelled = true;
        for (WireTask<?> t = head; t != null; t = t.nextSibling) {
            t.wire.cancelLocal();
        }
    }

    private void unlinkFromOwner() {
        if (owner.openScope == this) {
            owner.openScope = outer;
            return;
        }
        for (WireScope s = owner.openScope; s != null; s = s.outer) {
            if (s.outer == this) {
                s.outer = outer; // closed out of order: tolerated, the structure stays a tree
                return;
            }
        }
    }

    /**
     * The owner ended with scopes still open (no try-with-resources): close them without waiting,
     * cancel their children, and report the owner. Scheduler thread.
     */
    static void ownerEnded(Wire owner) {
        int open = 0;
        int children = 0;
        for (WireScope s = owner.openScope; s != null; s = s.outer) {
            open++;
            children += s.live;
            s.abandoned = s.closing = s.closed = true;
            if (s.deadline != null) {
                owner.scheduler.timers.remove(s.deadline);
            }
            s.cancelAll();
            if (s.firstFailure != null) {
                owner.scheduler.report(owner, s.firstFailure);
            }
        }
        owner.openScope = null;
        owner.scheduler.report(owner, new IllegalStateException("wire '" + owner.name() + "' ended with " + open
                + " scope(s) still open, so their " + children + " running children were cancelled; "
                + "open scopes with try-with-resources and join() them"));
    }

    /** The deadline passed: cancel the children, and make join() throw. Scheduler thread. */
    private void deadlinePassed() {
        if (closed) {
            return;
        }
        timedOut = true;
        cancelAll();
    }

    private final class Deadline extends Timer {
        @Override
        protected void fire() {
            deadlinePassed();
        }

        @Override
        public String toString() {
            return "deadline of " + WireScope.this;
        }
    }

    // ---------------------------------------------------------------- scope tree for dumps

    /** Appends the scope tree of the live wires starting at {@code liveHead} (nothing when no scope is open). */
    static void appendTree(StringBuilder sb, Wire liveHead) {
        boolean any = false;
        for (Wire w = liveHead; w != null; w = w.nextLive()) {
            if (w.openScope != null && !isOpenChild(w)) {
                if (!any) {
                    sb.append("scope tree:\n");
                    any = true;
                }
                appendWire(sb, w, 1);
            }
        }
    }

    private static boolean isOpenChild(Wire w) {
        WireScope s = w.task != null && w.task.owner != null ? w.task.owner.scope() : null;
        return s != null && !s.closed;
    }

    private static void appendWire(StringBuilder sb, Wire w, int depth) {
        indent(sb, depth).append("wire '").append(w.name()).append("' ").append(w.state())
                .append(w.isCancelled() ? " (cancelled)" : "").append('\n');
        ArrayList<WireScope> scopes = new ArrayList<>();
        for (WireScope s = w.openScope; s != null; s = s.outer) {
            scopes.add(0, s); // outermost first
        }
        for (WireScope s : scopes) {
            indent(sb, depth + 1).append(s.supervisor ? "supervisor" : "fail-fast").append(" scope: ")
                    .append(s.live).append(" of ").append(s.forked).append(" children running");
            if (s.cancelled) {
                sb.append(", cancelled");
            }
            if (s.failures > 0) {
                sb.append(", ").append(s.failures).append(" failed");
            }
            if (s.deadline != null && s.deadline.isArmed()) {
                sb.append(", deadline in ").append(Math.max(0, (s.deadline.deadline() - System.nanoTime()) / 1_000_000))
                        .append(" ms");
            }
            sb.append('\n');
            int shown = 0;
            for (WireTask<?> t = s.head; t != null; t = t.nextSibling) {
                if (shown++ == MAX_CHILDREN_SHOWN) {
                    indent(sb, depth + 2).append("... and ").append(s.live - MAX_CHILDREN_SHOWN).append(" more\n");
                    break;
                }
                appendWire(sb, t.wire, depth + 2);
            }
        }
    }

    private static StringBuilder indent(StringBuilder sb, int depth) {
        for (int i = 0; i < depth; i++) {
            sb.append("  ");
        }
        return sb;
    }
}
