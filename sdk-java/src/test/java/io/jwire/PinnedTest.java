package io.jwire;

import io.jwire.testing.WireTestHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PinnedTest {

    @Test
    void switchingOutWhilePinnedFailsWithAnExplanation() {
        Throwable[] caught = new Throwable[1];
        WireState[] state = new WireState[1];
        WireTestHarness.run(s -> {
            assumeTrue(s.switchImplementation().equals("continuation"), "only the Continuation switch pins");
            s.spawn("holder", () -> {
                // a JDK critical section pins the continuation, as a native frame does
                jdk.internal.vm.Continuation.pin();
                try {
                    Wire.yieldNow();
                } catch (WirePinnedException e) {
                    caught[0] = e;
                    state[0] = Wire.current().state();
                } finally {
                    jdk.internal.vm.Continuation.unpin();
                }
            });
            s.spawn("other", () -> { });
        });
        assertTrue(caught[0] != null, "expected WirePinnedException");
        assertTrue(caught[0].getMessage().contains("'holder'"), caught[0].getMessage());
        assertEquals(WireState.RUNNING, state[0], "a refused switch leaves the wire running, not ready");
        assertTrue(caught[0].getMessage().contains("critical section"), caught[0].getMessage());
    }
}
