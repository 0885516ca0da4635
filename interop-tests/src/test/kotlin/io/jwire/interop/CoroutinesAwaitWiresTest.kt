package io.jwire.interop

import io.jwire.WireCancelledException
import io.jwire.WireFailedException
import io.jwire.channels.WireChannel
import io.jwire.kotlin.awaitSuspending
import io.jwire.kotlin.callInWire
import io.jwire.kotlin.joinSuspending
import io.jwire.kotlin.receiveSuspending
import io.jwire.kotlin.sendSuspending
import io.jwire.kotlin.sleep
import io.jwire.kotlin.startWires
import io.jwire.kotlin.withLock
import io.jwire.kotlin.withLockSuspending
import io.jwire.sync.WireLock
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeoutOrNull
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import org.junit.jupiter.api.assertThrows
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.milliseconds

/** Coroutines on other dispatchers await wires, async values, jwire channels and locks without blocking a thread. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CoroutinesAwaitWiresTest {

    @Test
    fun callInWireWaitsWithoutBlockingTheCoroutinesThread() {
        // runBlocking's event loop has one thread: if the receiver blocked it, the sender could never run
        val got = withRunningScheduler { s ->
            val ch = WireChannel.rendezvous<Int>("handoff")
            runBlocking {
                val receiver = async { s.callInWire("receiver") { ch.receive() } }
                val sender = async { s.callInWire("sender") { ch.send(7) } }
                sender.await()
                receiver.await()
            }
        }
        assertEquals(7, got)
    }

    @Test
    fun callInWireRethrowsWhatTheBlockThrew() {
        val boom = IllegalStateException("boom")
        withRunningScheduler { s ->
            runBlocking {
                val thrown = assertThrows<IllegalStateException> { s.callInWire { throw boom } }
                assertSame(boom, thrown)
            }
        }
    }

    @Test
    fun joinSuspendingWaitsForTheWireAndThrowsItsFailure() {
        val boom = IllegalArgumentException("worker failed")
        withRunningScheduler(expectedFailures = listOf(boom)) { s ->
            val ok = s.spawn("ok") { io.jwire.Wire.sleep(java.time.Duration.ofMillis(20)) }
            val failing = s.spawn("failing") { throw boom }
            runBlocking(Dispatchers.Default) {
                ok.joinSuspending()
                val e = assertThrows<WireFailedException> { failing.joinSuspending() }
                assertSame(boom, e.cause)
            }
        }
    }

    @Test
    fun awaitSuspendingReturnsTheValueOfAnAsyncWire() {
        val started = CountDownLatch(1)
        val handle = startWires {
            val sum = async("sum") {
                sleep(20.milliseconds)
                (1..100).sum()
            }
            val fromCoroutine = CoroutineScope(Dispatchers.Default).async { sum.awaitSuspending() }
            started.countDown()
            sum.await() to fromCoroutine
        }
        assertTrue(started.await(10, TimeUnit.SECONDS))
        val (direct, fromCoroutine) = handle.join()
        assertEquals(5050, direct)
        assertEquals(5050, runBlocking { fromCoroutine.await() })
    }

    @Test
    fun coroutinesOnDispatchersDefaultSendAndReceiveOnAWireChannel() {
        val total = withRunningScheduler { s ->
            val ch = WireChannel.buffered<Int>("numbers", 4)
            runBlocking(Dispatchers.Default) {
                val producers = (0 until 4).map { p ->
                    launch { for (i in 1..25) ch.sendSuspending(p * 100 + i, s) }
                }
                val consumer = async {
                    var sum = 0
                    repeat(100) { sum += ch.receiveSuspending(s) }
                    sum
                }
                producers.forEach { it.join() }
                consumer.await()
            }
        }
        assertEquals((0 until 4).sumOf { p -> (1..25).sumOf { p * 100 + it } }, total)
    }

    @Test
    fun withoutAJwireSchedulerTheChannelCallsNameTheFix() {
        val ch = WireChannel.rendezvous<Int>("orphan")
        val e = assertThrows<IllegalStateException> { runBlocking(Dispatchers.Default) { ch.receiveSuspending() } }
        assertTrue(e.message!!.contains("runs on no jwire scheduler") && e.message!!.contains("pass the scheduler"), e.message)
    }

    @Test
    fun withLockSuspendingExcludesWiresAndCoroutinesAcrossSuspensions() {
        val counted = withRunningScheduler { s ->
            val lock = WireLock("shared")
            var counter = 0
            val wiresDone = CountDownLatch(3)
            repeat(3) { w ->
                s.spawn("wire $w") {
                    try {
                        repeat(20) {
                            lock.withLock {
                                val seen = counter
                                sleep(1.milliseconds)
                                counter = seen + 1
                            }
                        }
                    } finally {
                        wiresDone.countDown()
                    }
                }
            }
            runBlocking(Dispatchers.Default) {
                val coroutines = (1..3).map {
                    launch {
                        repeat(20) {
                            lock.withLockSuspending(s) {
                                val seen = counter
                                delay(1) // suspends while the lock stays held
                                counter = seen + 1
                            }
                        }
                    }
                }
                coroutines.forEach { it.join() }
            }
            assertTrue(wiresDone.await(10, TimeUnit.SECONDS))
            s.callInWireBlocking { assertFalse(lock.isLocked) }
            counter
        }
        assertEquals(120, counted)
    }

    @Test
    fun aFailingActionReleasesTheLock() {
        withRunningScheduler { s ->
            val lock = WireLock("released on failure")
            runBlocking(Dispatchers.Default) {
                assertThrows<IllegalStateException> { lock.withLockSuspending(s) { error("action failed") } }
                assertEquals("taken again", lock.withLockSuspending(s) { "taken again" })
            }
        }
    }

    @Test
    fun aCancelledCoroutineStillGetsTheValueItWaitedFor() {
        // kotlin-stdlib cannot see the Job: the wait is not cancellable, and the value is never lost
        val received = withRunningScheduler { s ->
            val ch = WireChannel.rendezvous<Int>("late value")
            var got: Int? = null
            runBlocking(Dispatchers.Default) {
                val started = CompletableDeferred<Unit>()
                val waiter = launch {
                    started.complete(Unit)
                    got = ch.receiveSuspending(s) // no cancellable suspension before this wait
                }
                started.await()
                delay(20)
                waiter.cancel()
                assertNull(withTimeoutOrNull(100) { waiter.join() }, "the cancelled waiter ended without its value")
                s.callInWire { ch.send(42) }
                waiter.join()
                assertTrue(waiter.isCancelled)
            }
            got
        }
        assertEquals(42, received)
    }

    @Test
    fun closingTheSchedulerEndsTheWaitWithACancellation() {
        val s = io.jwire.WireScheduler.create()
        val hold = s.keepAlive()
        val carrier = s.startThread("jwire-carrier", 0)
        val never = WireChannel.rendezvous<Int>("never")
        val waiting = CountDownLatch(1)
        val outcome = runBlocking(Dispatchers.Default) {
            val waiter = async {
                try {
                    s.callInWire("waiter") {
                        waiting.countDown()
                        never.receive()
                    }
                    "received"
                } catch (e: WireCancelledException) {
                    "cancelled"
                }
            }
            assertTrue(waiting.await(10, TimeUnit.SECONDS))
            s.close()
            waiter.await()
        }
        hold.close()
        carrier.join(10_000)
        assertEquals("cancelled", outcome)
    }

    @Test
    fun aStuckReportNamesTheCoroutineAHelperWireWaitsFor() {
        val s = io.jwire.WireScheduler.create()
        val never = WireChannel.rendezvous<Int>("never")
        // UNDISPATCHED: the coroutine runs here up to its suspension, so its helper wire is queued before run()
        val waiter = CoroutineScope(Dispatchers.Default + kotlinx.coroutines.CoroutineName("orders consumer"))
            .launch(start = kotlinx.coroutines.CoroutineStart.UNDISPATCHED) { never.receiveSuspending(s) }
        val e = assertThrows<io.jwire.WireDeadlockException> { s.run() }
        assertTrue(e.message!!.contains("wire 'receiveSuspending for coroutine [CoroutineName(orders consumer)"), e.message)
        s.close() // cancels the helper wire: the coroutine resumes with the cancellation and ends
        runBlocking { kotlinx.coroutines.withTimeout(10_000) { waiter.join() } }
        assertTrue(waiter.isCancelled)
    }

    /** Runs [block] in a wire of this scheduler from a plain thread and waits for it. */
    private fun <T> io.jwire.WireScheduler.callInWireBlocking(block: () -> T): T = runBlocking { callInWire { block() } }
}
