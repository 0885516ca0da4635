package io.jwire;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PinnedTest {

    @Test
    void switchingOutWhilePinnedFailsWithAnExplanation() {
        try (WireScheduler s = WireScheduler.create()) {
            assumeTrue(s.switchImplementation().equals("continuation"), "only the Continuation switch pins");
            Throwable[] caught = new Throwable[1];
            s.spawn("holder", () -> {
                // a JDK critical section pins the continuation, as a native frame does
                jdk.internal.vm.Continuation.pin();
                try {
                    Wire.yieldNow();
                } catch (WirePinnedException e) {
                    caught[0] = e;
                } finally {
                    jdk.internal.vm.Continuation.unpin();
                }
            });
            s.spawn("other", () -> { });
            s.run();
            assertTrue(caught[0] != null, "expected WirePinnedException");
            assertTrue(caught[0].getMessage().contains("'holder'"), caught[0].getMessage());
            assertTrue(caught[0].getMessage().contains("critical section"), caught[0].getMessage());
        }
    }
}
