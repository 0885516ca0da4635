package io.jwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.channels.WireChannel;
import io.jwire.sync.WireLock;
import io.jwire.sync.WirePool;
import io.jwire.sync.WireSemaphore;
import io.jwire.testing.WireTestHarness;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Channels, locks, semaphores, pools and waits are confined to the scheduler that first used
 * them: every operation from a wire of another scheduler, or from a thread that runs none, fails
 * at once naming both schedulers, the object and the wire. Was: 12 of 15 operations returned
 * normally, resuming the first scheduler's wires from the second's thread.
 */
class CrossSchedulerTest {

    @Test
    void everyOperationFromAnotherSchedulersWireFailsNamingBoth() {
        WireChannel<String> ch = WireChannel.buffered("mailbox", 4);
        WireLock lock = new WireLock("guard");
        WireSemaphore sem = new WireSemaphore("permits", 2);
        WireWait wait = new WireWait("signal");
        try (WireScheduler a = WireScheduler.create()) {
            WirePool pool = new WirePool(a, "workers", 2);
            a.spawn("owner", () -> {
                ch.trySend("x");
                ch.tryReceive();
                lock.lock();
                lock.unlock();
                sem.release();
                sem.tryAcquire();
                wait.resume();
                wait.reset();
            });
            WireTestHarness.runChecked(a); // a stays open: the intruder's messages name it

            Map<String, Executable> ops = new LinkedHashMap<>();
            ops.put("trySend", () -> ch.trySend("y"));
            ops.put("send", () -> ch.send("y"));
            ops.put("tryReceive", ch::tryReceive);
            ops.put("receive", ch::receive);
            ops.put("receive(timeout)", () -> ch.receive(Duration.ofMillis(1)));
            ops.put("close", ch::close);
            ops.put("tryLock", lock::tryLock);
            ops.put("lock", lock::lock);
            ops.put("unlock", lock::unlock);
            ops.put("release", sem::release);
            ops.put("tryAcquire", sem::tryAcquire);
            ops.put("acquire", sem::acquire);
            ops.put("wait.resume", wait::resume);
            ops.put("wait.await", wait::await);
            ops.put("pool.tryStart", () -> pool.tryStart("t", () -> { }));

            Map<String, String> failures = new LinkedHashMap<>();
            WireTestHarness.run(b -> b.spawn("intruder", () -> {
                for (Map.Entry<String, Executable> op : ops.entrySet()) {
                    IllegalStateException e = assertThrows(IllegalStateException.class, op.getValue(),
                            op.getKey() + " from another scheduler's wire must fail");
                    failures.put(op.getKey(), e.getMessage());
                }
            }));
            assertEquals(ops.keySet(), failures.keySet());
            for (Map.Entry<String, String> f : failures.entrySet()) {
                String m = f.getValue();
                assertTrue(m.contains("wire 'intruder'") && m.contains(a.toString().substring(0, 25)),
                        f.getKey() + ": the message names the wire and both schedulers: " + m);
            }
            pool.close();
        }
    }

    /**
     * The owner's fast path (a bound structure finds the running wire without a thread-local)
     * must not take another thread's call for the owner's running wire.
     */
    @Test
    void anotherSchedulersWireIsRefusedWhileTheOwnerRunsAWire() throws InterruptedException {
        WireChannel<String> ch = WireChannel.buffered("mailbox", 4);
        WireLock lock = new WireLock("guard");
        CountDownLatch running = new CountDownLatch(1);
        AtomicBoolean done = new AtomicBoolean();
        try (WireScheduler a = WireScheduler.create()) {
            List<Throwable> aFailures = WireTestHarness.watch(a);
            a.spawn("busy owner", () -> {
                ch.trySend("x");
                lock.lock();
                lock.unlock();
                running.countDown();
                while (!done.get()) {
                    Thread.onSpinWait(); // a's running wire for as long as the intruder tries
                }
            });
            Thread runner = a.startThread("a", 0);
            try {
                assertTrue(running.await(30, TimeUnit.SECONDS));
                WireTestHarness.run(b -> b.spawn("intruder", () -> {
                    assertThrows(IllegalStateException.class, () -> ch.send("y"));
                    assertThrows(IllegalStateException.class, ch::receive);
                    assertThrows(IllegalStateException.class, lock::lock);
                    assertThrows(IllegalStateException.class, lock::unlock);
                }));
            } finally {
                done.set(true);
                runner.join();
            }
            WireTestHarness.rethrow(aFailures);
            assertEquals(1, ch.size(), "the intruder's send went nowhere");
        }
    }

    @Test
    void aThreadThatRunsNoSchedulerIsToldToUseExecute() {
        WireChannel<String> ch = WireChannel.buffered("mailbox", 1);
        WireTestHarness.run(s -> s.spawn("owner", () -> ch.trySend("x")));
        IllegalStateException e = assertThrows(IllegalStateException.class, ch::tryReceive);
        assertTrue(e.getMessage().contains("runs no scheduler") && e.getMessage().contains("execute"), e.getMessage());
    }

    /**
     * Before any scheduler used them, too: a structure created on the test's thread and used there
     * fails at once (was: the first use from a plain thread passed, and the structure then bound
     * to whichever scheduler came next).
     */
    @Test
    void aThreadThatRunsNoSchedulerIsRefusedBeforeTheFirstUse() {
        WireChannel<String> ch = WireChannel.buffered("mailbox", 1);
        WireSemaphore sem = new WireSemaphore("permits", 1);
        WireWait wait = new WireWait("signal");
        Map<String, Executable> ops = new LinkedHashMap<>();
        ops.put("trySend", () -> ch.trySend("x"));
        ops.put("tryReceive", ch::tryReceive);
        ops.put("close", ch::close);
        ops.put("release", sem::release);
        ops.put("tryAcquire", sem::tryAcquire);
        ops.put("wait.resume", wait::resume);
        for (Map.Entry<String, Executable> op : ops.entrySet()) {
            NotInWireException e = assertThrows(NotInWireException.class, op.getValue(), op.getKey());
            assertTrue(e.getMessage().contains("from thread '" + Thread.currentThread().getName() + "', which runs no scheduler: "
                    + "call it from a wire, or hand it over with scheduler.execute(...)"), op.getKey() + ": " + e.getMessage());
        }
        // nothing happened and nothing was bound: the first scheduler to use them owns them
        WireTestHarness.run(s -> s.spawn("owner", () -> {
            assertTrue(ch.trySend("x"));
            assertEquals("x", ch.tryReceive());
            assertTrue(sem.tryAcquire());
            assertEquals(false, sem.tryAcquire(), "release() from the plain thread added no permit");
            assertEquals(false, wait.isTriggered(), "the refused resume() did not trigger the wait");
        }));
    }

    /** The operations the test above leaves out: timed and blocking variants, iteration, select, awaitClear. */
    @Test
    void theTimedAndIteratingOperationsAreConfinedToo() {
        WireChannel<String> ch = WireChannel.buffered("mailbox", 4);
        WireChannel<String> out = WireChannel.buffered("outbox", 4);
        WireLock lock = new WireLock("guard");
        WireSemaphore sem = new WireSemaphore("permits", 2);
        WireScheduler[] owner = new WireScheduler[1];
        WireTestHarness.run(a -> {
            owner[0] = a;
            a.spawn("owner", () -> {
                ch.trySend("x");
                out.trySend("x");
                lock.lock();
                lock.unlock();
                sem.release();
            });
        });
        Map<String, Executable> ops = new LinkedHashMap<>();
        ops.put("send(timeout)", () -> ch.send("y", Duration.ofMillis(1)));
        ops.put("receiveOrNull", ch::receiveOrNull);
        ops.put("iterate", () -> ch.iterator().hasNext());
        ops.put("select send", () -> {
            try (io.jwire.channels.WireSelect select = new io.jwire.channels.WireSelect()) {
                select.onSend(out, "y");
                select.await(Duration.ofMillis(1));
            }
        });
        ops.put("tryLock(timeout)", () -> lock.tryLock(Duration.ofMillis(1)));
        ops.put("awaitClear", lock::awaitClear);
        ops.put("tryAcquire(timeout)", () -> sem.tryAcquire(Duration.ofMillis(1)));
        Map<String, String> failures = new LinkedHashMap<>();
        WireTestHarness.run(b -> b.spawn("intruder", () -> {
            for (Map.Entry<String, Executable> op : ops.entrySet()) {
                IllegalStateException e = assertThrows(IllegalStateException.class, op.getValue(),
                        op.getKey() + " from another scheduler's wire must fail");
                failures.put(op.getKey(), e.getMessage());
            }
        }));
        assertEquals(ops.keySet(), failures.keySet());
        for (Map.Entry<String, String> f : failures.entrySet()) {
            assertTrue(f.getValue().startsWith("wire 'intruder' of ") && f.getValue().contains("which belongs to " + owner[0]),
                    f.getKey() + ": " + f.getValue());
        }
        assertEquals(3, sem.availablePermits(), "no permit was taken");
        assertEquals(1, ch.size(), "nothing was sent or received");
        assertEquals(1, out.size());
        assertTrue(!lock.isLocked());
    }
}
