package io.jwire.internal;

import io.jwire.spi.WirePoller;
import io.jwire.spi.WirePollerProvider;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The portable poller: parks the scheduler's thread until a deadline or a {@link #wakeup()}. It
 * has no event sources of its own. Not API; found as the {@code portable} provider.
 */
public final class ParkingPoller implements WirePoller {
    private final AtomicBoolean woken = new AtomicBoolean();
    private volatile Thread waiter;

    @Override
    public int poll(long timeoutNanos) {
        if (woken.getAndSet(false) || timeoutNanos == 0) {
            return 0;
        }
        waiter = Thread.currentThread();
        if (!woken.get()) {
            if (timeoutNanos < 0) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, timeoutNanos);
            }
        }
        waiter = null;
        woken.set(false);
        return 0;
    }

    @Override
    public void wakeup() {
        if (!woken.getAndSet(true)) {
            Thread t = waiter;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    @Override
    public int pendingWaits() {
        return 0;
    }

    @Override
    public void close() {
    }

    /** The {@code portable} provider, always supported, priority 0. */
    public static final class Provider implements WirePollerProvider {
        @Override
        public String name() {
            return "portable";
        }

        @Override
        public int priority() {
            return 0;
        }

        @Override
        public boolean isSupported() {
            return true;
        }

        @Override
        public WirePoller open() {
            return new ParkingPoller();
        }
    }
}
