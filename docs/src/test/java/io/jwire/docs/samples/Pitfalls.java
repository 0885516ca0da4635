package io.jwire.docs.samples;

import io.jwire.Wire;
import io.jwire.WireScheduler;
import io.jwire.channels.ChannelClosedException;
import io.jwire.channels.WireChannel;
import io.jwire.sync.WireLock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/** The guide's "Pitfalls" page: each wrong way next to the right one. */
public final class Pitfalls {
    private static int total;

    private Pitfalls() {
    }

    /** Sums 1..100 received by two consumer wires; {@code careful} picks the right way. */
    public static int sum(boolean careful) {
        total = 0;
        try (WireScheduler scheduler = WireScheduler.create()) {
            WireChannel<Integer> channel = WireChannel.rendezvous("numbers");
            for (String name : List.of("consumer-1", "consumer-2")) {
                scheduler.spawn(name, () -> {
                    if (careful) {
                        right(channel);
                    } else {
                        wrong(channel);
                    }
                });
            }
            scheduler.spawn("producer", () -> {
                for (int i = 1; i <= 100; i++) {
                    channel.send(i);
                }
                channel.close();
            });
            scheduler.run();
        }
        return total;
    }

    private static void wrong(WireChannel<Integer> channel) {
        try {
            while (true) {
                // region lost-update
                total += channel.receive();   // reads total, then suspends in receive(): another wire's update is lost
                // endregion
            }
        } catch (ChannelClosedException e) {
            // the producer is done
        }
    }

    private static void right(WireChannel<Integer> channel) {
        try {
            while (true) {
                // region lost-update-fixed
                int value = channel.receive();   // the switch point first...
                total += value;                  // ...then read-modify-write with no switch in between
                // endregion
            }
        } catch (ChannelClosedException e) {
            // the producer is done
        }
    }

    // region sleep-wrong
    static void pollSlowly() throws InterruptedException {
        Thread.sleep(100);                   // the scheduler's thread sleeps: no other wire runs
    }
    // endregion

    // region sleep-right
    static void pollPolitely() {
        Wire.sleep(Duration.ofMillis(100));  // this wire sleeps; the others run
    }
    // endregion

    private static final Object cache = new Object();
    private static final ReentrantLock cacheLock = new ReentrantLock();
    private static final WireLock cacheWireLock = new WireLock("cache");
    private static final List<String> entries = new ArrayList<>();

    // region monitor-wrong
    static void refreshWithMonitor() {
        synchronized (cache) {               // held across a switch...
            Wire.sleep(Duration.ofMillis(10)); // ...the next wire that enters blocks the whole thread
            entries.add("refreshed");
        }
    }
    // endregion

    // region juc-wrong
    static void refreshWithReentrantLock() {
        cacheLock.lock();                    // same thread for every wire: this never excludes them
        try {
            Wire.sleep(Duration.ofMillis(10));
            entries.add("refreshed");
        } finally {
            cacheLock.unlock();
        }
    }
    // endregion

    // region lock-right
    static void refreshWithWireLock() {
        try (WireLock.Held held = cacheWireLock.hold()) {   // other wires wait; the thread does not
            Wire.sleep(Duration.ofMillis(10));
            entries.add("refreshed");
        }
    }
    // endregion

    /** Runs three wires through {@link #refreshWithWireLock()}; returns the entries in order. */
    public static List<String> refreshThree() {
        entries.clear();
        try (WireScheduler scheduler = WireScheduler.create()) {
            for (int i = 0; i < 3; i++) {
                scheduler.spawn("refresher-" + i, Pitfalls::refreshWithWireLock);
            }
            scheduler.run();
        }
        return List.copyOf(entries);
    }
}
