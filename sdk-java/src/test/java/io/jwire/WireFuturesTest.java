package io.jwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.testing.WireTestHarness;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WireFuturesTest {

    /** Runs {@code s} on its own thread with a keep-alive, lets {@code outside} use it, then ends the run and rethrows wire failures. */
    private static void runBeside(WireScheduler s, ThrowingConsumer outside) throws Exception {
        List<Throwable> failures = WireTestHarness.watch(s);
        Throwable[] runFailure = new Throwable[1];
        KeepAlive hold = s.keepAlive();
        Thread runner = new Thread(() -> {
            try {
                s.run();
            } catch (Throwable t) {
                runFailure[0] = t;
            }
        }, "scheduler");
        runner.start();
        try {
            outside.accept(s);
        } finally {
            hold.close();
            runner.join(TimeUnit.SECONDS.toMillis(60));
        }
        assertFalse(runner.isAlive(), "run() returned");
        if (runFailure[0] != null) {
            throw new AssertionError("run() threw", runFailure[0]);
        }
        WireTestHarness.rethrow(failures);
    }

    interface ThrowingConsumer {
        void accept(WireScheduler s) throws Exception;
    }

    @Test
    void tenThousandSubmitsFromFourThreadsEachGetTheirOwnResult() throws Exception {
        int threads = 4;
        int each = 2_500;
        try (WireScheduler s = WireScheduler.create()) { // runs beside this thread: runBeside watches it and rethrows
            runBeside(s, sched -> {
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                try {
                    List<Future<Long>> submitters = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        int thread = t;
                        submitters.add(pool.submit(() -> {
                            List<CompletableFuture<Long>> futures = new ArrayList<>(each);
                            for (int i = 0; i < each; i++) {
                                long key = thread * 1_000_000L + i;
                                futures.add(sched.submit("job " + key, () -> {
                                    Wire.yieldNow();
                                    return key * key;
                                }));
                            }
                            long wrong = 0;
                            for (int i = 0; i < each; i++) {
                                long key = thread * 1_000_000L + i;
                                if (futures.get(i).get(30, TimeUnit.SECONDS) != key * key) {
                                    wrong++;
                                }
                            }
                            return wrong;
                        }));
                    }
                    for (Future<Long> f : submitters) {
                        assertEquals(0L, f.get(60, TimeUnit.SECONDS), "results that were not their own");
                    }
                } finally {
                    pool.shutdownNow();
                }
            });
        }
    }

    @Test
    void aWireAwaitsTenThousandStagesCompletedFromOtherThreads() throws Exception {
        ExecutorService completers = Executors.newFixedThreadPool(4);
        int n = 10_000;
        long[] sum = new long[1];
        WireScheduler[] sched = new WireScheduler[1];
        try {
            WireTestHarness.run(s -> {
                sched[0] = s;
                int[] otherWireTurns = new int[1];
                Wire[] awaiter = new Wire[1];
                awaiter[0] = s.spawn("awaiter", () -> {
                    for (int i = 1; i <= n; i++) {
                        int v = i;
                        CompletableFuture<Integer> stage = new CompletableFuture<>();
                        completers.execute(() -> {
                            while (awaiter[0].state() != WireState.SUSPENDED) { // complete it while the wire waits
                                Thread.yield();
                            }
                            stage.complete(v);
                        });
                        sum[0] += WireFutures.await(stage);
                    }
                    assertTrue(otherWireTurns[0] > 0, "the scheduler thread was not blocked");
                });
                s.spawn("other", () -> {
                    for (int i = 0; i < 100; i++) {
                        otherWireTurns[0]++;
                        Wire.yieldNow();
                    }
                });
            });
        } finally {
            completers.shutdownNow();
        }
        assertEquals((long) n * (n + 1) / 2, sum[0]);
        assertTrue(sched[0].switchCount() >= n, "every await suspended the wire: " + sched[0].switchCount() + " switches");
    }

    @Test
    void awaitReportsLikeCompletableFutureJoin() {
        IOException io = new IOException("io");
        WireTestHarness.run(s -> s.spawn("awaiter", () -> {
            assertEquals("done", WireFutures.await(CompletableFuture.completedFuture("done")));
            CompletionException failed = assertThrows(CompletionException.class,
                    () -> WireFutures.await(CompletableFuture.failedFuture(io)));
            assertSame(io, failed.getCause());
            CompletableFuture<String> cancelled = new CompletableFuture<>();
            cancelled.cancel(false);
            assertThrows(CancellationException.class, () -> WireFutures.await(cancelled));

            CompletableFuture<String> later = new CompletableFuture<>();
            CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS).execute(() -> later.completeExceptionally(io));
            CompletionException laterFailed = assertThrows(CompletionException.class, () -> WireFutures.await(later));
            assertSame(io, laterFailed.getCause());
        }));
        assertThrows(NotInWireException.class, () -> WireFutures.await(new CompletableFuture<>()));
    }

    @Test
    void aStageCompletedByAnotherWireOfTheSameSchedulerWakesTheAwaiter() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            CompletableFuture<String> stage = new CompletableFuture<>();
            s.spawn("awaiter", () -> out.add("got " + WireFutures.await(stage)));
            s.spawn("completer", () -> {
                Wire.yieldNow();
                out.add("completing");
                stage.complete("hello");
                out.add("completed");
            });
        });
        assertEquals(List.of("completing", "completed", "got hello"), out);
    }

    @Test
    void cancellingTheAwaitingWireStopsTheWaitAndLeavesTheStageAlone() {
        CompletableFuture<String> never = new CompletableFuture<>();
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            Wire awaiter = s.spawn("awaiter", () -> {
                try {
                    WireFutures.await(never);
                    out.add("returned");
                } catch (WireCancelledException e) {
                    out.add("cancelled");
                    throw e;
                }
            });
            s.spawn("canceller", () -> {
                Wire.sleep(Duration.ofMillis(10));
                assertTrue(s.dump().contains("wire 'awaiter' SUSPENDED waiting on a CompletionStage"), s.dump());
                awaiter.cancel();
            });
        }); // returns: the awaiter's keep-alive was released
        assertEquals(List.of("cancelled"), out);
        assertFalse(never.isDone(), "the stage was neither completed nor cancelled");
        never.complete("late"); // a late completion wakes nobody and breaks nothing
    }

    @Test
    void aTimedAwaitGivesUpAndLeavesTheStageAlone() {
        CompletableFuture<String> never = new CompletableFuture<>();
        Throwable[] thrown = new Throwable[1];
        WireTestHarness.run(s -> s.spawn("awaiter", () -> {
            thrown[0] = assertThrows(WireTimeoutException.class, () -> WireFutures.await(never, Duration.ofMillis(20)));
            CompletableFuture<Integer> soon = new CompletableFuture<>();
            CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS).execute(() -> soon.complete(5));
            assertEquals(5, WireFutures.await(soon, Duration.ofSeconds(30)));
        }));
        assertFalse(never.isDone());
        assertTrue(thrown[0].getMessage().contains("wire 'awaiter'") && thrown[0].getMessage().contains("did not complete in time"),
                thrown[0].getMessage());
    }

    @Test
    void cancellingTheFutureCancelsTheWire() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch cleanedUp = new CountDownLatch(1);
        try (WireScheduler s = WireScheduler.create()) { // runs beside this thread: runBeside watches it and rethrows
            runBeside(s, sched -> {
                CompletableFuture<String> f = sched.submit("sleeper", () -> {
                    try {
                        started.countDown();
                        Wire.sleep(Duration.ofHours(1));
                        return "woke";
                    } finally {
                        cleanedUp.countDown();
                    }
                });
                assertTrue(started.await(30, TimeUnit.SECONDS));
                assertTrue(f.cancel(true));
                assertTrue(cleanedUp.await(30, TimeUnit.SECONDS), "the wire's finally block ran");
                assertTrue(f.isCancelled());
                assertThrows(CancellationException.class, f::get);
            });
        }
    }

    @Test
    void aSubmittedFailureCompletesTheFutureAndIsNotReportedElsewhere() throws Exception {
        IOException io = new IOException("checked");
        AtomicInteger handled = new AtomicInteger();
        try (WireScheduler s = WireScheduler.create()) { // its own handler: the point is that a submitted failure reaches no handler
            s.setExceptionHandler((w, t) -> handled.incrementAndGet());
            CompletableFuture<String> f = s.submit("failing", () -> {
                throw io;
            });
            CompletableFuture<String> cancelledInside = s.submit("cancelled", () -> {
                Wire.current().cancel();
                Wire.yieldNow();
                return "never";
            });
            s.run();
            ExecutionException e = assertThrows(ExecutionException.class, f::get);
            assertSame(io, e.getCause());
            assertTrue(cancelledInside.isCancelled());
        }
        assertEquals(0, handled.get());
    }

    @Test
    void aSubmittedFailureDoesNotMakeRunThrow() {
        try (WireScheduler s = WireScheduler.create()) { // created directly: the point is that run() does not throw a failure the future took over
            CompletableFuture<Object> f = s.submit("failing", () -> {
                throw new IllegalStateException("taken over by the future");
            });
            s.run();
            assertInstanceOf(IllegalStateException.class, assertThrows(CompletionException.class, f::join).getCause());
        }
    }

    @Test
    void closingTheSchedulerCancelsPendingSubmissions() throws Exception {
        WireScheduler s = WireScheduler.create(); // never runs: the point is what close() does to pending submissions
        CompletableFuture<String> f = s.submit("sleeper", () -> {
            Wire.suspend();
            return "never";
        });
        s.close();
        assertTrue(f.isCancelled());
        assertThrows(SchedulerClosedException.class, () -> s.submit("late", () -> 1));
    }

    @Test
    void cancellingTheFutureOfAnEndedWireSaysItDidNothing() throws Exception {
        List<CompletableFuture<Integer>> f = new ArrayList<>();
        WireTestHarness.run(s -> f.add(s.submit("done", () -> 7)));
        assertEquals(7, f.get(0).get());
        assertFalse(f.get(0).cancel(true), "already completed: not cancelled");
        assertEquals(7, f.get(0).get());
    }

    @Test
    void awaitingNullSaysWhichCallGotIt() {
        WireTestHarness.inWire(() -> {
            NullPointerException e = assertThrows(NullPointerException.class, () -> WireFutures.await(null));
            assertEquals("WireFutures.await(CompletionStage): the stage must not be null", e.getMessage());
            NullPointerException timed = assertThrows(NullPointerException.class, () -> WireFutures.await(null, Duration.ofSeconds(1)));
            assertEquals("WireFutures.await(CompletionStage, Duration): the stage must not be null", timed.getMessage());
        });
    }
}
