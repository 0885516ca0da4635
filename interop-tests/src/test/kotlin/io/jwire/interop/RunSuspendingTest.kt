package io.jwire.interop

import io.jwire.NotInWireException
import io.jwire.Wire
import io.jwire.WireCancelledException
import io.jwire.WireState
import io.jwire.channels.WireChannel
import io.jwire.kotlin.asCoroutineContext
import io.jwire.kotlin.runSuspending
import io.jwire.kotlin.sleep
import io.jwire.kotlin.wires
import io.jwire.testing.WireTestHarness
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import org.junit.jupiter.api.assertThrows
import java.util.concurrent.TimeUnit
import kotlin.coroutines.coroutineContext
import kotlin.time.Duration.Companion.milliseconds

/** runSuspending { }: a wire awaits a suspend block; the wire is suspended, not its carrier. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RunSuspendingTest {

    @Test
    fun returnsTheValueOfABlockThatDelaysAndHopsToDispatchersIo() {
        val v = wires {
            val me = currentWireOrNull()
            val r = runSuspending {
                delay(10)
                withContext(Dispatchers.IO) {
                    assertFalse(Wire.inWire())
                    20
                } + 22
            }
            assertSame(me, Wire.current())
            r
        }
        assertEquals(42, v)
    }

    @Test
    fun otherWiresRunWhileTheBlockIsSuspended() {
        val ticks = wires {
            var ticks = 0
            var waiting = true
            wire("ticker") {
                while (waiting) {
                    ticks++
                    sleep(1.milliseconds)
                }
            }
            runSuspending { delay(60) }
            waiting = false
            ticks
        }
        assertTrue(ticks >= 2, "the ticker ticked $ticks times in 60 ms")
    }

    @Test
    fun rethrowsWhatTheBlockThrowsUnchanged() {
        val boom = IllegalArgumentException("boom")
        wires {
            val thrown = assertThrows<IllegalArgumentException> {
                runSuspending<Int> {
                    delay(1)
                    throw boom
                }
            }
            assertSame(boom, thrown)
        }
    }

    @Test
    fun theBlockRunsInTheCallingWireAndMayUseBlockingJwireCalls() {
        val got = wires {
            val me = Wire.current()
            val ch = WireChannel.rendezvous<String>("to the block")
            wire("sender") { ch.send("hello") }
            runSuspending {
                assertSame(me, Wire.current())
                delay(1)
                assertSame(me, Wire.current())
                ch.receive() // blocks the calling wire, as the caller would
            }
        }
        assertEquals("hello", got)
    }

    @Test
    fun aWireAndACoroutineTalkOverAKotlinxChannel() {
        val sum = wires {
            val ch = Channel<Int>()
            CoroutineScope(scheduler.asCoroutineContext()).launch {
                for (i in 1..100) ch.send(i)
            }
            var total = 0
            repeat(100) { total += runSuspending { ch.receive() } }
            total
        }
        assertEquals(5050, sum)
    }

    @Test
    fun coroutinesLaunchedInTheBlocksScopeRunInTheCallingWire() {
        val ran = wires {
            val me = Wire.current()
            runSuspending {
                var n = 0
                coroutineScope {
                    repeat(3) {
                        launch {
                            delay(1)
                            assertSame(me, Wire.current())
                            n++
                        }
                    }
                }
                n
            }
        }
        assertEquals(3, ran)
    }

    @Test
    fun withAnInterceptorInTheContextTheBlockRunsThereAndTheWireWaits() {
        wires {
            val schedulerThread = Thread.currentThread()
            val name = runSuspending(Dispatchers.IO + CoroutineName("on io")) {
                assertNotEquals(schedulerThread, Thread.currentThread())
                coroutineContext[CoroutineName]!!.name
            }
            assertEquals("on io", name)
            assertTrue(Wire.inWire())
        }
    }

    @Test
    fun outsideAWireItThrowsNotInWireException() {
        val e = assertThrows<NotInWireException> { runSuspending { delay(1) } }
        assertTrue(e.message!!.contains("runSuspending"), e.message)
    }

    @Test
    fun aCancelReachesTheBlockWhileItWaitsInABlockingJwireCall() {
        var cleanedUp = false
        wires {
            val never = WireChannel.rendezvous<Int>("never")
            val w = wire("waiter") {
                runSuspending {
                    try {
                        never.receive()
                    } finally {
                        cleanedUp = true
                    }
                }
            }
            sleep(5.milliseconds)
            w.cancel()
            w.join()
        }
        assertTrue(cleanedUp)
    }

    @Test
    fun aCancelWhileTheBlockIsSuspendedAbandonsTheBlockAtOnceAndItRunsOnDetached() {
        val events = mutableListOf<String>()
        val resource = Resource()
        wires {
            var waitedMs = -1L
            val w = wire("waiter") {
                val start = System.nanoTime()
                try {
                    runSuspending {
                        try {
                            delay(500)
                            events += "block resumed in a wire: " + Wire.inWire()
                            resource
                        } finally {
                            events += "block finally"
                        }
                    }
                } catch (e: WireCancelledException) {
                    waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
                    events += "waiter cancelled"
                    throw e
                }
            }
            sleep(5.milliseconds)
            w.cancel()
            w.join()
            assertTrue(waitedMs in 0..400, "the cancelled wire waited $waitedMs ms for the block")
            sleep(900.milliseconds) // the scheduler runs on: the abandoned block's next step runs then
        }
        assertEquals(listOf("waiter cancelled", "block resumed in a wire: true", "block finally"), events)
        assertTrue(resource.closed, "the dropped value was not closed")
    }

    @Test
    fun anAbandonedBlockThatFailsLaterIsReportedLikeAWireFailure() {
        val boom = IllegalStateException("late boom")
        val failures = WireTestHarness.runExpectingFailures { s ->
            val w = s.spawn("waiter") { runSuspending { delay(30); throw boom } }
            s.spawn("canceller") {
                Wire.yieldNow()
                w.cancel()
                Wire.sleep(java.time.Duration.ofMillis(200))
            }
        }
        assertEquals(1, failures.size, "failures: $failures")
        assertSame(boom, failures[0])
    }

    @Test
    fun runReturnsWhileAnAbandonedBlockIsStillSuspended() {
        val start = System.nanoTime()
        WireTestHarness.run { s ->
            val w = s.spawn("waiter") { runSuspending { delay(60_000) } }
            s.spawn("canceller") {
                Wire.yieldNow()
                w.cancel()
            }
        }
        val ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
        assertTrue(ms < 10_000, "run() held on for $ms ms: the abandoned block's KeepAlive was not released")
    }

    @Test
    fun theWaitingWireShowsTheSuspendBlockInDumps() {
        wires {
            val w = wire("waiter") { runSuspending { delay(60_000) } }
            sleep(20.milliseconds)
            assertEquals(WireState.SUSPENDED, w.state())
            val dump = scheduler.dump()
            assertTrue(dump.contains("wire 'waiter' SUSPENDED waiting on the suspend block of runSuspending (last seen at"), dump)
            assertTrue(dump.contains("RunSuspendingTest.kt"), dump)
            w.cancel() // abandons the block; the test does not wait a minute
        }
    }

    private class Resource : AutoCloseable {
        var closed = false
        override fun close() {
            closed = true
        }
    }

    private fun currentWireOrNull(): Wire? = if (Wire.inWire()) Wire.current() else null
}
