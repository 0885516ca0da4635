package io.jwire.interop

import io.jwire.Wire
import io.jwire.WireScheduler
import io.jwire.channels.WireChannel
import io.jwire.kotlin.asCoroutineContext
import io.jwire.kotlin.yieldToWires
import io.jwire.testing.WireTestHarness
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.flowOn
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.selects.select
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.withTimeoutOrNull
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import org.junit.jupiter.api.assertThrows

/**
 * kotlinx.coroutines' builders and primitives on `scheduler.asCoroutineContext()`: each works, and
 * the coroutine is back inside a wire of the scheduler after every hop.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CoroutinesOnSchedulerTest {

    @Test
    fun launchRunsTheCoroutineInAWireOfTheScheduler() {
        val ran = onScheduler { s ->
            assertInWireOf(s)
            val job = launch(CoroutineName("child")) { assertInWireOf(s) }
            job.join()
            assertInWireOf(s)
            job.isCompleted
        }
        assertTrue(ran)
    }

    @Test
    fun asyncAndAwaitReturnValues() {
        val sum = onScheduler {
            val parts = (1..10).map { i -> async { delay(1); i * i } }
            parts.sumOf { it.await() }
        }
        assertEquals(385, sum)
    }

    @Test
    fun withContextHopsToDefaultAndIoAndComesBack() {
        onScheduler { s ->
            val schedulerThread = Thread.currentThread()
            val onDefault = withContext(Dispatchers.Default) { Thread.currentThread() }
            assertNotEquals(schedulerThread, onDefault)
            assertInWireOf(s)
            val onIo = withContext(Dispatchers.IO) {
                Thread.sleep(5) // blocking is fine here, it is not the scheduler's thread
                Thread.currentThread()
            }
            assertNotEquals(schedulerThread, onIo)
            assertInWireOf(s)
            // and into the scheduler from elsewhere
            withContext(Dispatchers.Default) {
                withContext(s.asCoroutineContext()) { assertInWireOf(s) }
            }
            assertInWireOf(s)
        }
    }

    @Test
    fun jobJoinWaitsForTheChild() {
        val order = onScheduler {
            val log = mutableListOf<String>()
            val child = launch { delay(20); log += "child" }
            child.join()
            log += "parent"
            log
        }
        assertEquals(listOf("child", "parent"), order)
    }

    @Test
    fun aFailingChildCancelsItsSiblingsAndTheScopeRethrowsIt() {
        val boom = IllegalStateException("boom")
        var siblingCleanedUp = false
        onScheduler { s ->
            val thrown = assertThrows<IllegalStateException> {
                coroutineScope {
                    launch {
                        try {
                            delay(60_000)
                        } finally {
                            assertInWireOf(s)
                            siblingCleanedUp = true
                        }
                    }
                    launch { delay(5); throw boom }
                }
            }
            // kotlinx may rethrow a copy with the original as its cause (stack trace recovery under -ea)
            assertTrue(thrown === boom || thrown.cause === boom, "not boom: $thrown")
        }
        assertTrue(siblingCleanedUp)
    }

    @Test
    fun aFlowWithFlowOnEmitsOnIoAndIsCollectedOnTheScheduler() {
        val collected = onScheduler { s ->
            val schedulerThread = Thread.currentThread()
            flow {
                assertNotEquals(schedulerThread, Thread.currentThread())
                for (i in 1..5) emit(i)
            }.flowOn(Dispatchers.IO)
                .map { assertInWireOf(s); it * 10 }
                .toList()
        }
        assertEquals(listOf(10, 20, 30, 40, 50), collected)
    }

    @Test
    fun aKotlinxChannelPassesEveryValueBetweenCoroutines() {
        val sum = onScheduler { s ->
            val ch = Channel<Int>()
            launch {
                for (i in 1..1000) ch.send(i)
                ch.close()
            }
            var total = 0L
            for (v in ch) {
                assertInWireOf(s)
                total += v
            }
            total
        }
        assertEquals(500_500L, sum)
    }

    @Test
    fun aKotlinxMutexExcludesAcrossSuspensionsOnTheScheduler() {
        val count = onScheduler {
            val mutex = Mutex()
            var counter = 0
            val workers = (1..10).map {
                launch {
                    repeat(100) {
                        mutex.withLock {
                            val seen = counter
                            yieldToWires() // every other coroutine and wire runs meanwhile
                            counter = seen + 1
                        }
                    }
                }
            }
            workers.forEach { it.join() }
            counter
        }
        assertEquals(1000, count)
    }

    @Test
    fun aKotlinxSelectTakesTheChannelThatIsReady() {
        val picked = onScheduler {
            val slow = Channel<String>()
            val fast = Channel<String>()
            launch { delay(5_000); slow.send("slow") }
            launch { delay(5); fast.send("fast") }
            val v = select {
                slow.onReceive { it }
                fast.onReceive { it }
            }
            coroutineContext[kotlinx.coroutines.Job]!!.children.forEach { it.cancel() }
            v
        }
        assertEquals("fast", picked)
    }

    @Test
    fun withTimeoutCancelsTheBlockAndComesBackToTheScheduler() {
        onScheduler { s ->
            assertNull(withTimeoutOrNull(20) { delay(60_000); "late" })
            assertInWireOf(s)
            assertThrows<TimeoutCancellationException> { withTimeout(20) { delay(60_000) } }
            assertInWireOf(s)
            assertEquals("in time", withTimeout(5_000) { delay(1); "in time" })
        }
    }

    @Test
    fun runBlockingOnAPlainThreadRunsItsBlockInTheSchedulersWires() {
        WireScheduler.create().use { s ->
            val failures = WireTestHarness.watch(s)
            val hold = s.keepAlive()
            val carrier = s.startThread("jwire-carrier", 0)
            try {
                val caller = Thread.currentThread()
                val v = runBlocking(s.asCoroutineContext()) {
                    assertInWireOf(s)
                    assertNotEquals(caller, Thread.currentThread())
                    delay(5)
                    assertInWireOf(s)
                    withContext(Dispatchers.IO) { 20 } + 22
                }
                assertEquals(42, v)
            } finally {
                hold.close()
                carrier.join(10_000)
            }
            assertTrue(!carrier.isAlive, "run() returned once the keep-alive was closed")
            WireTestHarness.rethrow(failures)
            assertEquals(0, s.asCoroutineContext().liveContinuations)
        }
    }

    @Test
    fun coroutinesAndWiresTalkOverAWireChannel() {
        val got = onScheduler { s ->
            val ch = WireChannel.rendezvous<Int>("numbers")
            val received = mutableListOf<Int>()
            s.spawn("consumer") {
                for (i in 1..3) received += ch.receive()
            }
            for (i in 1..3) ch.send(i) // blocking jwire send in a coroutine: only this coroutine waits
            assertInWireOf(s)
            received
        }
        assertEquals(listOf(1, 2, 3), got)
    }

    @Test
    fun theSameDispatcherServesEveryCallOnOneScheduler() {
        WireScheduler.create().use { s ->
            assertSame(s.asCoroutineContext(), s.asCoroutineContext())
            assertEquals("WireDispatcher[" + s + "]", s.asCoroutineContext().toString())
            assertTrue(!Wire.inWire())
        }
    }
}
