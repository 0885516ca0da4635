package io.jwire.docs.samples;

import io.jwire.Wire;
import io.jwire.WireScheduler;
import io.jwire.sync.WireLock;
import io.jwire.sync.WirePool;
import io.jwire.sync.WireSemaphore;
import java.time.Duration;
import java.util.List;

/** The guide's "Locks, semaphores and pools" page. */
public final class Sync {
    private Sync() {
    }

    public static void lock(List<String> log) {
        // region lock
        try (WireScheduler scheduler = WireScheduler.create()) {
            WireLock config = new WireLock("config");
            for (String name : List.of("writer-1", "writer-2")) {
                scheduler.spawn(name, () -> {
                    try (WireLock.Held held = config.hold()) {   // FIFO: writer-1, then writer-2
                        log.add(name + " in");
                        Wire.sleep(Duration.ofMillis(5));         // other wires run; the lock stays held
                        log.add(name + " out");
                    }
                });
            }
            scheduler.run();
        }
        // log: writer-1 in, writer-1 out, writer-2 in, writer-2 out
        // endregion
    }

    public static int semaphore() {
        int[] most = {0};
        // region semaphore
        try (WireScheduler scheduler = WireScheduler.create()) {
            WireSemaphore connections = new WireSemaphore("connections", 2);
            int[] inUse = {0};
            for (int i = 0; i < 5; i++) {
                scheduler.spawn("client-" + i, () -> {
                    connections.acquire();                 // waits while two are in use
                    try {
                        most[0] = Math.max(most[0], ++inUse[0]);
                        Wire.sleep(Duration.ofMillis(2));
                        inUse[0]--;
                    } finally {
                        connections.release();
                    }
                });
            }
            scheduler.run();
        }
        // most[0] == 2
        // endregion
        return most[0];
    }

    public static void pool(List<String> log) {
        // region pool
        try (WireScheduler scheduler = WireScheduler.create();
             WirePool workers = new WirePool(scheduler, "workers", 2)) {
            scheduler.spawn("dispatcher", () -> {
                for (int i = 1; i <= 4; i++) {
                    int job = i;
                    workers.start("job-" + job, () -> {   // waits while both workers are busy
                        Wire.sleep(Duration.ofMillis(5));
                        log.add("done " + Wire.current().name());
                    });
                }
            });
            scheduler.run();                              // idle workers do not keep run() going
        }
        // endregion
    }
}
