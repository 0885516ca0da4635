package io.jwire;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.channels.WireChannel;
import io.jwire.channels.WireSelect;
import io.jwire.sync.WireLock;
import io.jwire.sync.WireSemaphore;
import io.jwire.testing.WireTestHarness;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every timed call refuses a negative duration with one message form: the public call, the
 * calling wire, and what to pass instead. Was: eight forms, some naming an internal call and no wire.
 */
class NegativeDurationMessagesTest {

    @Test
    void everyTimedCallNamesItselfAndTheWire() {
        Duration minus5 = Duration.ofMillis(-5);
        WireTestHarness.inWire(() -> {
            WireWaitList list = new WireWaitList();
            list.chain(new WireWait("w"));
            Map<String, Executable> calls = new LinkedHashMap<>();
            calls.put("Wire.sleep(Duration)", () -> Wire.sleep(minus5));
            calls.put("WireWaitList.await(Duration)", () -> list.await(minus5));
            calls.put("WireSelect.await(Duration)", () -> {
                try (WireSelect select = new WireSelect()) {
                    select.onWait(new WireWait("x"));
                    select.await(minus5);
                }
            });
            calls.put("WireChannel.receive(Duration)", () -> WireChannel.<String>rendezvous("c").receive(minus5));
            calls.put("WireChannel.send(value, Duration)", () -> WireChannel.<String>rendezvous("c").send("v", minus5));
            calls.put("WireLock.tryLock(Duration)", () -> new WireLock("l").tryLock(minus5));
            calls.put("WireSemaphore.tryAcquire(Duration)", () -> new WireSemaphore("s", 0).tryAcquire(minus5));
            calls.put("WireTimeout.arm(Duration)", () -> WireTimeout.after(minus5));
            calls.put("WireScheduler.setStallThreshold(Duration)", () -> Wire.current().scheduler().setStallThreshold(minus5));
            for (Map.Entry<String, Executable> c : calls.entrySet()) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c.getValue(), c.getKey());
                String m = e.getMessage();
                assertTrue(m.startsWith(c.getKey() + " got PT-0.005S in wire 'main'") && m.contains("must not be negative"),
                        c.getKey() + ": " + m);
            }
        });
    }
}
