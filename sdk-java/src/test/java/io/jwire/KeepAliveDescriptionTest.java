package io.jwire;

import io.jwire.testing.WireTestHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * KeepAlive descriptions: a program held open by keep-alives while its wires all wait is not reported as stuck,
 * so dump() says what each described keep-alive waits for; once they close, the stuck report is as usual.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KeepAliveDescriptionTest {

    @Test
    void dumpPrintsTheDescriptionsOfOpenKeepAlives() {
        try (WireScheduler s = WireScheduler.create()) {
            assertFalse(s.dump().contains("keep-alive"), s.dump());
            KeepAlive plain = s.keepAlive();
            String[] state = {"the reply of request 7"};
            KeepAlive described = s.keepAlive(() -> state[0]);
            KeepAlive failing = s.keepAlive(() -> {
                throw new IllegalStateException("no state");
            });
            String dump = s.dump();
            assertTrue(dump.contains("3 keep-alive(s) or outside calls held: run() waits for a wake-up from outside "
                    + "its wires; described ones:\n"), dump);
            assertTrue(dump.contains("keep-alive: the reply of request 7\n"), dump);
            assertTrue(dump.contains("keep-alive: (its description failed: java.lang.IllegalStateException: no state)\n"), dump);
            state[0] = "the reply of request 8";
            assertTrue(s.dump().contains("keep-alive: the reply of request 8\n"), "asked at each dump");
            assertEquals("KeepAlive of " + s + " (open): the reply of request 8", described.toString());

            described.close();
            failing.close();
            dump = s.dump();
            assertTrue(dump.contains("1 keep-alive(s) or outside calls held: run() waits for a wake-up from outside "
                    + "its wires\n"), dump);
            assertFalse(dump.contains("request 8"), dump);
            assertEquals("KeepAlive of " + s + " (closed): the reply of request 8", described.toString());
            assertTrue(plain.description().startsWith("(no description;"), plain.description());
            plain.close();
            assertFalse(s.dump().contains("keep-alive"), s.dump());
        }
    }

    @Test
    void aNullDescriptionIsRefused() {
        try (WireScheduler s = WireScheduler.create()) {
            assertThrows(NullPointerException.class, () -> s.keepAlive(null));
            assertFalse(s.dump().contains("keep-alive"), "the refused keep-alive holds nothing");
        }
    }

    @Test
    void aStuckProgramHeldOpenByADescribedKeepAliveSaysWhoWaitsOnWhatThenFailsOnceItCloses() throws Exception {
        WireScheduler s = WireScheduler.create();
        List<Throwable> failures = WireTestHarness.watch(s);
        KeepAlive hold = s.keepAlive(() -> "coroutine 'orders consumer' suspended at Orders.kt:12");
        s.spawn("orders producer", () -> Wire.suspend("the consumer's go-ahead"));
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread carrier = new Thread(() -> {
            try {
                s.run();
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        }, "carrier");
        carrier.start();
        try {
            String dump = "";
            for (int i = 0; i < 500 && !dump.contains("SUSPENDED"); i++) {
                Thread.sleep(10);
                dump = s.dump();
            }
            assertTrue(dump.contains("wire 'orders producer' SUSPENDED waiting on the consumer's go-ahead"), dump);
            assertTrue(dump.contains("keep-alive: coroutine 'orders consumer' suspended at Orders.kt:12"), dump);
            assertFalse(outcome.isDone(), "held open: the program waits instead of being reported");
            hold.close();
            Throwable t = outcome.get(10, TimeUnit.SECONDS);
            assertTrue(t instanceof WireDeadlockException, String.valueOf(t));
            assertTrue(t.getMessage().contains("wire 'orders producer' SUSPENDED"), t.getMessage());
            assertFalse(t.getMessage().contains("keep-alive"), "a closed keep-alive is not reported");
        } finally {
            s.close();
            carrier.join(10_000);
        }
        WireTestHarness.rethrow(failures);
    }
}
