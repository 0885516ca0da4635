package io.jwire.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.spi.WirePoller;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The portable poller: parks until a deadline or a wake-up; a wake-up before the poll is kept once. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ParkingPollerTest {

    @Test
    void theProviderIsThePortableFallback() {
        ParkingPoller.Provider p = new ParkingPoller.Provider();
        assertEquals("portable", p.name());
        assertEquals(0, p.priority());
        assertTrue(p.isSupported());
        WirePoller poller = p.open();
        assertInstanceOf(ParkingPoller.class, poller);
        assertEquals(0, poller.pendingWaits());
        poller.close();
    }

    @Test
    void aZeroTimeoutReturnsAtOnceAndATimeoutWaitsAtLeastThatLong() {
        ParkingPoller poller = new ParkingPoller();
        long t0 = System.nanoTime();
        assertEquals(0, poller.poll(0));
        long t1 = System.nanoTime();
        assertEquals(0, poller.poll(Duration.ofMillis(30).toNanos()));
        long t2 = System.nanoTime();
        assertTrue(t1 - t0 < Duration.ofSeconds(5).toNanos());
        assertTrue(t2 - t1 >= Duration.ofMillis(25).toNanos(), "waited " + (t2 - t1) + " ns"); // parkNanos may wake a bit early
    }

    @Test
    void aWakeupBeforeThePollIsKeptForOnePoll() {
        ParkingPoller poller = new ParkingPoller();
        poller.wakeup();
        poller.wakeup(); // twice still counts once
        long t0 = System.nanoTime();
        poller.poll(-1); // would park forever without the kept wake-up
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(5).toNanos());
        long t1 = System.nanoTime();
        poller.poll(Duration.ofMillis(30).toNanos()); // the wake-up was used up: this one waits
        assertTrue(System.nanoTime() - t1 >= Duration.ofMillis(25).toNanos());
    }

    @Test
    void aWakeupFromAnotherThreadEndsAnIndefinitePoll() throws Exception {
        ParkingPoller poller = new ParkingPoller();
        CountDownLatch polling = new CountDownLatch(1);
        CountDownLatch returned = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            polling.countDown();
            poller.poll(-1);
            returned.countDown();
        });
        t.start();
        assertTrue(polling.await(10, TimeUnit.SECONDS));
        assertTrue(!returned.await(100, TimeUnit.MILLISECONDS), "polls until woken");
        poller.wakeup();
        assertTrue(returned.await(10, TimeUnit.SECONDS), "the wake-up ended the poll");
        t.join(10_000);
    }
}
