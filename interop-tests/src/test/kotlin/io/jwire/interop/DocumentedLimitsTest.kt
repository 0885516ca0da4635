package io.jwire.interop

import io.jwire.Wire
import io.jwire.WireDeadlockException
import io.jwire.WireScheduler
import io.jwire.channels.WireChannel
import io.jwire.kotlin.asCoroutineContext
import io.jwire.kotlin.sleep
import io.jwire.kotlin.wires
import io.jwire.kotlin.yieldToWires
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import kotlinx.coroutines.yield
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.milliseconds

/**
 * What a kotlin-stdlib interceptor cannot do, asserted so that a change in kotlinx.coroutines or in
 * jwire that alters it is noticed (Bridges.md explains each). Where kotlinx's own dispatchers behave
 * otherwise, the contrast is asserted too.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DocumentedLimitsTest {

    @Test
    fun kotlinxYieldDoesNotLetTheWiresRunButYieldToWiresDoes() {
        onScheduler { s ->
            var ticks = 0
            var stop = false
            s.spawn("ticker") {
                while (!stop) {
                    ticks++
                    Wire.yieldNow()
                }
            }
            yieldToWires()
            val before = ticks
            repeat(10_000) { yield() } // kotlinx's: only checks for cancellation on a non-dispatcher interceptor
            assertEquals(before, ticks, "kotlinx yield() let the ticker run")
            yieldToWires()
            assertEquals(before + 1, ticks, "yieldToWires() did not let the ticker run once")
            stop = true
        }
    }

    @Test
    fun noPromptCancellationACancelledReceiverStillGetsTheValueHandedToIt() {
        val onJwire = onScheduler { handOffThenCancel() }
        assertEquals(Outcome(received = 7, undelivered = emptyList(), cancelled = true), onJwire)
        // kotlinx's own dispatcher (runBlocking's event loop) cancels promptly: the value is undelivered
        val onKotlinx = runBlocking { handOffThenCancel() }
        assertEquals(Outcome(received = null, undelivered = listOf(7), cancelled = true), onKotlinx)
    }

    private data class Outcome(val received: Int?, val undelivered: List<Int>, val cancelled: Boolean)

    /** A receiver waits; 7 is handed to it and it is cancelled before its resumption runs. */
    private suspend fun CoroutineScope.handOffThenCancel(): Outcome {
        val undelivered = CopyOnWriteArrayList<Int>()
        val ch = Channel<Int>(onUndeliveredElement = { undelivered += it })
        var received: Int? = null
        val receiver = launch { received = ch.receive() }
        if (coroutineContext[kotlin.coroutines.ContinuationInterceptor] is io.jwire.kotlin.WireDispatcher) {
            yieldToWires()
        } else {
            yield()
        }
        assertTrue(ch.trySend(7).isSuccess, "the receiver was not waiting")
        receiver.cancel()
        receiver.join()
        return Outcome(received, undelivered.toList(), receiver.isCancelled)
    }

    @Test
    fun aCoroutineCancelledBeforeItsFirstResumptionStillStarts() {
        val startedOnJwire = onScheduler {
            var ran = false
            val job = launch { ran = true }
            job.cancel()
            job.join()
            ran
        }
        assertTrue(startedOnJwire, "no prompt cancellation: the body runs once")
        val startedOnKotlinx = runBlocking {
            var ran = false
            val job = launch { ran = true }
            job.cancel()
            job.join()
            ran
        }
        assertFalse(startedOnKotlinx, "kotlinx's own dispatcher does not start a cancelled coroutine")
    }

    @Test
    fun delayRunsOnKotlinxsTimerThreadAndComesBackThroughTheInbox() {
        onScheduler { s ->
            val d = s.asCoroutineContext()
            val before = d.resumptionsFromOtherThreads
            delay(50) // long enough that the coroutine has suspended before kotlinx's timer resumes it
            assertInWireOf(s)
            assertEquals(before + 1, d.resumptionsFromOtherThreads, "delay's resumption did not come from another thread")
            assertTrue(Thread.getAllStackTraces().keys.any { it.name == "kotlinx.coroutines.DefaultExecutor" },
                "kotlinx's timer thread is not running")
            // the cost, for Bridges.md: 1 ms delays on kotlinx's timer vs the scheduler's own timers
            val rounds = 50
            var start = System.nanoTime()
            repeat(rounds) { delay(1) }
            val viaKotlinx = (System.nanoTime() - start) / rounds / 1000
            start = System.nanoTime()
            repeat(rounds) { sleep(1.milliseconds) }
            val viaJwire = (System.nanoTime() - start) / rounds / 1000
            println("1 ms waits, average over $rounds: kotlinx delay $viaKotlinx us, jwire sleep $viaJwire us")
        }
    }

    @Test
    fun runBlockingInAWireStopsEveryOtherWire() {
        val during = wires {
            var ticks = 0
            var stop = false
            wire("ticker") {
                while (!stop) {
                    ticks++
                    sleep(1.milliseconds)
                }
            }
            sleep(10.milliseconds)
            val before = ticks
            runBlocking { delay(50) } // blocks the carrier: do not do this; use runSuspending
            val during = ticks - before
            stop = true
            during
        }
        assertEquals(0, during, "the ticker ticked while runBlocking held the carrier")
    }

    @Test
    fun runBlockingWithContextOfTheSchedulerInsideOneOfItsWiresDeadlocks() {
        // This test leaves a parked daemon thread behind: the deadlock cannot be broken from outside.
        val s = WireScheduler.create()
        var reached = false
        s.spawn("deadlocks") {
            runBlocking { withContext(s.asCoroutineContext()) { reached = true } }
        }
        val carrier = Thread({ s.run() }, "deadlocked-carrier").apply {
            isDaemon = true
            start()
        }
        carrier.join(300)
        assertTrue(carrier.isAlive, "the carrier ended")
        assertFalse(reached, "the block ran")
        assertTrue(carrier.state == Thread.State.WAITING || carrier.state == Thread.State.TIMED_WAITING,
            "the carrier is " + carrier.state)
    }

    @Test
    fun aProgramStuckWhileACoroutineLivesWaitsAndDumpsNameTheCoroutine() {
        val s = WireScheduler.create()
        val d = s.asCoroutineContext()
        val forever = Channel<Int>()
        val coroutine = CoroutineScope(d + CoroutineName("stuck-consumer")).launch { forever.receive() }
        val never = WireChannel.rendezvous<Int>("never")
        s.spawn("stuck wire") { never.receive() }
        var runOutcome: Throwable? = null
        val carrier = Thread({
            try {
                s.run()
            } catch (t: Throwable) {
                runOutcome = t
            }
        }, "jwire-carrier").apply { start() }
        try {
            carrier.join(300)
            // a wake-up may still come from any thread while a coroutine lives: run() waits, it cannot report
            assertTrue(carrier.isAlive, "run() ended: $runOutcome")
            val coroutines = d.dump()
            println(coroutines)
            assertTrue(coroutines.contains("1 live coroutine(s)"), coroutines)
            assertTrue(coroutines.contains("CoroutineName(stuck-consumer)"), coroutines)
            assertTrue(coroutines.contains("DocumentedLimitsTest.kt"), coroutines)
            val wires = s.dump()
            assertTrue(wires.contains("wire 'stuck wire' SUSPENDED waiting on"), wires)
            // once the coroutine has ended, the stuck wire is reported as usual
            coroutine.cancel()
            carrier.join(10_000)
            assertFalse(carrier.isAlive)
            assertTrue(runOutcome is WireDeadlockException, "run() ended with $runOutcome")
            assertTrue(runOutcome!!.message!!.contains("wire 'stuck wire'"))
            assertEquals(0, d.liveContinuations)
        } finally {
            s.close()
            carrier.join(TimeUnit.SECONDS.toMillis(10))
        }
    }
}
