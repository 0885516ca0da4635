package io.jwire.interop

import io.jwire.WireDeadlockException
import io.jwire.WireScheduler
import io.jwire.channels.WireChannel
import io.jwire.kotlin.asCoroutineContext
import io.jwire.testing.WireTestHarness
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.coroutines.yield
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import org.junit.jupiter.api.assertThrows
import java.util.concurrent.TimeUnit

/** `run()` returns once every wire and every coroutine launched on the scheduler has ended, not before. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RunLifetimeTest {

    @Test
    fun runWaitsForACoroutineInDelay() {
        WireScheduler.create().use { s ->
            var done = false
            CoroutineScope(s.asCoroutineContext()).launch {
                delay(100)
                done = true
            }
            val start = System.nanoTime()
            s.run()
            val elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
            assertTrue(done, "run() returned before the coroutine ended")
            assertTrue(elapsed >= 90, "run() returned after $elapsed ms")
            assertEquals(0, s.asCoroutineContext().liveContinuations)
        }
    }

    @Test
    fun runWaitsForACoroutineOnDispatchersIo() {
        WireScheduler.create().use { s ->
            var done = false
            CoroutineScope(s.asCoroutineContext()).launch {
                withContext(Dispatchers.IO) { Thread.sleep(50) }
                done = true
            }
            s.run()
            assertTrue(done, "run() returned before the coroutine came back from Dispatchers.IO")
        }
    }

    @Test
    fun interceptsAndReleasesBalanceOverManyCoroutines() {
        WireScheduler.create().use { s ->
            val failures = WireTestHarness.watch(s)
            val d = s.asCoroutineContext()
            val ch = Channel<Int>(capacity = 16)
            var received = 0
            val scope = CoroutineScope(d)
            repeat(500) { i ->
                scope.launch {
                    when (i % 4) {
                        0 -> delay(1)
                        1 -> withContext(Dispatchers.Default) { }
                        2 -> yield()
                        else -> ch.send(i)
                    }
                }
            }
            scope.launch { repeat(125) { received += ch.receive().let { 1 } } }
            assertTrue(d.liveContinuations > 0, "launching counts continuations")
            s.run()
            WireTestHarness.rethrow(failures)
            assertEquals(125, received)
            assertEquals(0, d.liveContinuations)
            // nothing holds the scheduler any more: a second run returns at once
            val start = System.nanoTime()
            s.run()
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1))
        }
    }

    @Test
    fun aStuckWireIsStillReportedOnceTheCoroutinesHaveEnded() {
        WireScheduler.create().use { s ->
            CoroutineScope(s.asCoroutineContext()).launch { delay(5) }
            val never = WireChannel.rendezvous<Int>("never")
            s.spawn("stuck") { never.receive() }
            val e = assertThrows<WireDeadlockException> { s.run() }
            assertTrue(e.message!!.contains("wire 'stuck'"), e.message)
            assertEquals(0, s.asCoroutineContext().liveContinuations)
        }
    }
}
