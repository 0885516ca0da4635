package io.jwire.docs.samples;

import io.jwire.KeepAlive;
import io.jwire.Wire;
import io.jwire.WireFailedException;
import io.jwire.WireFutures;
import io.jwire.WireScheduler;
import io.jwire.WireScope;
import io.jwire.WireTask;
import io.jwire.channels.WireChannel;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The guide's "Structured concurrency and values" page. */
public final class Values {
    private Values() {
    }

    public static void joinChildren(List<String> log) {
        // region join
        try (WireScheduler scheduler = WireScheduler.create()) {
            scheduler.spawn("parent", () -> {
                WireChannel<Integer> results = WireChannel.buffered("results", 3);
                List<Wire> children = List.of(1, 2, 3).stream()
                        .map(n -> scheduler.spawn("square-" + n, () -> results.send(n * n)))
                        .toList();
                for (Wire child : children) {
                    child.join();                  // suspends until the child has ended
                }
                results.close();
                int sum = 0;
                for (int r : results) {
                    sum += r;
                }
                log.add("sum " + sum);             // sum 14
            });
            scheduler.run();
        }
        // endregion
    }

    public static void scope(List<String> log) {
        // region scope
        try (WireScheduler scheduler = WireScheduler.create()) {
            scheduler.spawn("main", () -> {
                try (WireScope scope = WireScope.open(Duration.ofSeconds(1))) {   // a deadline for the whole scope
                    WireTask<Integer> a = scope.fork("a", () -> slowAnswer(20));
                    WireTask<Integer> b = scope.fork("b", () -> slowAnswer(22));
                    scope.join();                      // both have ended; a failure would be thrown here
                    log.add("sum " + (a.resultNow() + b.resultNow()));
                }
            });
            scheduler.run();
        }
        // log: sum 42
        // endregion
    }

    public static void failFast(List<String> log) {
        // region fail-fast
        try (WireScheduler scheduler = WireScheduler.create()) {
            scheduler.spawn("main", () -> {
                try (WireScope scope = WireScope.open()) {
                    scope.fork("slow", () -> {
                        try {
                            Wire.sleep(Duration.ofHours(1));
                        } finally {
                            log.add("slow cancelled");   // the first failure cancels the siblings
                        }
                    });
                    scope.fork("parser", () -> parse("x"));   // throws IOException
                    scope.join();
                } catch (WireFailedException e) {
                    log.add("scope failed: " + e.getCause());
                }
            });
            scheduler.run();
        }
        // log: slow cancelled, scope failed: java.io.IOException: not a number: x
        // endregion
    }

    public static void tasksAndFutures(List<String> log) throws InterruptedException {
        // region tasks-futures
        WireScheduler scheduler = WireScheduler.create();
        Thread runner;
        try (KeepAlive hold = scheduler.keepAlive()) {       // before run() starts: it then waits for submissions
            runner = scheduler.startThread("wires", 0);
            // from this plain thread: a value computed in a wire
            CompletableFuture<Integer> answer = scheduler.submit("answer", () -> 6 * 7);
            log.add("submitted: " + answer.join());
            // inside a wire: a task's value, and any CompletionStage, without blocking the thread
            CompletableFuture<String> done = scheduler.submit("user", () -> {
                WireTask<String> greeting = scheduler.spawnTask("greeter", () -> "hello");
                String fromPool = WireFutures.await(CompletableFuture.supplyAsync(() -> "world"));
                return greeting.join() + " " + fromPool;
            });
            log.add("awaited: " + done.join());
        }
        runner.join();                                       // run() returned: nothing left to do
        scheduler.close();
        // log: submitted: 42, awaited: hello world
        // endregion
    }

    private static int slowAnswer(int n) {
        Wire.sleep(Duration.ofMillis(5));
        return n;
    }

    private static int parse(String s) throws IOException {
        throw new IOException("not a number: " + s);
    }

    public static void failure(List<String> log) {
        // region failure
        try (WireScheduler scheduler = WireScheduler.create()) {
            scheduler.setExceptionHandler((wire, error) -> log.add("handler: " + wire.name() + " failed"));
            Wire parser = scheduler.spawn("parser", () -> {
                throw new IllegalArgumentException("bad input");
            });
            scheduler.spawn("supervisor", () -> {
                try {
                    parser.join();
                } catch (WireFailedException e) {  // the cause is the wire's exception, unchanged
                    log.add("join: " + e.getCause().getMessage());
                }
            });
            scheduler.run();
        }
        // log: handler: parser failed, join: bad input
        // endregion
    }

    public static void cancel(List<String> log) {
        // region cancel
        try (WireScheduler scheduler = WireScheduler.create()) {
            Wire sleeper = scheduler.spawn("sleeper", () -> {
                try {
                    Wire.sleep(Duration.ofHours(1));
                } finally {
                    log.add("cleaned up");          // finally blocks run: the wire unwinds
                }
            });
            scheduler.spawn("canceller", () -> {
                Wire.sleep(Duration.ofMillis(5));
                sleeper.cancel();                   // WireCancelledException inside "sleeper"
                sleeper.join();                     // ends normally: cancellation is not a failure
                log.add("sleeper is " + sleeper.state());
            });
            scheduler.run();
        }
        // log: cleaned up, sleeper is ENDED
        // endregion
    }
}
