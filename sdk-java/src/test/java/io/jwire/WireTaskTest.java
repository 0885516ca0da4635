package io.jwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.testing.WireTestHarness;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WireTaskTest {

    @Test
    void otherWiresJoinATaskForItsValue() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireTask<Integer> answer = s.spawnTask("answer", () -> {
                Wire.sleep(Duration.ofMillis(5));
                return 6 * 7;
            });
            assertEquals(Future.State.RUNNING, answer.state());
            assertEquals("answer", answer.name());
            assertSame(answer.wire().scheduler(), s);
            for (int i = 0; i < 2; i++) {
                String joiner = "joiner " + i;
                s.spawn(joiner, () -> out.add(joiner + " got " + answer.join()));
            }
            s.spawn("late", () -> {
                Wire.sleep(Duration.ofMillis(20));
                assertEquals(Future.State.SUCCESS, answer.state());
                assertEquals(42, answer.resultNow());
                assertNull(answer.exception());
                out.add("late got " + answer.join());
            });
        });
        assertEquals(List.of("joiner 0 got 42", "joiner 1 got 42", "late got 42"), out);
    }

    @Test
    void aFailureReachesTheJoinerAsTheCauseAndIsTakenOver() {
        IllegalStateException boom = new IllegalStateException("boom");
        Throwable[] caught = new Throwable[1];
        try (WireScheduler s = WireScheduler.create()) { // no handler: run() would throw a failure nobody took over
            WireTask<String> failing = s.spawnTask("failing", () -> {
                throw boom;
            });
            s.spawn("joiner", () -> caught[0] = assertThrows(WireFailedException.class, failing::join));
            s.run();
            assertEquals(Future.State.FAILED, failing.state());
            assertSame(boom, failing.exception());
            IllegalStateException noValue = assertThrows(IllegalStateException.class, failing::resultNow);
            assertTrue(noValue.getMessage().contains("task 'failing' has no value: it is FAILED"), noValue.getMessage());
            assertTrue(noValue.getMessage().contains("it is FAILED (" + boom + "); check state() first"), "names the failure: "
                    + noValue.getMessage());
        }
        assertSame(boom, caught[0].getCause());
        assertTrue(caught[0].getMessage().contains("wire 'failing' failed"), caught[0].getMessage());
    }

    @Test
    void aCheckedExceptionKeepsItsType() {
        FileNotFoundException missing = new FileNotFoundException("missing.txt");
        Throwable[] caught = new Throwable[2];
        // a spawned task's failure also goes to the exception handler (the harness's), as for spawn()
        List<Throwable> reported = WireTestHarness.runExpectingFailures(s -> {
            WireTask<byte[]> read = s.spawnTask("read", () -> {
                throw missing;
            });
            WireTask<String> other = s.spawnTask("other", () -> {
                throw new IllegalArgumentException("not an IOException");
            });
            s.spawn("user", () -> {
                caught[0] = assertThrows(IOException.class, () -> read.join(IOException.class));
                caught[1] = assertThrows(WireFailedException.class, () -> other.join(IOException.class));
            });
        });
        assertSame(missing, caught[0]);
        assertTrue(caught[1].getCause() instanceof IllegalArgumentException);
        assertEquals(List.of(missing, caught[1].getCause()), reported);
    }

    @Test
    void aCancelledTaskHasNoValue() {
        Throwable[] caught = new Throwable[1];
        WireTestHarness.run(s -> {
            WireTask<String> victim = s.spawnTask("victim", () -> {
                Wire.suspend();
                return "never";
            });
            s.spawn("canceller", () -> {
                victim.cancel();
                caught[0] = assertThrows(CancellationException.class, victim::join);
                assertEquals(Future.State.CANCELLED, victim.state());
                assertNull(victim.exception());
                assertThrows(IllegalStateException.class, victim::resultNow);
            });
        });
        assertTrue(caught[0].getMessage().contains("task 'victim' was cancelled"), caught[0].getMessage());
        assertTrue(!(caught[0] instanceof WireCancelledException), "not the joiner's own cancellation");
    }

    @Test
    void aTaskCancelledBeforeItStartsIsCancelled() {
        WireTestHarness.run(s -> {
            int[] ran = new int[1];
            WireTask<Integer> t = s.spawnTask("never", () -> ran[0]++);
            t.cancel();
            s.spawn("check", () -> {
                assertThrows(CancellationException.class, t::join);
                assertEquals(0, ran[0]);
                assertEquals(Future.State.CANCELLED, t.state());
            });
        });
    }

    @Test
    void aTaskThatCatchesItsCancelAndReturnsSucceeds() {
        WireTestHarness.run(s -> {
            WireTask<String> stubborn = s.spawnTask("stubborn", () -> {
                try {
                    Wire.suspend();
                    return "resumed";
                } catch (WireCancelledException e) {
                    return "cleaned up";
                }
            });
            s.spawn("check", () -> {
                stubborn.cancel();
                assertEquals("cleaned up", stubborn.join());
                assertEquals(Future.State.SUCCESS, stubborn.state());
            });
        });
    }

    @Test
    void anotherThreadSpawnsCancelsAndInspectsATask() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        try (WireScheduler s = WireScheduler.create()) {
            List<Throwable> failures = WireTestHarness.watch(s);
            KeepAlive hold = s.keepAlive();
            Thread runner = s.startThread("runner", 0);
            WireTask<String> t = s.spawnTask("sleeper", () -> {
                started.countDown();
                Wire.sleep(Duration.ofHours(1));
                return "woke";
            });
            assertTrue(started.await(30, TimeUnit.SECONDS));
            assertEquals(Future.State.RUNNING, t.state());
            t.cancel();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (t.state() == Future.State.RUNNING && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertEquals(Future.State.CANCELLED, t.state());
            hold.close();
            runner.join(30_000);
            assertTrue(!runner.isAlive(), "run() returned");
            WireTestHarness.rethrow(failures);
        }
    }

    @Test
    void joinIsForWiresOfTheSameScheduler() {
        WireTask<?>[] t = new WireTask<?>[1];
        WireScheduler[] a = new WireScheduler[1];
        WireTestHarness.run(s -> {
            a[0] = s;
            t[0] = s.spawnTask("t", () -> 1);
            s.spawn("own", () -> {
                IllegalStateException self = assertThrows(IllegalStateException.class, () -> Wire.current().join());
                assertTrue(self.getMessage().contains("'own' cannot join itself"), self.getMessage());
            });
        });
        WireTestHarness.run(b -> b.spawn("foreign", () -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, t[0]::join);
            assertTrue(e.getMessage().contains("wire 'foreign' of " + b + " called WireTask.join() on wire 't' of " + a[0]),
                    e.getMessage());
        }));
        assertThrows(NotInWireException.class, t[0]::join);
        assertEquals(1, t[0].resultNow(), "the outcome is readable from any thread");
    }

    @Test
    void joinWithACheckedTypeReturnsTheValueAndATaskSaysWhatItIs() {
        WireTestHarness.run(s -> {
            WireTask<Integer> answer = s.spawnTask("answer", () -> 42);
            assertEquals("WireTask[answer, RUNNING]", answer.toString());
            IllegalStateException early = assertThrows(IllegalStateException.class, answer::resultNow);
            assertEquals("task 'answer' has no value: it is RUNNING; check state() first, or join() it from a wire", early.getMessage());
            s.spawn("joiner", () -> {
                try {
                    assertEquals(42, answer.join(IOException.class));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
                assertEquals("WireTask[answer, SUCCESS]", answer.toString());
            });
        });
    }
}
