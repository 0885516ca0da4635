package io.jwire.internal;

import java.time.Duration;

/**
 * Argument checks of jwire's API in one place, with one message form: the call, the caller (the
 * running wire's name, or the thread's), what is wrong, and what to pass instead. Not API.
 */
public final class Checks {
    private Checks() {
    }

    /**
     * Checks that {@code duration} is not null and not negative.
     *
     * @param call the API call, e.g. {@code "WireLock.tryLock(timeout)"}
     * @return {@code duration}
     * @throws IllegalArgumentException naming the call and the caller when it is negative
     */
    public static Duration notNegative(Duration duration, String call) {
        if (duration == null) { // not requireNonNull(duration, supplier): a capturing lambda would allocate per call
            throw new NullPointerException(call + ": the duration must not be null");
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException(call + " got " + duration + " in " + caller()
                    + ": a duration must not be negative; pass Duration.ZERO for no wait");
        }
        return duration;
    }

    /**
     * Checks that {@code value} is at least {@code min}.
     *
     * @param call the API call, e.g. {@code "new WirePool(size)"}
     * @param what what the value is, e.g. {@code "size"}
     * @return {@code value}
     * @throws IllegalArgumentException naming the call, the value and the caller when it is smaller
     */
    public static long atLeast(long value, long min, String call, String what) {
        if (value < min) {
            throw new IllegalArgumentException(call + " got " + what + " " + value + " in " + caller()
                    + ": the " + what + " must be at least " + min);
        }
        return value;
    }

    /**
     * The {@link System#nanoTime()} deadline {@code timeout} from now, saturated at the farthest
     * representable deadline ({@code now + Long.MAX_VALUE}) when the timeout has more nanoseconds
     * than a {@code long} holds.
     *
     * @throws IllegalArgumentException as {@link #notNegative} when {@code timeout} is negative
     */
    public static long deadlineAfter(Duration timeout, String call) {
        notNegative(timeout, call);
        long now = System.nanoTime();
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE; // the saturation: toNanos() overflows beyond ~292 years
        }
        // No second check is needed: nanoTime deadlines are compared by difference (deadline - now),
        // and (now + nanos) - now == nanos in two's complement even when the sum wraps, so with
        // 0 <= nanos <= Long.MAX_VALUE the deadline is never in the past.
        return now + nanos;
    }

    /** "wire 'name'" for the running wire, else "thread 'name'". */
    static String caller() {
        String wire = Waiter.currentWireName();
        return wire != null ? "wire '" + wire + "'" : "thread '" + Thread.currentThread().getName() + "'";
    }
}
