package io.jwire.sync;

import io.jwire.internal.Checks;
import io.jwire.internal.Confinement;
import io.jwire.internal.WaitQueue;
import io.jwire.internal.Waiter;
import java.time.Duration;
import java.util.Objects;

/**
 * A counting semaphore among the wires of one scheduler (libwire {@code wire_sem}): at most
 * {@code permits} wires pass {@link #acquire()} until they {@link #release()}.
 *
 * <pre>{@code
 * WireSemaphore connections = new WireSemaphore("upstream connections", 4);
 * connections.acquire();
 * try {
 *     callUpstream();
 * } finally {
 *     connections.release();
 * }
 * }</pre>
 *
 * <p><b>Fair.</b> Waiters are served strictly first come, first served: {@link #release()} hands
 * the permit straight to the first waiter, so a later wire never takes it first. An acquire
 * without contention allocates nothing.
 *
 * <p><b>Cancellation.</b> A wire cancelled while it waits leaves the queue and gets the
 * {@link io.jwire.WireCancelledException WireCancelledException}; no permit is lost. If the permit was already handed over when
 * the cancel came, the acquire returns normally (release it as usual) and the cancel arrives at
 * the wire's next wait.
 *
 * <p><b>Threads.</b> Wires of the owning scheduler ({@link #release()} and {@link #tryAcquire()}
 * also in its scheduler tasks); not thread-safe.
 */
public final class WireSemaphore {
    private final String name;
    private int permits;
    private final WaitQueue waiters = new WaitQueue();
    private final Confinement confinement = new Confinement();

    /**
     * Creates a semaphore with {@code permits} free permits. Any thread.
     *
     * @param name shown in dumps, stuck reports and exception messages
     * @param permits the free permits at start; zero or more
     * @throws IllegalArgumentException when {@code permits} is negative
     */
    public WireSemaphore(String name, int permits) {
        this.name = Objects.requireNonNull(name, "name");
        this.permits = (int) Checks.atLeast(permits, 0, "new WireSemaphore(\"" + name + "\", permits)", "permits");
    }

    /**
     * Creates a semaphore named {@code "semaphore"}. Any thread.
     *
     * @param permits the free permits at start; zero or more
     * @throws IllegalArgumentException when {@code permits} is negative
     */
    public WireSemaphore(int permits) {
        this("semaphore", permits);
    }

    /**
     * The semaphore's name.
     *
     * @return the name given at creation
     */
    public String name() {
        return name;
    }

    /**
     * Takes a permit, suspending the calling wire behind earlier waiters until one is handed over.
     *
     * @throws io.jwire.NotInWireException outside a wire
     * @throws io.jwire.WireCancelledException when the calling wire is cancelled while it waits
     */
    public void acquire() {
        Waiter me = confinement.enter(this, "WireSemaphore.acquire()", "acquire()");
        if (!tryTake()) {
            waiters.await(me, this, false, 0L);
        }
    }

    /**
     * Like {@link #acquire()}, but gives up after {@code timeout}.
     *
     * @param timeout how long to wait at most; zero or more
     * @return true when a permit was taken, false when the timeout passed first
     * @throws IllegalArgumentException when {@code timeout} is negative
     */
    public boolean tryAcquire(Duration timeout) {
        Waiter me = confinement.enter(this, "WireSemaphore.tryAcquire(Duration)", "tryAcquire(Duration)");
        long deadline = Checks.deadlineAfter(timeout, "WireSemaphore.tryAcquire(Duration)");
        return tryTake() || waiters.await(me, this, true, deadline) == Waiter.GRANTED;
    }

    /**
     * Takes a permit only if one is free and nobody waits. Never switches.
     *
     * @return true when a permit was taken
     */
    public boolean tryAcquire() {
        confinement.check(this, "tryAcquire()");
        return tryTake();
    }

    /**
     * Returns a permit: it goes straight to the first waiter (which becomes ready), or back to the
     * free count.
     */
    public void release() {
        confinement.check(this, "release()");
        if (waiters.wakeFirst(Waiter.GRANTED, null) == null) {
            permits++;
        }
    }

    /**
     * The number of free permits.
     *
     * @return how many permits may be taken without waiting
     */
    public int availablePermits() {
        return permits;
    }

    /**
     * The number of wires waiting for a permit.
     *
     * @return how many wires wait
     */
    public int queueLength() {
        return waiters.size();
    }

    private boolean tryTake() {
        if (permits > 0 && waiters.isEmpty()) {
            permits--;
            return true;
        }
        return false;
    }

    /**
     * Describes the semaphore for dumps and messages.
     *
     * @return its name, free permits and waiting wires
     */
    @Override
    public String toString() {
        return "semaphore '" + name + "' (" + permits + " free" + (waiters.isEmpty() ? "" : ", " + waiters.size() + " waiting") + ")";
    }
}
