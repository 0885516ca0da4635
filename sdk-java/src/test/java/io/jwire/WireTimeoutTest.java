package io.jwire;

import io.jwire.testing.WireTestHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** WireTimeout: arm, expire, re-arm, cancel, and what it says about itself. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WireTimeoutTest {

    @Test
    void anUnarmedTimeoutNeverExpires() {
        WireTestHarness.inWire(() -> {
            WireTimeout t = new WireTimeout();
            assertFalse(t.isArmed());
            assertFalse(t.isExpired());
            assertEquals("timeout (unarmed)", t.toString());
            assertEquals("timeout", t.asWait().name());
            Wire.sleep(Duration.ofMillis(5));
            assertFalse(t.isExpired());
        });
    }

    @Test
    void anArmedTimeoutExpiresAfterItsDurationAndNotBefore() {
        WireTestHarness.inWire(() -> {
            long t0 = System.nanoTime();
            WireTimeout t = WireTimeout.after(Duration.ofMillis(40));
            assertTrue(t.isArmed());
            assertFalse(t.isExpired());
            assertTrue(t.toString().matches("timeout \\((3\\d|40) ms left\\)"), t.toString());
            t.asWait().await();
            assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(40).toNanos(), "expired early");
            assertTrue(t.isExpired());
            assertFalse(t.isArmed());
            assertEquals("timeout (expired)", t.toString());
        });
    }

    @Test
    void reArmingResetsTheWaitAndMovesTheDeadline() {
        WireTestHarness.inWire(() -> {
            WireTimeout t = WireTimeout.after(Duration.ZERO);
            t.asWait().await(); // a zero duration expires at the scheduler's next turn
            assertTrue(t.isExpired());
            assertSame(t, t.arm(Duration.ofMillis(30)));
            assertFalse(t.isExpired(), "arm resets the wait");
            assertTrue(t.isArmed());
            long t0 = System.nanoTime();
            t.arm(Duration.ofMillis(60)); // re-arm while armed: the later deadline counts
            t.asWait().await();
            assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(60).toNanos());
        });
    }

    @Test
    void cancelAndCloseDisarmWithoutExpiring() {
        WireTestHarness.inWire(() -> {
            WireTimeout a = WireTimeout.after(Duration.ofMillis(10));
            a.cancel();
            assertFalse(a.isArmed());
            WireTimeout b;
            try (WireTimeout closed = WireTimeout.after(Duration.ofMillis(10))) {
                b = closed;
            }
            assertFalse(b.isArmed());
            Wire.sleep(Duration.ofMillis(30));
            assertFalse(a.isExpired());
            assertFalse(b.isExpired());
            assertEquals("timeout (unarmed)", a.toString());
        });
    }

    @Test
    void aTimeoutNeedsASchedulersThreadAndRefusesNegativeDurations() {
        NotInWireException e = assertThrows(NotInWireException.class, WireTimeout::new);
        assertTrue(e.getMessage().startsWith("WireScheduler.current() must be called from inside a wire"), e.getMessage());
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> s.execute(() -> { // a scheduler task may create and arm one
            WireTimeout t = WireTimeout.after(Duration.ofMillis(1));
            out.add("armed " + t.isArmed());
            t.cancel();
        }));
        assertEquals(List.of("armed true"), out);
        WireTestHarness.inWire(() -> {
            IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> WireTimeout.after(Duration.ofMillis(-1)));
            assertTrue(n.getMessage().startsWith("WireTimeout.arm(Duration) got PT-0.001S in wire 'main'"), n.getMessage());
        });
    }
}
