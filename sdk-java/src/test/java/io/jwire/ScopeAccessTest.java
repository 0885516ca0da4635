package io.jwire;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.internal.ScopeAccess;
import io.jwire.internal.Waiter;
import io.jwire.testing.WireTestHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link ScopeAccess}: a deferred owner cancel, and children's failures left unobserved. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ScopeAccessTest {

    @Test
    void aDeferredOwnerCancelLetsAChildNotStartedYetRunAndReachesItAtClose() {
        List<String> log = new ArrayList<>();
        boolean[] cancelledWithTheOwner = new boolean[1];
        List<WireTask<Void>> child = new ArrayList<>();
        WireTestHarness.run(s -> {
            Wire owner = s.spawn("owner", () -> {
                try (WireScope scope = openDeferred()) {
                    child.add(scope.fork("child", () -> {
                        log.add("child started");
                        try {
                            Wire.sleep(Duration.ofHours(1));
                        } finally {
                            log.add("child finally");
                        }
                    }));
                    try {
                        Wire.sleep(Duration.ofHours(1));
                    } finally {
                        cancelledWithTheOwner[0] = scope.isCancelled();
                        log.add("owner finally");
                    }
                }
            });
            // runs once the owner has forked the child and sleeps, before the child started: a default
            // scope would cancel the child now, and it would end without running
            s.spawn("canceller", owner::cancel);
        });
        assertFalse(cancelledWithTheOwner[0], "the owner's cancel did not reach the children by itself");
        assertEquals(List.of("child started", "owner finally", "child finally"), log);
        assertEquals(Future.State.CANCELLED, child.get(0).state());
        assertEquals(WireState.ENDED, child.get(0).wire().state());
    }

    @Test
    void aDeferredOwnerCancelReachesTheChildrenWhenTheOwnerWaitsInJoin() {
        List<String> log = new ArrayList<>();
        WireTestHarness.run(s -> {
            Wire owner = s.spawn("owner", () -> {
                try (WireScope scope = openDeferred()) {
                    scope.fork("child", () -> {
                        try {
                            Wire.sleep(Duration.ofHours(1));
                        } finally {
                            log.add("child finally");
                        }
                    });
                    scope.join();
                } catch (WireCancelledException e) {
                    log.add("owner got the cancel");
                }
            });
            s.spawn("canceller", () -> {
                while (owner.state() != WireState.SUSPENDED) {
                    Wire.yieldNow();
                }
                owner.cancel();
            });
        });
        assertEquals(List.of("child finally", "owner got the cancel"), log);
    }

    @Test
    void aDeferredOwnerCancelGivesAChildTheScopeCancelledAlreadyNoSecondCancel() {
        List<String> log = new ArrayList<>();
        Throwable[] ownerGot = new Throwable[1];
        WireTestHarness.run(s -> {
            Wire owner = s.spawn("owner", () -> {
                try (WireScope scope = openDeferred()) {
                    scope.fork("cleaner", () -> {
                        try {
                            Wire.sleep(Duration.ofHours(1));
                        } finally {
                            Wire.sleep(Duration.ofMillis(5)); // a wait while cleaning up
                            log.add("cleanup done");
                        }
                    });
                    scope.fork("failer", () -> {
                        throw new IllegalStateException("failer");
                    });
                    scope.join();
                } catch (WireCancelledException e) {
                    ownerGot[0] = e;
                }
            });
            s.spawn("canceller", () -> {
                Wire.yieldNow(); // the cleaner sleeps, the failer fails and cancels it
                Wire.yieldNow(); // the cleaner takes that cancel and waits in its finally block
                owner.cancel();
            });
        });
        assertEquals(List.of("cleanup done"), log);
        assertEquals("failer", ownerGot[0].getSuppressed()[0].getMessage(), "the failure rides on the owner's cancel");
    }

    @Test
    void withoutTheDeferralAChildNotStartedYetEndsWithoutRunning() {
        List<String> log = new ArrayList<>();
        WireTestHarness.run(s -> {
            Wire[] owner = new Wire[1];
            owner[0] = s.spawn("owner", () -> {
                try (WireScope scope = WireScope.open()) {
                    scope.fork("child", () -> log.add("child started"));
                    owner[0].cancel();
                    assertTrue(scope.isCancelled());
                    Wire.yieldNow();
                }
            });
        });
        assertEquals(List.of(), log);
    }

    @Test
    void aScopeLeavingFailuresUnobservedLetsRunThrowAChildFailureReportedToTheScheduler() {
        IllegalStateException boom = new IllegalStateException("boom");
        Throwable[] joined = new Throwable[1];
        WireFailedException e;
        try (WireScheduler s = WireScheduler.create()) { // no handler: the point is run()'s own failure semantics
            s.spawn("main", () -> reportingChildFails(boom, true, joined));
            e = assertThrows(WireFailedException.class, s::run);
        }
        assertSame(boom, e.getCause());
        assertSame(boom, joined[0].getCause(), "the scope gathered it for its join() too");
    }

    @Test
    void byDefaultAScopeTakesItsChildrensFailuresOverEvenWhenReported() {
        IllegalStateException boom = new IllegalStateException("boom");
        Throwable[] joined = new Throwable[1];
        List<Throwable> reported = WireTestHarness.runExpectingFailures(
                s -> s.spawn("main", () -> reportingChildFails(boom, false, joined)));
        assertEquals(List.of(boom), reported, "reported to the exception handler once");
        assertSame(boom, joined[0].getCause());
        try (WireScheduler s = WireScheduler.create()) {
            s.spawn("main", () -> reportingChildFails(boom, false, joined));
            assertDoesNotThrow(s::run);
        }
    }

    /** A fail-fast scope of the calling wire that defers its owner's cancel. */
    private static WireScope openDeferred() {
        WireScope scope = WireScope.open();
        ScopeAccess.deferOwnerCancel(scope);
        return scope;
    }

    /** A supervisor scope whose child reports its failure to the scheduler, then fails with it. */
    private static void reportingChildFails(RuntimeException failure, boolean leaveUnobserved, Throwable[] joined) {
        try (WireScope scope = WireScope.openSupervisor()) {
            if (leaveUnobserved) {
                ScopeAccess.leaveFailuresUnobserved(scope);
            }
            scope.fork("child", () -> {
                Waiter.current("test").reportFailure(failure);
                throw failure;
            });
            joined[0] = assertThrows(WireFailedException.class, scope::join);
        }
    }

    @Test
    void aScopeOpenedForAnotherWireIsOwnedByThatWire() {
        List<String> log = new ArrayList<>();
        WireScope[] opened = new WireScope[1];
        WireTestHarness.run(s -> {
            Wire owner = s.spawn("owner", () -> {
                Wire.suspend(); // until the other wire has opened its scope and forked into it
                WireScope scope = opened[0];
                assertSame(Wire.current(), scope.owner());
                scope.join();
                log.add("owner joined " + scope.liveChildren());
                scope.close();
            });
            s.spawn("other", () -> {
                opened[0] = (WireScope) ScopeAccess.openFor(owner, false);
                opened[0].fork("child", () -> log.add("child ran"));
                assertThrows(IllegalStateException.class, opened[0]::join, "only the owner joins");
                owner.resume();
            });
        });
        assertEquals(List.of("child ran", "owner joined 0"), log);
    }

    @Test
    void aScopeIsNotOpenedForAnEndedWireNorFromAnotherThread() {
        WireTestHarness.inWire(() -> {
            Wire ended = Wire.current().scheduler().spawn("ended", () -> { });
            ended.join();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ScopeAccess.openFor(ended, false));
            assertTrue(e.getMessage().contains("wire 'ended' (ENDED)"), e.getMessage());
            Wire me = Wire.current();
            Throwable[] offThread = new Throwable[1];
            Thread t = new Thread(() -> offThread[0] = assertThrows(IllegalStateException.class,
                    () -> ScopeAccess.openFor(me, true)));
            t.start();
            try {
                t.join();
            } catch (InterruptedException x) {
                throw new AssertionError(x);
            }
            assertTrue(offThread[0].getMessage().contains("open it on its scheduler's thread"), offThread[0].getMessage());
        });
    }
}
