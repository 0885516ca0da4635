package io.jwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.testing.StressScale;
import io.jwire.testing.WireTestHarness;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WireScopeTest {

    @Test
    void aHundredThousandForkedChildrenSumExactly() {
        long[] sum = new long[1];
        int[] n = new int[1];
        WireTestHarness.run(s -> {
            n[0] = StressScale.of(s, 100_000, 100_000);
            s.spawn("main", () -> {
                List<WireTask<Long>> tasks = new ArrayList<>(n[0]);
                try (WireScope scope = WireScope.open()) {
                    for (int i = 1; i <= n[0]; i++) {
                        long v = i;
                        tasks.add(scope.fork("child " + i, () -> {
                            Wire.yieldNow();
                            return v;
                        }));
                    }
                    scope.join();
                    assertEquals(0, scope.liveChildren());
                }
                for (WireTask<Long> t : tasks) {
                    sum[0] += t.resultNow();
                }
            });
        });
        long expected = (long) n[0] * (n[0] + 1) / 2;
        assertEquals(expected, sum[0]);
    }

    @Test
    void aFailureInOneOfAThousandCancelsTheRestAndEachFinallyRunsOnce() {
        int children = 1_000;
        int[] finallies = new int[children];
        IllegalStateException boom = new IllegalStateException("boom");
        Throwable[] thrown = new Throwable[1];
        List<WireTask<Void>> tasks = new ArrayList<>();
        WireTestHarness.run(s -> s.spawn("main", () -> {
            try (WireScope scope = WireScope.open()) {
                for (int i = 0; i < children; i++) {
                    int me = i;
                    tasks.add(scope.fork("child " + i, () -> {
                        try {
                            if (me == 500) {
                                Wire.yieldNow();
                                throw boom;
                            }
                            Wire.sleep(Duration.ofHours(1));
                        } finally {
                            finallies[me]++;
                        }
                    }));
                }
                thrown[0] = assertThrows(WireFailedException.class, scope::join);
                assertTrue(scope.isCancelled());
            }
        }));
        assertSame(boom, thrown[0].getCause());
        assertEquals(0, thrown[0].getSuppressed().length, "cancelled siblings are not failures");
        assertTrue(thrown[0].getMessage().contains("child 'child 500'"), thrown[0].getMessage());
        int[] once = new int[children];
        Arrays.fill(once, 1);
        assertEquals(Arrays.toString(once), Arrays.toString(finallies));
        for (int i = 0; i < children; i++) {
            assertEquals(i == 500 ? Future.State.FAILED : Future.State.CANCELLED, tasks.get(i).state(), "child " + i);
        }
    }

    @Test
    void nestedScopesThreeDeepCancelledFromTheTopRunFinallyBlocksBottomUp() {
        List<String> order = new ArrayList<>();
        Throwable[] topGot = new Throwable[1];
        WireTestHarness.run(s -> {
            Wire top = s.spawn("top", () -> {
                try (WireScope outer = WireScope.open()) {
                    outer.fork("middle", () -> {
                        try (WireScope mid = WireScope.open()) {
                            mid.fork("lower", () -> {
                                try (WireScope inner = WireScope.open()) {
                                    inner.fork("leaf", () -> {
                                        try {
                                            Wire.suspend();
                                        } finally {
                                            order.add("leaf");
                                        }
                                    });
                                    inner.join();
                                } finally {
                                    order.add("lower");
                                }
                            });
                            mid.join();
                        } finally {
                            order.add("middle");
                        }
                    });
                    outer.join();
                } catch (WireCancelledException e) {
                    topGot[0] = e;
                    throw e;
                } finally {
                    order.add("top");
                }
            });
            s.spawn("killer", () -> {
                // Each yield lets every ready wire run once: four yields spawn and suspend the chain.
                // No sleep: on a loaded machine a timer could fire before the leaf was even forked.
                String dump = s.dump();
                for (int i = 0; i < 100 && !dump.contains("wire 'leaf' SUSPENDED"); i++) {
                    Wire.yieldNow();
                    dump = s.dump();
                }
                assertTrue(dump.contains("scope tree:"), dump);
                assertTrue(dump.contains("wire 'leaf' SUSPENDED"), dump);
                top.cancel();
            });
        });
        assertEquals(List.of("leaf", "lower", "middle", "top"), order);
        assertInstanceOf(WireCancelledException.class, topGot[0]);
    }

    @Test
    void aSupervisorCollectsEveryFailureAndTheSiblingsRunOn() {
        Throwable[] thrown = new Throwable[1];
        List<WireTask<Integer>> tasks = new ArrayList<>();
        List<RuntimeException> failures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            failures.add(new RuntimeException("failure " + i));
        }
        WireTestHarness.run(s -> s.spawn("main", () -> {
            try (WireScope scope = WireScope.openSupervisor()) {
                assertTrue(scope.isSupervisor());
                for (int i = 0; i < 10; i++) {
                    int me = i;
                    tasks.add(scope.fork("child " + i, () -> {
                        Wire.sleep(Duration.ofMillis(me * 2L)); // failures at 0, 6 and 12 ms; the last ends at 18 ms
                        if (me % 3 == 0 && me < 9) {
                            throw failures.get(me / 3);
                        }
                        return me;
                    }));
                }
                thrown[0] = assertThrows(WireFailedException.class, scope::join);
                assertFalse(scope.isCancelled());
            }
        }));
        assertSame(failures.get(0), thrown[0].getCause());
        assertEquals(List.of(failures.get(1), failures.get(2)), Arrays.asList(thrown[0].getSuppressed()));
        assertTrue(thrown[0].getMessage().startsWith("3 of 10 children of supervisor scope of wire 'main' failed"),
                thrown[0].getMessage());
        for (int i = 0; i < 10; i++) {
            if (i % 3 == 0 && i < 9) {
                assertSame(failures.get(i / 3), tasks.get(i).exception());
            } else {
                assertEquals(i, tasks.get(i).resultNow(), "sibling " + i + " ran to its end");
            }
        }
    }

    @Test
    void aDeadlineCancelsTheScopeAndJoinThrowsTimeout() {
        Throwable[] thrown = new Throwable[1];
        int[] started = new int[1];
        int[] finallies = new int[1];
        List<WireTask<String>> tasks = new ArrayList<>();
        long[] elapsed = new long[1];
        WireTestHarness.run(s -> s.spawn("main", () -> {
            long start = System.nanoTime();
            try (WireScope scope = WireScope.open(Duration.ofMillis(200))) {
                tasks.add(scope.fork("quick", () -> "done"));
                for (int i = 0; i < 3; i++) {
                    tasks.add(scope.fork("slow " + i, () -> {
                        started[0]++;
                        try {
                            Wire.sleep(Duration.ofSeconds(30));
                            return "too late";
                        } finally {
                            finallies[0]++;
                        }
                    }));
                }
                thrown[0] = assertThrows(WireTimeoutException.class, scope::join);
                elapsed[0] = System.nanoTime() - start;
                WireTask<String> late = scope.fork("late", () -> "never runs");
                assertThrows(WireTimeoutException.class, scope::join);
                assertEquals(Future.State.CANCELLED, late.state(), "a fork after the deadline starts cancelled");
            }
        }));
        assertTrue(thrown[0].getMessage().contains("passed its deadline of PT0.2S"), thrown[0].getMessage());
        assertTrue(elapsed[0] >= Duration.ofMillis(200).toNanos(), "not before the deadline: " + elapsed[0]);
        assertTrue(elapsed[0] < Duration.ofSeconds(20).toNanos(), "not after the slow children: " + elapsed[0]);
        // A child cancelled before its first turn never enters its body (a descheduled test thread
        // can outlast the deadline before the children run); every child that started ran its
        // finally once.
        assertEquals(started[0], finallies[0]);
        assertEquals("done", tasks.get(0).resultNow());
        for (int i = 1; i < 4; i++) {
            assertEquals(Future.State.CANCELLED, tasks.get(i).state());
        }
    }

    @Test
    void aDeadlineThatDoesNotPassNeitherThrowsNorKeepsTheSchedulerRunning() {
        long start = System.nanoTime();
        WireTestHarness.run(s -> s.spawn("main", () -> {
            try (WireScope scope = WireScope.open(Duration.ofSeconds(30))) {
                WireTask<Integer> t = scope.fork("quick", () -> 7);
                scope.join();
                assertEquals(7, t.resultNow());
            }
        }));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "run() waited for a disarmed deadline");
    }

    @Test
    void cancellingTheScopeStopsTheChildrenAndJoinReturnsNormally() {
        List<WireTask<Integer>> tasks = new ArrayList<>();
        WireTestHarness.run(s -> s.spawn("main", () -> {
            try (WireScope scope = WireScope.open()) {
                tasks.add(scope.fork("finder", () -> {
                    Wire.sleep(Duration.ofMillis(5));
                    scope.cancel(); // the answer is in: stop the others
                    return 42;
                }));
                tasks.add(scope.fork("searcher", () -> {
                    Wire.sleep(Duration.ofSeconds(30));
                    return -1;
                }));
                scope.join();
                assertFalse(Wire.current().isCancelled(), "the owner is not cancelled");
            }
        }));
        assertEquals(42, tasks.get(0).resultNow());
        assertEquals(Future.State.CANCELLED, tasks.get(1).state());
    }

    @Test
    void closeWithoutJoinCancelsTheRunningChildrenAndSaysSo() {
        Throwable[] thrown = new Throwable[1];
        int[] finallies = new int[1];
        WireTestHarness.run(s -> s.spawn("main", () -> thrown[0] = assertThrows(IllegalStateException.class, () -> {
            try (WireScope scope = WireScope.open()) {
                forkSuspended(scope, "forgotten", finallies);
                Wire.yieldNow();
            }
        })));
        assertEquals(1, finallies[0]);
        assertTrue(thrown[0].getMessage().contains("was closed while 1 of its children were still running, so they were cancelled"),
                thrown[0].getMessage());
    }

    @Test
    void aBlockThatThrowsCancelsTheChildrenAndKeepsItsException() {
        IOException bodyFailure = new IOException("block failed");
        Throwable[] thrown = new Throwable[1];
        int[] finallies = new int[1];
        WireTestHarness.run(s -> s.spawn("main", () -> thrown[0] = assertThrows(IOException.class, () -> {
            try (WireScope scope = WireScope.open()) {
                scope.fork("child", () -> {
                    try {
                        Wire.sleep(Duration.ofSeconds(30));
                    } finally {
                        finallies[0]++;
                    }
                });
                Wire.yieldNow();
                throw bodyFailure;
            }
        })));
        assertSame(bodyFailure, thrown[0]);
        assertEquals(1, finallies[0]);
        assertEquals(1, thrown[0].getSuppressed().length);
        assertInstanceOf(IllegalStateException.class, thrown[0].getSuppressed()[0]);
    }

    @Test
    void aCheckedExceptionOfAChildKeepsItsTypeAsTheCause() {
        IOException io = new IOException("disk");
        Throwable[] thrown = new Throwable[2];
        WireTestHarness.run(s -> s.spawn("main", () -> {
            try (WireScope scope = WireScope.open()) {
                WireTask<String> t = scope.fork("reader", () -> {
                    throw io;
                });
                thrown[0] = assertThrows(IOException.class, () -> t.join(IOException.class));
                thrown[1] = assertThrows(WireFailedException.class, scope::join);
            }
        }));
        assertSame(io, thrown[0]);
        assertSame(io, thrown[1].getCause());
    }

    @Test
    void childrenMayForkSiblingsAndJoinWaitsForThem() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> s.spawn("main", () -> {
            try (WireScope scope = WireScope.open()) {
                scope.fork("parent", () -> {
                    scope.fork("sibling", () -> {
                        Wire.sleep(Duration.ofMillis(5));
                        out.add("sibling");
                    });
                    out.add("parent");
                });
                scope.join();
                out.add("joined");
            }
        }));
        assertEquals(List.of("parent", "sibling", "joined"), out);
    }

    @Test
    void anOwnerThatEndsWithItsScopeOpenIsReportedAndItsChildrenCancelled() {
        int[] finallies = new int[1];
        List<Throwable> failures = WireTestHarness.runExpectingFailures(s -> s.spawn("careless", () -> {
            WireScope scope = WireScope.open();
            forkSuspended(scope, "orphan", finallies);
            Wire.yieldNow();
        }));
        assertEquals(1, finallies[0]);
        assertEquals(1, failures.size(), failures.toString());
        assertTrue(failures.get(0).getMessage().contains("wire 'careless' ended with 1 scope(s) still open"),
                failures.get(0).getMessage());
    }

    @Test
    void misuseFailsLoudly() {
        assertThrows(NotInWireException.class, WireScope::open);
        WireTestHarness.run(s -> s.spawn("main", () -> {
            try (WireScope scope = WireScope.open()) {
                WireTask<Void> other = scope.fork("other", () -> {
                    IllegalStateException e = assertThrows(IllegalStateException.class, scope::join);
                    assertTrue(e.getMessage().contains("wire 'other' called WireScope.join() on fail-fast scope of wire 'main'"),
                            e.getMessage());
                    assertThrows(IllegalStateException.class, scope::close);
                });
                scope.join();
                assertEquals(Future.State.SUCCESS, other.state());
                assertThrows(IllegalArgumentException.class, () -> WireScope.open(Duration.ofMillis(-1)));
                scope.close();
                IllegalStateException late = assertThrows(IllegalStateException.class, () -> scope.fork("late", () -> 1));
                assertTrue(late.getMessage().contains("it is closed"), late.getMessage());
            }
        }));
    }

    @Test
    void theStuckReportShowsTheScopeTree() {
        WireDeadlockException e;
        try (WireScheduler s = WireScheduler.create()) {
            s.spawn("main", () -> {
                try (WireScope scope = WireScope.openSupervisor()) {
                    scope.fork("stuck child", () -> {
                        try (WireScope inner = WireScope.open()) {
                            inner.fork("grandchild", () -> Wire.suspend());
                            inner.join();
                        }
                    });
                    scope.fork("second child", () -> Wire.suspend());
                    scope.join();
                }
            });
            e = assertThrows(WireDeadlockException.class, s::run);
        }
        String report = e.getMessage();
        assertTrue(report.contains("wire 'main' SUSPENDED waiting on join of supervisor scope of wire 'main' (2 of 2 children running)"),
                report);
        String tree = report.substring(report.indexOf("scope tree:"));
        assertTrue(tree.contains("""
                scope tree:
                  wire 'main' SUSPENDED
                    supervisor scope: 2 of 2 children running
                      wire 'stuck child' SUSPENDED
                        fail-fast scope: 1 of 1 children running
                          wire 'grandchild' SUSPENDED
                      wire 'second child' SUSPENDED
                """), tree);
    }

    @Test
    void theAccessorsSayWhatKindOfScopeItIsWhoOwnsItAndHowManyChildrenRun() {
        WireTestHarness.inWire(() -> {
            try (WireScope sup = WireScope.openSupervisor()) {
                assertTrue(sup.isSupervisor());
                assertSame(Wire.current(), sup.owner());
                assertEquals(0, sup.liveChildren());
                sup.fork("a", () -> Wire.yieldNow());
                sup.fork("b", () -> 2);
                assertEquals(2, sup.liveChildren());
                sup.join();
                assertEquals(0, sup.liveChildren());
                sup.close();
                assertFalse(sup.isCancelled(), "closing a scope whose children all ended cancels nothing");
            }
            try (WireScope failFast = WireScope.open()) {
                assertFalse(failFast.isSupervisor());
                assertEquals("fail-fast scope of wire 'main'", failFast.toString());
            }
            try (WireScope timed = WireScope.openSupervisor(Duration.ofHours(1))) {
                assertTrue(timed.isSupervisor());
                assertEquals("supervisor scope of wire 'main'", timed.toString());
                NullPointerException e = assertThrows(NullPointerException.class, () -> timed.fork("x", (Runnable) null));
                assertEquals("WireScope.fork(\"x\", body) got a null body", e.getMessage());
            }
        });
    }

    @Test
    void forkAndCancelFromAThreadThatRunsNoSchedulerAreRefused() {
        WireTestHarness.inWire(() -> {
            try (WireScope scope = WireScope.open()) {
                CompletableFuture<List<RuntimeException>> refused = new CompletableFuture<>();
                Thread intruder = new Thread(() -> {
                    List<RuntimeException> thrown = new ArrayList<>();
                    for (Runnable call : List.<Runnable>of(() -> scope.fork("stray", () -> 1), scope::cancel)) {
                        try {
                            call.run();
                        } catch (RuntimeException e) {
                            thrown.add(e);
                        }
                    }
                    refused.complete(thrown);
                }, "intruder");
                intruder.start();
                List<RuntimeException> thrown = WireFutures.await(refused);
                assertEquals(2, thrown.size(), thrown.toString());
                for (RuntimeException e : thrown) {
                    assertInstanceOf(NotInWireException.class, e);
                    assertTrue(e.getMessage().contains("on fail-fast scope of wire 'main' from thread 'intruder', which runs no scheduler"),
                            e.getMessage());
                }
                assertEquals(0, scope.liveChildren(), "nothing was forked");
                assertFalse(scope.isCancelled(), "nothing was cancelled");
                scope.join();
            }
        });
    }

    @Test
    void closeWithoutJoinWaitsForTheCancelledChildrenBeforeItThrows() {
        WireTestHarness.inWire(() -> {
            int[] finallies = new int[1];
            WireScope scope = WireScope.open();
            forkSuspended(scope, "forgotten", finallies);
            Wire.yieldNow();
            assertThrows(IllegalStateException.class, scope::close);
            assertEquals(1, finallies[0], "the child has ended when close() returns");
            assertEquals(0, scope.liveChildren());
        });
    }

    @Test
    void closeWhileChildrenRunCarriesTheFailuresSoFar() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException second = new IllegalStateException("second");
        Throwable[] thrown = new Throwable[1];
        WireTestHarness.inWire(() -> {
            WireScope scope = WireScope.openSupervisor();
            scope.fork("one", () -> {
                throw first;
            });
            scope.fork("two", () -> {
                throw second;
            });
            scope.fork("slow", () -> Wire.suspend());
            while (scope.liveChildren() > 1) {
                Wire.yieldNow();
            }
            thrown[0] = assertThrows(IllegalStateException.class, scope::close);
        });
        assertTrue(thrown[0].getMessage().contains("was closed while 1 of its children were still running"), thrown[0].getMessage());
        assertEquals(List.of(first, second), Arrays.asList(thrown[0].getSuppressed()));
    }

    @Test
    void closeWithoutJoinAfterAFailureThrowsIt() {
        IllegalStateException boom = new IllegalStateException("boom");
        Throwable[] thrown = new Throwable[1];
        WireTestHarness.inWire(() -> {
            WireScope scope = WireScope.open();
            scope.fork("bad", () -> {
                throw boom;
            });
            while (scope.liveChildren() > 0) {
                Wire.yieldNow();
            }
            thrown[0] = assertThrows(WireFailedException.class, scope::close);
        });
        assertSame(boom, thrown[0].getCause());
        assertEquals("child 'bad' of fail-fast scope of wire 'main' failed (its siblings were cancelled): " + boom,
                thrown[0].getMessage());
    }

    @Test
    void anOwnerCancelledWhileJoiningCancelsItsChildrenAndCarriesTheirFailures() {
        IllegalStateException boom = new IllegalStateException("boom");
        int[] finallies = new int[1];
        boolean[] started = new boolean[1];
        Throwable[] thrown = new Throwable[1];
        WireTestHarness.run(s -> {
            Wire main = s.spawn("main", () -> {
                try (WireScope scope = WireScope.openSupervisor()) {
                    scope.fork("bad", () -> {
                        throw boom;
                    });
                    scope.fork("stubborn", () -> {
                        try {
                            started[0] = true;
                            Wire.suspend();
                        } finally {
                            finallies[0]++;
                        }
                    });
                    thrown[0] = assertThrows(WireCancelledException.class, scope::join);
                    assertEquals(1, finallies[0], "the owner's cancel reached the child before join() returned");
                    assertEquals(0, scope.liveChildren());
                }
            });
            s.spawn("canceller", () -> {
                while (main.state() != WireState.SUSPENDED || !started[0]) { // a child cancelled before it starts runs nothing
                    Wire.yieldNow();
                }
                main.cancel();
            });
        });
        assertEquals(List.of(boom), Arrays.asList(thrown[0].getSuppressed()));
    }

    @Test
    void aDeadlineCarriesTheFailuresSoFar() {
        IllegalStateException boom = new IllegalStateException("boom");
        Throwable[] thrown = new Throwable[1];
        WireTestHarness.inWire(() -> {
            try (WireScope scope = WireScope.openSupervisor(Duration.ofSeconds(1))) {
                scope.fork("bad", () -> {
                    throw boom;
                });
                scope.fork("sleeper", () -> Wire.sleep(Duration.ofHours(1)));
                thrown[0] = assertThrows(WireTimeoutException.class, scope::join);
            }
        });
        assertEquals("supervisor scope of wire 'main' passed its deadline of PT1S; its children were cancelled", thrown[0].getMessage());
        assertEquals(List.of(boom), Arrays.asList(thrown[0].getSuppressed()));
    }

    @Test
    void anAbandonedScopeReportsItsFailuresTheOpenScopesAndLateFailuresOfItsChildren() {
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException late = new IllegalStateException("late");
        List<Throwable> failures = WireTestHarness.runExpectingFailures(s -> s.spawn("careless", () -> {
            WireScope scope = WireScope.openSupervisor();
            scope.fork("bad", () -> {
                throw boom;
            });
            scope.fork("orphan", () -> {
                try {
                    Wire.suspend();
                } catch (WireCancelledException e) {
                    throw late; // wrong on purpose: fails after its scope was abandoned
                }
            });
            while (scope.liveChildren() > 1) {
                Wire.yieldNow();
            }
        }));
        assertEquals(3, failures.size(), failures.toString());
        assertSame(boom, failures.get(0), "the abandoned scope's failure is reported, nobody can join it");
        assertEquals("wire 'careless' ended with 1 scope(s) still open, so their 1 running children were cancelled; "
                + "open scopes with try-with-resources and join() them", failures.get(1).getMessage());
        assertSame(late, failures.get(2), "a child of an abandoned scope that fails later is reported too");
    }

    @Test
    void aScopeClosedOutOfOrderLeavesTheOthersOpen() {
        List<Throwable> failures = WireTestHarness.runExpectingFailures(s -> s.spawn("untidy", () -> {
            WireScope outer = WireScope.open();
            WireScope inner = WireScope.open();
            outer.close(); // before the inner one: tolerated
            assertFalse(inner.isCancelled());
        }));
        assertEquals(1, failures.size(), failures.toString());
        assertTrue(failures.get(0).getMessage().startsWith("wire 'untidy' ended with 1 scope(s) still open, so their 0 running"),
                failures.get(0).getMessage());
    }

    @Test
    void theDumpShowsTheScopeTreeWithTheDeadlineAndAtMostTwentyChildren() {
        WireTestHarness.inWire(() -> {
            try (WireScope scope = WireScope.openSupervisor(Duration.ofHours(1))) {
                scope.fork("nested", () -> {
                    try (WireScope inner = WireScope.open()) {
                        inner.fork("grandchild", () -> Wire.suspend());
                        inner.join();
                    }
                });
                for (int i = 0; i < 22; i++) {
                    scope.fork("child " + i, () -> Wire.suspend());
                }
                Wire.yieldNow(); // every child runs up to its first suspend
                Wire.yieldNow(); // and the grandchild forked meanwhile
                String dump = WireScheduler.current().dump();
                String tree = dump.substring(dump.indexOf("scope tree:\n"));
                String head = "scope tree:\n  wire 'main' RUNNING\n    supervisor scope: 23 of 23 children running, deadline in ";
                assertTrue(tree.startsWith(head), tree);
                long ms = Long.parseLong(tree.substring(head.length(), tree.indexOf(" ms\n")));
                assertTrue(ms > 3_500_000 && ms <= 3_600_000, "about an hour: " + ms + " ms");
                assertTrue(tree.contains(" ms\n      wire 'nested' SUSPENDED\n        fail-fast scope: 1 of 1 children running\n"
                        + "          wire 'grandchild' SUSPENDED\n      wire 'child 0' SUSPENDED\n"), tree);
                assertEquals(1, tree.split("wire 'nested'", -1).length - 1, "an open child is shown under its scope only: " + tree);
                assertTrue(tree.endsWith("      wire 'child 18' SUSPENDED\n      ... and 3 more\n"), tree);
                assertFalse(tree.contains("child 19"), tree);
                scope.cancel();
                scope.join();
            }
        });
    }

    @Test
    void aCancelOfTheOwnerReachesItsScopesChildrenAtOnce() {
        boolean[] cancelledWithTheOwner = new boolean[1];
        WireTestHarness.run(s -> {
            Wire main = s.spawn("main", () -> {
                WireScope scope = WireScope.open();
                scope.fork("child", () -> Wire.suspend());
                try {
                    Wire.sleep(Duration.ofHours(1));
                } catch (WireCancelledException e) {
                    cancelledWithTheOwner[0] = scope.isCancelled(); // before close(), which would cancel them anyway
                }
                scope.close();
            });
            s.spawn("canceller", () -> {
                while (main.state() != WireState.SUSPENDED) {
                    Wire.yieldNow();
                }
                main.cancel();
            });
        });
        assertTrue(cancelledWithTheOwner[0]);
    }

    /** Forks a child that suspends until it is cancelled and counts its {@code finally} in {@code finallies[0]}. */
    private static void forkSuspended(WireScope scope, String name, int[] finallies) {
        scope.fork(name, () -> {
            try {
                Wire.suspend();
            } finally {
                finallies[0]++;
            }
        });
    }
}
