package io.jwire.epoll;

import io.jwire.WireCancelledException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.KeepAlive;
import io.jwire.Wire;
import io.jwire.WireScheduler;
import io.jwire.WireTimeout;
import io.jwire.WireWait;
import io.jwire.WireWaitList;
import io.jwire.internal.ParkingPoller;
import io.jwire.io.WireIo;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WireFdTest {

    @Test
    void eventFdSignalledByAnotherThreadWhileTheSchedulerSitsInEpollWait() throws Exception {
        AtomicLong got = new AtomicLong();
        CountDownLatch opened = new CountDownLatch(1);
        EventFd[] holder = new EventFd[1];
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread signaller = new Thread(() -> {
            try {
                opened.await();
                Thread.sleep(100); // the scheduler is idle in epoll_wait(-1) by now
                holder[0].signal(3);
                holder[0].signal(4);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                failures.add(e);
            }
        });
        signaller.start();
        Wires.run(s -> s.spawn("waiter", Wires.io(() -> {
            try (EventFd ev = EventFd.open()) {
                holder[0] = ev;
                opened.countDown();
                long total = 0;
                while (total < 7) {
                    total += ev.await();
                }
                got.set(total);
            }
        })));
        signaller.join();
        Wires.rethrow(failures);
        assertEquals(7, got.get());
    }

    @Test
    void crossThreadResumeWakesTheSchedulerOutOfEpollWait() throws Exception {
        List<String> log = new ArrayList<>();
        try (WireScheduler s = WireScheduler.create()) {
            KeepAlive hold = s.keepAlive();
            Wire waiter = s.spawn("waiter", Wires.io(() -> {
                log.add("suspend");
                Wire.suspend("a resume from another thread");
                log.add("resumed");
            }));
            Thread t = new Thread(() -> {
                try (hold) {
                    Thread.sleep(100);
                    waiter.resume();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            s.run();
            t.join();
        }
        assertEquals(List.of("suspend", "resumed"), log);
    }

    /**
     * The wake-up eventfd is edge-triggered and never read: each write must still wake a poll
     * blocked in {@code epoll_wait}, however high its counter has grown.
     */
    @Test
    void everyWakeupWakesABlockedPoll() throws Exception {
        int rounds = 1_000;
        io.jwire.spi.WirePoller p = new EpollPoller.Provider().open();
        try {
            AtomicLong polls = new AtomicLong();
            Thread poller = new Thread(() -> {
                for (int i = 0; i < rounds; i++) {
                    p.poll(-1);
                    polls.incrementAndGet();
                }
            }, "poller");
            poller.start();
            for (int i = 1; i <= rounds; i++) {
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (polls.get() < i - 1 && System.nanoTime() < deadline) {
                    Thread.onSpinWait(); // the previous wake-up was taken: the next poll blocks anew
                }
                p.wakeup();
            }
            poller.join(30_000);
            assertFalse(poller.isAlive(), "a wake-up did not wake the poll; " + polls.get() + " of " + rounds + " returned");
            assertEquals(rounds, polls.get());
        } finally {
            p.close();
        }
    }

    @Test
    void timerFdExpiresOnceOrPeriodicallyAndCountsExpirations() {
        List<Long> oneShot = new ArrayList<>();
        List<Long> periodic = new ArrayList<>();
        Wires.run(s -> s.spawn("ticker", Wires.io(() -> {
            try (TimerFd timer = TimerFd.open()) {
                long t0 = System.nanoTime();
                timer.arm(Duration.ofMillis(20), Duration.ZERO);
                oneShot.add(timer.await());
                assertTrue(System.nanoTime() - t0 >= 20_000_000L, "woke early");
                timer.arm(Duration.ofMillis(5), Duration.ofMillis(5));
                long total = 0;
                while (total < 5) {
                    long n = timer.await();
                    assertTrue(n >= 1);
                    periodic.add(n);
                    total += n;
                }
                timer.disarm();
            }
        })));
        assertEquals(List.of(1L), oneShot);
        assertTrue(periodic.size() <= 5 && periodic.stream().mapToLong(Long::longValue).sum() >= 5, periodic.toString());
    }

    @Test
    void closingAnFdWakesTheWireWaitingOnItWithAsynchronousCloseException() {
        List<String> log = new ArrayList<>();
        Wires.run(s -> {
            EventFd[] ev = new EventFd[1];
            s.spawn("waiter", Wires.io(() -> {
                ev[0] = EventFd.open();
                AsynchronousCloseException e = assertThrows(AsynchronousCloseException.class, ev[0]::await);
                assertTrue(e.getMessage().contains("wire 'waiter'"), e.getMessage());
                assertTrue(e.getMessage().contains("closed"), e.getMessage());
                log.add("waiter woke: closed");
            }));
            s.spawn("closer", Wires.io(() -> {
                Wire.yieldNow(); // the waiter is suspended in epoll now
                log.add("closing");
                ev[0].close();
            }));
        });
        assertEquals(List.of("closing", "waiter woke: closed"), log);
    }

    @Test
    void waitingOnAClosedFdFailsAtOnce() {
        Wires.run(s -> s.spawn("w", Wires.io(() -> {
            TimerFd t = TimerFd.open();
            t.close();
            ClosedChannelException e = assertThrows(ClosedChannelException.class, t::await);
            assertFalse(e instanceof AsynchronousCloseException, "closed before the call, not during a wait");
            assertTrue(e.getMessage().contains("timerfd"), e.getMessage());
            e = assertThrows(ClosedChannelException.class, () -> t.fd().awaitReadable());
            assertTrue(e.getMessage().contains("wire 'w' cannot wait for fd"), e.getMessage());
            e = assertThrows(ClosedChannelException.class, () -> t.fd().awaitEither(null));
            assertTrue(e.getMessage().contains("to become readable or writable"), e.getMessage());
            assertThrows(ClosedChannelException.class, () -> t.arm(Duration.ofMillis(1), Duration.ZERO));
            assertFalse(t.fd().isOpen());
            t.close(); // idempotent
        })));
    }

    @Test
    void eventFdSignalThatWouldOverflowTheCounterWaitsInItsWireUntilAnAwaitMakesRoom() {
        List<String> log = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        BigInteger signalled = BigInteger.valueOf(Long.MAX_VALUE).shiftLeft(1).add(BigInteger.ONE); // 2^64 - 1
        Wires.run(s -> {
            EventFd[] ev = new EventFd[1];
            s.spawn("signaller", Wires.io(() -> {
                ev[0] = EventFd.open();
                ev[0].signal(Long.MAX_VALUE);
                ev[0].signal(Long.MAX_VALUE); // the kernel's counter is at its maximum, 2^64 - 2
                log.add("full");
                ev[0].signal(1); // would overflow: waits for the reader instead of being dropped
                log.add("added 1");
            }));
            s.spawn("reader", Wires.io(() -> {
                BigInteger total = BigInteger.ZERO;
                while (total.compareTo(signalled) < 0) {
                    long n = ev[0].await();
                    assertTrue(n > 0, "await() returned " + n + " after " + counts);
                    counts.add(n);
                    total = total.add(BigInteger.valueOf(n));
                }
                assertEquals(signalled, total, "every signalled unit taken exactly once: " + counts);
                assertEquals(0, ev[0].await(Duration.ofMillis(10)));
                ev[0].close();
            }));
        });
        assertEquals(List.of("full", "added 1"), log);
        assertTrue(counts.stream().allMatch(n -> n > 0), counts.toString());
    }

    @Test
    void closingAnEventFdWakesAWireWaitingInSignalForRoom() {
        List<String> log = new ArrayList<>();
        Wires.run(s -> {
            EventFd[] ev = new EventFd[1];
            s.spawn("signaller", Wires.io(() -> {
                ev[0] = EventFd.open();
                ev[0].signal(Long.MAX_VALUE);
                ev[0].signal(Long.MAX_VALUE);
                AsynchronousCloseException e = assertThrows(AsynchronousCloseException.class, () -> ev[0].signal(1));
                assertTrue(e.getMessage().contains("wire 'signaller'"), e.getMessage());
                log.add("signaller woke: closed");
            }));
            s.spawn("closer", Wires.io(() -> {
                Wire.yieldNow(); // the signaller waits for room now
                log.add("closing");
                ev[0].close();
            }));
        });
        assertEquals(List.of("closing", "signaller woke: closed"), log);
    }

    @Test
    void eventFdAwaitNeverReturnsANegativeCountAndKeepsTheRestForTheNextAwait() {
        List<Long> counts = new ArrayList<>();
        Wires.run(s -> s.spawn("w", Wires.io(() -> {
            try (EventFd ev = EventFd.open()) {
                ev.signal(Long.MAX_VALUE);
                ev.signal(Long.MAX_VALUE - 10); // the counter holds 2^64 - 12: negative as a long
                counts.add(ev.await());
                counts.add(ev.await(Duration.ofSeconds(1)));
                counts.add(ev.await(Duration.ofMillis(10)));
            }
        })));
        assertEquals(List.of(Long.MAX_VALUE, Long.MAX_VALUE - 10, 0L), counts);
    }

    @Test
    void eventFdSignalOnAFullCounterFromAnotherThreadFailsLoudlyNamingEagain() {
        List<Long> counts = new ArrayList<>();
        Wires.run(s -> s.spawn("w", Wires.io(() -> {
            try (EventFd ev = EventFd.open()) {
                ev.signal(Long.MAX_VALUE);
                ev.signal(Long.MAX_VALUE);
                IOException e = WireIo.shared().call(() -> { // a helper thread, not a wire: it cannot wait
                    try {
                        ev.signal(1);
                        return null;
                    } catch (IOException x) {
                        return x;
                    }
                });
                assertNotNull(e, "a signal that would overflow the counter was dropped silently");
                assertTrue(e.getMessage().contains("EAGAIN (11)"), e.getMessage());
                assertTrue(e.getMessage().contains("not a wire of the eventfd's scheduler"), e.getMessage());
                counts.add(ev.await());
                counts.add(ev.await());
                counts.add(ev.await(Duration.ofMillis(10))); // the refused 1 was not added
            }
        })));
        assertEquals(List.of(Long.MAX_VALUE, Long.MAX_VALUE, 0L), counts);
    }

    @Test
    void registeringAnFdThatIsNotOpenFailsAtOnceWithEbadf() {
        Wires.run(s -> s.spawn("w", Wires.io(() -> {
            IOException e = assertThrows(IOException.class, () -> WireFd.register(100_000, "bogus"));
            assertEquals("epoll_ctl fd 100000: EBADF (9)", e.getMessage());
        })));
    }

    @Test
    void fdWaitIsAWaitListMemberBesideATimeout() {
        List<String> log = new ArrayList<>();
        Wires.run(s -> s.spawn("w", Wires.io(() -> {
            try (EventFd ev = EventFd.open()) {
                WireWaitList list = new WireWaitList();
                list.chain(ev.fd().readableWait());
                try (WireTimeout timeout = WireTimeout.after(Duration.ofMillis(30))) {
                    list.chain(timeout.asWait());
                    WireWait first = list.await();
                    log.add(first == timeout.asWait() ? "timeout" : "fd");
                    list.unchain(timeout.asWait());
                }
                ev.signal(1);
                WireWait first = list.await();
                log.add(first == ev.fd().readableWait() ? "fd" : "other");
                assertEquals(1, ev.await());
                list.clear();
            }
        })));
        assertEquals(List.of("timeout", "fd"), log);
    }

    @Test
    void timedFdWaitReturnsFalseOnTimeoutAndTrueWhenReady() {
        Wires.run(s -> s.spawn("w", Wires.io(() -> {
            try (EventFd ev = EventFd.open()) {
                assertEquals(0, ev.await(Duration.ofMillis(20)));
                ev.signal(2);
                assertEquals(2, ev.await(Duration.ofMillis(20)));
                assertTrue(ev.fd().awaitWritable(Duration.ofMillis(20)));
                assertSame(ev.fd().writableWait(), ev.fd().awaitEither(Duration.ofMillis(20)));
            }
        })));
    }

    @Test
    void pendingWaitsCountsWiresWaitingOnFds() {
        List<Integer> seen = new ArrayList<>();
        Wires.run(s -> {
            EventFd[] ev = new EventFd[1];
            s.spawn("waiter", Wires.io(() -> {
                ev[0] = EventFd.open();
                ev[0].await();
                ev[0].close();
            }));
            s.spawn("observer", Wires.io(() -> {
                Wire.yieldNow();
                seen.add(io.jwire.internal.Waiter.currentPoller().pendingWaits());
                ev[0].signal(1);
            }));
        });
        assertEquals(List.of(1), seen);
    }

    @Test
    void secondWireWaitingInTheSameDirectionIsRefusedWithAClearMessage() {
        Wires.run(s -> {
            EventFd[] ev = new EventFd[1];
            Wire first = s.spawn("first", Wires.io(() -> {
                ev[0] = EventFd.open();
                ev[0].await();
            }));
            s.spawn("second", Wires.io(() -> {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> ev[0].fd().awaitReadable());
                assertTrue(e.getMessage().contains("wire 'first' already waits"), e.getMessage());
                ev[0].signal(1);
                first.join();
                ev[0].close();
            }));
        });
    }

    @Test
    void fdApiOnASchedulerWithoutEpollSaysHowToGetIt() {
        try (WireScheduler s = WireScheduler.create(new ParkingPoller.Provider())) {
            List<Throwable> failures = new ArrayList<>();
            s.spawn("w", Wires.io(() -> {
                IllegalStateException e = assertThrows(IllegalStateException.class, EventFd::open);
                assertTrue(e.getMessage().contains("EpollPoller.Provider"), e.getMessage());
            }));
            s.setExceptionHandler((w, t) -> failures.add(t));
            s.run();
            Wires.rethrow(failures);
        }
    }

    @Test
    void cancellingAWireWaitingOnAnFdLeavesTheFdUsable() {
        List<String> log = new ArrayList<>();
        Wires.run(s -> {
            EventFd[] ev = new EventFd[1];
            Wire waiter = s.spawn("waiter", Wires.io(() -> {
                ev[0] = EventFd.open();
                try {
                    ev[0].await(Duration.ofSeconds(30));
                } catch (io.jwire.WireCancelledException e) {
                    log.add("cancelled");
                }
            }));
            s.spawn("canceller", Wires.io(() -> {
                Wire.yieldNow();
                log.add("pending " + io.jwire.internal.Waiter.currentPoller().pendingWaits());
                waiter.cancel();
                waiter.join();
                log.add("pending " + io.jwire.internal.Waiter.currentPoller().pendingWaits());
                ev[0].signal(5);
                log.add("read " + ev[0].await());
                ev[0].close();
            }));
        });
        assertEquals(List.of("pending 1", "cancelled", "pending 0", "read 5"), log);
    }

    @Test
    void closingTheSchedulerClosesFdsStillRegistered() {
        EventFd[] ev = new EventFd[1];
        Wires.run(s -> s.spawn("w", Wires.io(() -> ev[0] = EventFd.open())));
        assertFalse(ev[0].fd().isOpen());
    }
}
