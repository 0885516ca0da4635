package io.jwire.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.testing.WireTestHarness;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Checks: one message form for bad arguments, naming the call and the caller; saturated deadlines. */
class ChecksTest {

    @Test
    void notNegativeReturnsZeroAndPositiveDurations() {
        Duration zero = Duration.ZERO;
        Duration one = Duration.ofNanos(1);
        assertSame(zero, Checks.notNegative(zero, "X.call()"));
        assertSame(one, Checks.notNegative(one, "X.call()"));
    }

    @Test
    void aNegativeDurationIsRefusedNamingTheCallAndTheThread() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checks.notNegative(Duration.ofNanos(-1), "X.call(Duration)"));
        assertEquals("X.call(Duration) got PT-0.000000001S in thread '" + Thread.currentThread().getName()
                + "': a duration must not be negative; pass Duration.ZERO for no wait", e.getMessage());
        NullPointerException n = assertThrows(NullPointerException.class, () -> Checks.notNegative(null, "X.call(Duration)"));
        assertEquals("X.call(Duration): the duration must not be null", n.getMessage());
    }

    @Test
    void insideAWireTheMessageNamesTheWire() {
        WireTestHarness.run(s -> s.spawn("checker", () -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Checks.notNegative(Duration.ofMillis(-5), "Y.wait(Duration)"));
            assertTrue(e.getMessage().startsWith("Y.wait(Duration) got PT-0.005S in wire 'checker': "), e.getMessage());
            IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> Checks.atLeast(0, 1, "new Z(size)", "size"));
            assertEquals("new Z(size) got size 0 in wire 'checker': the size must be at least 1", a.getMessage());
        }));
    }

    @Test
    void atLeastAcceptsTheMinimumAndRefusesOneLess() {
        assertEquals(3, Checks.atLeast(3, 3, "c", "n"));
        assertEquals(Long.MAX_VALUE, Checks.atLeast(Long.MAX_VALUE, 3, "c", "n"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checks.atLeast(2, 3, "new Q(n)", "count"));
        assertEquals("new Q(n) got count 2 in thread '" + Thread.currentThread().getName() + "': the count must be at least 3",
                e.getMessage());
    }

    @Test
    void deadlineAfterIsNowPlusTheTimeout() {
        long before = System.nanoTime();
        long deadline = Checks.deadlineAfter(Duration.ofMillis(250), "c");
        long after = System.nanoTime();
        long ms250 = Duration.ofMillis(250).toNanos();
        assertTrue(deadline - (before + ms250) >= 0 && (after + ms250) - deadline >= 0,
                "deadline " + deadline + " not within [" + (before + ms250) + ", " + (after + ms250) + "]");
        long zero = Checks.deadlineAfter(Duration.ZERO, "c");
        assertTrue(zero - before >= 0 && System.nanoTime() - zero >= 0);
    }

    @Test
    void hugeTimeoutsSaturateInsteadOfWrappingIntoThePast() {
        for (Duration huge : new Duration[] {Duration.ofSeconds(Long.MAX_VALUE), Duration.ofNanos(Long.MAX_VALUE),
                Duration.ofDays(365 * 1000L)}) {
            long deadline = Checks.deadlineAfter(huge, "c");
            long now = System.nanoTime(); // after: the saturated deadline is now + Long.MAX_VALUE at the call
            assertTrue(deadline - now > Duration.ofDays(365 * 100L).toNanos(), huge + " gave a deadline "
                    + (deadline - now) + " ns away");
        }
    }

    @Test
    void aTimeoutBeyondALongOfNanosSaturatesAtNowPlusLongMaxValue() {
        // Duration.ofNanos(Long.MAX_VALUE) is the largest timeout toNanos() can express; one nanosecond
        // more overflows toNanos(), and deadlineAfter must then give the same farthest deadline instead
        // of throwing or wrapping: now + Long.MAX_VALUE, with now read inside the call.
        for (Duration huge : new Duration[] {Duration.ofNanos(Long.MAX_VALUE), Duration.ofNanos(Long.MAX_VALUE).plusNanos(1),
                Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)}) {
            long before = System.nanoTime();
            long deadline = Checks.deadlineAfter(huge, "c");
            long after = System.nanoTime();
            long fromAfter = deadline - after; // = Long.MAX_VALUE - (after - now), never wraps
            assertTrue(fromAfter >= Long.MAX_VALUE - (after - before),
                    huge + ": deadline " + deadline + " is " + fromAfter + " ns after the call, not now + Long.MAX_VALUE");
        }
    }

    @Test
    void deadlineAfterRefusesANegativeTimeout() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checks.deadlineAfter(Duration.ofSeconds(-1), "W.await(Duration)"));
        assertTrue(e.getMessage().startsWith("W.await(Duration) got PT-1S in thread '"), e.getMessage());
    }
}
