package io.jwire.sync;

import io.jwire.Wire;
import io.jwire.internal.Checks;
import io.jwire.internal.Confinement;
import io.jwire.internal.WaitQueue;
import io.jwire.internal.Waiter;
import java.time.Duration;
import java.util.Objects;

/**
 * A mutual-exclusion lock among the wires of one scheduler (libwire {@code wire_lock}), for a
 * resource that several wires use across a switch, such as one socket with many writers.
 *
 * <pre>{@code
 * WireLock lock = new WireLock("socket writer");
 * try (var held = lock.hold()) {    // no allocation per hold
 *     writeFrame(socket, frame);    // may suspend; other writers queue up
 * }
 * }</pre>
 *
 * <p><b>Fair.</b> Waiters are served strictly first come, first served: {@link #unlock()} hands
 * the lock straight to the first waiter, so a wire that arrives later never jumps the queue, even
 * if it runs before the woken waiter does. Taking a free lock costs a few field operations and
 * allocates nothing; it is not reentrant.
 *
 * <p><b>Cancellation.</b> A wire cancelled while it waits leaves the queue and gets the
 * {@link io.jwire.WireCancelledException WireCancelledException}; the lock is never handed to it afterwards. If the lock was
 * already handed over when the cancel came, {@link #lock()} returns normally (the wire holds the
 * lock and must release it as usual) and the cancel arrives at the wire's next wait.
 *
 * <p><b>Threads.</b> Wires of the owning scheduler only; not thread-safe.
 */
public final class WireLock {
    private final String name;
    private Waiter owner;
    private final Confinement confinement = new Confinement();
    private final WaitQueue waiters = new WaitQueue();
    /** Wires in {@link #awaitClear()}. */
    private final WaitQueue clearWaiters = new WaitQueue();
    private final Object clearSite = new Object() {
        @Override
        public String toString() {
            return "clear of " + WireLock.this;
        }
    };
    private final Held held = new Held();

    /** Creates a free lock named {@code "lock"}. Any thread. */
    public WireLock() {
        this("lock");
    }

    /**
     * Creates a free lock. Any thread.
     *
     * @param name shown in dumps, stuck reports and exception messages
     */
    public WireLock(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * The lock's name.
     *
     * @return the name given at creation
     */
    public String name() {
        return name;
    }

    /**
     * Takes the lock, suspending the calling wire behind earlier waiters until it is handed over
     * (libwire {@code wire_lock_take}).
     *
     * @throws IllegalStateException when the calling wire already holds it (not reentrant)
     * @throws io.jwire.NotInWireException outside a wire
     * @throws io.jwire.WireCancelledException when the calling wire is cancelled while it waits
     */
    public void lock() {
        Waiter me = confinement.enter(this, "WireLock.lock()", "lock()");
        if (owner == null && waiters.isEmpty()) {
            owner = me;
            return;
        }
        checkNotOwner(me);
        waiters.await(me, this, false, 0L);
    }

    /**
     * Like {@link #lock()}, but gives up after {@code timeout}.
     *
     * @param timeout how long to wait at most; zero or more
     * @return true when the calling wire now holds the lock, false when the timeout passed first
     * @throws IllegalArgumentException when {@code timeout} is negative
     */
    public boolean tryLock(Duration timeout) {
        Waiter me = confinement.enter(this, "WireLock.tryLock(Duration)", "tryLock(Duration)");
        long deadline = Checks.deadlineAfter(timeout, "WireLock.tryLock(Duration)");
        if (owner == null && waiters.isEmpty()) {
            owner = me;
            return true;
        }
        checkNotOwner(me);
        return waiters.await(me, this, true, deadline) == Waiter.GRANTED;
    }

    /**
     * Takes the lock only if it is free and nobody waits for it. Never switches.
     *
     * @return true when the calling wire now holds the lock
     * @throws io.jwire.NotInWireException outside a wire
     */
    public boolean tryLock() {
        Waiter me = confinement.enter(this, "WireLock.tryLock()", "tryLock()");
        if (owner == null && waiters.isEmpty()) {
            owner = me;
            return true;
        }
        return false;
    }

    /**
     * Releases the lock (libwire {@code wire_lock_release}), handing it to the first waiter, which
     * becomes ready. When nobody waits, wires in {@link #awaitClear()} become ready.
     *
     * @throws IllegalStateException when the calling wire does not hold the lock; the message names
     *         both wires
     * @throws io.jwire.NotInWireException outside a wire
     */
    public void unlock() {
        Waiter me = confinement.enter(this, "WireLock.unlock()", "unlock()");
        if (owner != me) {
            throw new IllegalStateException("wire '" + me.wireName() + "' cannot unlock " + this
                    + (owner == null ? ": nobody holds it" : ": wire '" + owner.wireName() + "' holds it")
                    + "; only the holder may unlock");
        }
        Waiter next = waiters.wakeFirst(Waiter.GRANTED, null);
        owner = next;
        if (next == null) {
            clearWaiters.wakeAll(Waiter.GRANTED);
        }
    }

    /**
     * Takes the lock and returns a reusable handle whose {@code close()} releases it, for
     * try-with-resources. The same handle is returned every time: nothing is allocated.
     *
     * @return this lock's handle, now held by the calling wire
     * @throws IllegalStateException when the calling wire already holds the lock
     * @throws io.jwire.NotInWireException outside a wire
     * @throws io.jwire.WireCancelledException when the calling wire is cancelled while it waits
     */
    public Held hold() {
        lock();
        return held;
    }

    /**
     * Suspends the calling wire until the lock is free and nobody waits for it (libwire
     * {@code wire_lock_wait_clear}); returns at once if it already is. It does not take the lock.
     *
     * @throws IllegalStateException when the calling wire holds the lock (it would wait forever)
     * @throws io.jwire.NotInWireException outside a wire
     * @throws io.jwire.WireCancelledException when the calling wire is cancelled while it waits
     */
    public void awaitClear() {
        Waiter me = confinement.enter(this, "WireLock.awaitClear()", "awaitClear()");
        if (owner == me) {
            throw new IllegalStateException("wire '" + me.wireName() + "' holds " + this
                    + " and awaits it to be clear, which would wait forever; unlock first");
        }
        while (owner != null) {
            clearWaiters.await(me, clearSite, false, 0L);
        }
    }

    /**
     * Whether some wire holds the lock.
     *
     * @return true while the lock is held
     */
    public boolean isLocked() {
        return owner != null;
    }

    /**
     * Whether the calling wire holds the lock.
     *
     * @return true when the running wire is the owner
     */
    public boolean isHeldByCurrentWire() {
        return owner != null && Wire.inWire() && owner.wire() == Wire.current();
    }

    /**
     * The wire holding the lock.
     *
     * @return the owner, or null when the lock is free
     */
    public Wire owner() {
        return owner == null ? null : (Wire) owner.wire();
    }

    /**
     * The number of wires waiting to take the lock.
     *
     * @return how many wires wait
     */
    public int queueLength() {
        return waiters.size();
    }

    private void checkNotOwner(Waiter me) {
        if (owner == me) {
            throw new IllegalStateException("wire '" + me.wireName() + "' already holds " + this
                    + "; a WireLock is not reentrant, so taking it again would wait forever");
        }
    }

    /**
     * Describes the lock for dumps and messages.
     *
     * @return its name, and its owner and waiting wires when held
     */
    @Override
    public String toString() {
        return "lock '" + name + "'" + (owner == null ? " (free)" : " (held by wire '" + owner.wireName() + "'"
                + (waiters.isEmpty() ? "" : ", " + waiters.size() + " waiting") + ")");
    }

    /**
     * The handle returned by {@link #hold()}: closing it unlocks the lock. One per lock, reused.
     */
    public final class Held implements AutoCloseable {
        private Held() {
        }

        /**
         * Releases the lock, as {@link WireLock#unlock()}.
         *
         * @throws IllegalStateException when the calling wire does not hold the lock
         */
        @Override
        public void close() {
            unlock();
        }
    }
}
