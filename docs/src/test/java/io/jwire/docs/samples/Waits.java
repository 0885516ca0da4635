package io.jwire.docs.samples;

import io.jwire.Wire;
import io.jwire.WireScheduler;
import io.jwire.WireTimeout;
import io.jwire.WireWait;
import io.jwire.WireWaitList;
import java.time.Duration;
import java.util.List;

/** The guide's "Waits and timeouts" page. */
public final class Waits {
    private Waits() {
    }

    public static void waitForOne(List<String> log) {
        // region wait
        try (WireScheduler scheduler = WireScheduler.create()) {
            WireWait ready = new WireWait("config loaded");
            scheduler.spawn("user", () -> {
                ready.await();                     // suspends until the wait is triggered
                log.add("config is ready");
            });
            scheduler.spawn("loader", () -> {
                Wire.sleep(Duration.ofMillis(5));
                log.add("loaded");
                ready.resume();                    // wakes the wire waiting for it
            });
            scheduler.run();
        }
        // log: loaded, config is ready
        // endregion
    }

    public static void firstOfMany(List<String> log) {
        // region wait-list
        try (WireScheduler scheduler = WireScheduler.create()) {
            WireWait done = new WireWait("done");
            WireWait cancel = new WireWait("cancel");
            scheduler.spawn("watcher", () -> {
                try (WireTimeout deadline = WireTimeout.after(Duration.ofMillis(100))) {
                    WireWaitList list = new WireWaitList();
                    list.chain(done);
                    list.chain(cancel);
                    list.chain(deadline.asWait());
                    WireWait first = list.await();          // the first triggered, in chain order
                    log.add(first == deadline.asWait() ? "timed out" : first.name());
                    list.clear();
                }
            });
            scheduler.spawn("worker", () -> {
                Wire.sleep(Duration.ofMillis(5));
                done.resume();
            });
            scheduler.run();
        }
        // log: done
        // endregion
    }

    public static void timedAwait(List<String> log) {
        // region timed-await
        try (WireScheduler scheduler = WireScheduler.create()) {
            scheduler.spawn("impatient", () -> {
                WireWait reply = new WireWait("reply");
                WireWaitList list = new WireWaitList();
                list.chain(reply);
                WireWait first = list.await(Duration.ofMillis(20));  // null: nothing came in time
                log.add(first == null ? "no reply within 20 ms" : "reply");
            });
            scheduler.run();
        }
        // endregion
    }
}
