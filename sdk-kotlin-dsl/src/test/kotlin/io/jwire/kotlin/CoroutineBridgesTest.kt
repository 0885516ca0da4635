package io.jwire.kotlin

import io.jwire.Wire
import io.jwire.WireScheduler
import io.jwire.channels.WireChannel
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import org.junit.jupiter.api.assertThrows
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit
import kotlin.coroutines.Continuation
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.EmptyCoroutineContext
import kotlin.coroutines.resume
import kotlin.coroutines.startCoroutine
import kotlin.coroutines.suspendCoroutine
import kotlin.time.Duration.Companion.milliseconds

/**
 * The coroutine bridges with kotlin-stdlib alone (no kotlinx): `startCoroutine` on the dispatcher,
 * `suspendCoroutine` resumed from wires and threads. interop-tests proves them against kotlinx.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CoroutineBridgesTest {

    /** A completion that records the outcome of a stdlib coroutine. */
    private class Outcome<T>(override val context: CoroutineContext) : Continuation<T> {
        var result: Result<T>? = null
        override fun resumeWith(result: Result<T>) {
            this.result = result
        }
    }

    @Test
    fun aStdlibCoroutineOnTheDispatcherRunsInWiresAndRunWaitsForIt() {
        WireScheduler.create().use { s ->
            val d = s.asCoroutineContext()
            val outcome = Outcome<String>(d)
            suspend {
                // resumed from another thread after 100 ms: run() must wait (the dispatcher holds a KeepAlive)
                val v = suspendCoroutine { c ->
                    CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS).execute { c.resume("late") }
                }
                assertTrue(s.isOwnerThread() && Wire.inWire())
                v
            }.startCoroutine(outcome)
            assertTrue(d.liveContinuations > 0)
            s.run()
            assertEquals("late", outcome.result!!.getOrThrow())
            assertEquals(0, d.liveContinuations)
            // the start (from this thread, before run()) and the late resume (from the timer's thread)
            assertEquals(2L, d.resumptionsFromOtherThreads)
        }
    }

    @Test
    fun runSuspendingAwaitsAStdlibSuspensionResumedByAnotherWire() {
        val v = wires {
            var parked: Continuation<Int>? = null
            wire("resumer") {
                while (parked == null) yield()
                parked!!.resume(42)
            }
            runSuspending { suspendCoroutine { c -> parked = c } }
        }
        assertEquals(42, v)
    }

    @Test
    fun runSuspendingRethrowsTheSameException() {
        val boom = IllegalStateException("boom")
        wires {
            assertSame(boom, assertThrows<IllegalStateException> { runSuspending<Unit> { throw boom } })
        }
    }

    @Test
    fun callInWireFromAStdlibCoroutineOnAPlainThread() {
        WireScheduler.create().use { s ->
            val ch = WireChannel.rendezvous<Int>("numbers")
            s.spawn("sender") { ch.send(7) }
            val outcome = Outcome<Int>(EmptyCoroutineContext)
            suspend { s.callInWire("receiver") { ch.receive() } }.startCoroutine(outcome)
            s.run()
            assertEquals(7, outcome.result!!.getOrThrow())
        }
    }

    @Test
    fun yieldToWiresRefusesACoroutineOnNoScheduler() {
        val outcome = Outcome<Unit>(EmptyCoroutineContext)
        suspend { yieldToWires() }.startCoroutine(outcome)
        val e = assertThrows<IllegalStateException> { outcome.result!!.getOrThrow() }
        assertTrue(e.message!!.contains("runs on no jwire scheduler"), e.message)
    }

    @Test
    fun aResumptionThroughTheDispatcherAllocatesNothingInSteadyState() {
        val mx = java.lang.management.ManagementFactory.getThreadMXBean() as? com.sun.management.ThreadMXBean
        org.junit.jupiter.api.Assumptions.assumeTrue(mx != null)
        var bytes = -1L
        wires {
            org.junit.jupiter.api.Assumptions.assumeTrue(scheduler.switchImplementation() == "continuation",
                "wires run on the scheduler thread")
            suspend {
                for (round in 0 until 5) { // the JIT's escape analysis needs the warm-up
                    val before = mx!!.currentThreadAllocatedBytes
                    for (i in 0 until 100_000) yieldToWires() // suspend, re-dispatch, resume in a resumer wire
                    bytes = mx.currentThreadAllocatedBytes - before
                }
            }.startCoroutine(Outcome(scheduler.asCoroutineContext()))
        }
        assertTrue(bytes in 0 until 100_000, "100,000 resumptions allocated $bytes bytes")
    }

    @Test
    fun aStdlibCoroutineMayBlockOnJwireCallsWhileWiresRun() {
        val log = wires {
            val events = mutableListOf<String>()
            val outcome = Outcome<Unit>(scheduler.asCoroutineContext())
            suspend {
                events += "coroutine sleeps"
                sleep(20.milliseconds)
                events += "coroutine woke"
            }.startCoroutine(outcome)
            wire("other") { events += "other wire ran" }
            events
        }
        assertEquals(listOf("coroutine sleeps", "other wire ran", "coroutine woke"), log)
    }
}
