package io.jwire.examples;

import io.jwire.KeepAlive;
import io.jwire.Wire;
import io.jwire.WireScheduler;
import io.jwire.WireState;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The {@code intro} example: two wires interleave through yields, one sleeps, and a plain thread
 * resumes a suspended wire through the scheduler's inbox.
 */
public final class Demo {
    private Demo() {
    }

    /** Runs the demo, printing to standard output. */
    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /** Runs the demo, printing to {@code out}; returns when every wire has ended. */
    public static void run(PrintStream out) throws InterruptedException {
        try (WireScheduler scheduler = WireScheduler.create()) {
            out.println("jwire demo: switch implementation = " + scheduler.switchImplementation());
            for (String name : new String[] {"ping", "pong"}) {
                scheduler.spawn(name, () -> {
                    for (int i = 1; i <= 3; i++) {
                        out.println(Wire.current().name() + " " + i);
                        Wire.yieldNow();
                    }
                });
            }
            Wire sleeper = scheduler.spawn("sleeper", () -> {
                long t0 = System.nanoTime();
                Wire.sleep(Duration.ofMillis(50));
                out.printf("sleeper woke after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            });
            KeepAlive hold = scheduler.keepAlive();
            Wire waiter = scheduler.spawn("waiter", () -> {
                out.println("waiter suspends until another thread resumes it");
                Wire.suspend("a resume from thread 'helper'");
                out.println("waiter resumed on scheduler thread '" + Thread.currentThread().getName() + "'");
            });
            Thread helper = new Thread(() -> {
                try (hold) {
                    // Wire.state() may be read from any thread: wait until the sleeper is done and the
                    // waiter suspended (a fixed sleep here would race a slow machine's start-up)
                    while (sleeper.state() != WireState.ENDED || waiter.state() != WireState.SUSPENDED) {
                        Thread.sleep(5);
                    }
                    out.println("helper thread resumes the waiter");
                    waiter.resume();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "helper");
            helper.start();
            scheduler.run();
            helper.join();
            out.println("all wires ended");
        }
    }
}
