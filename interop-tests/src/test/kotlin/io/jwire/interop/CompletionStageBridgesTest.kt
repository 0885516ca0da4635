package io.jwire.interop

import io.jwire.WireFutures
import io.jwire.channels.WireChannel
import io.jwire.kotlin.wires
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.delay
import kotlinx.coroutines.future.asCompletableFuture
import kotlinx.coroutines.future.await
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import org.junit.jupiter.api.assertThrows
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit

/**
 * The CompletionStage bridge in each direction is the core's (`scheduler.submit`, `WireFutures.await`)
 * combined with kotlinx's own future integration (`CompletionStage.await()`, `Deferred.asCompletableFuture()`);
 * sdk-kotlin-dsl adds nothing for it. Unlike the stdlib-only `callInWire`, kotlinx's `await()` is
 * cancellable: cancelling the coroutine cancels the future, and the core's future cancels its wire.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CompletionStageBridgesTest {

    @Test
    fun aCoroutineAwaitsASubmittedWireWithKotlinxAwait() {
        val v = withRunningScheduler { s ->
            runBlocking(Dispatchers.Default) { s.submit("answer") { 6 * 7 }.await() }
        }
        assertEquals(42, v)
    }

    @Test
    fun kotlinxAwaitRethrowsTheWiresFailure() {
        withRunningScheduler { s ->
            val e = assertThrows<IllegalStateException> {
                runBlocking(Dispatchers.Default) { s.submit<Int>("failing") { error("boom") }.await() }
            }
            assertEquals("boom", e.message)
        }
    }

    @Test
    fun cancellingTheAwaitingCoroutineCancelsTheSubmittedWire() {
        val cleanedUp = CountDownLatch(1)
        val waiting = CountDownLatch(1)
        withRunningScheduler { s ->
            val never = WireChannel.rendezvous<Int>("never")
            runBlocking(Dispatchers.Default) {
                val waiter = launch {
                    s.submit("waiter") {
                        try {
                            waiting.countDown()
                            never.receive()
                        } finally {
                            cleanedUp.countDown()
                        }
                    }.await()
                }
                assertTrue(waiting.await(10, TimeUnit.SECONDS))
                waiter.cancel() // kotlinx cancels the future; the future cancels the wire
                waiter.join()
            }
            assertTrue(cleanedUp.await(10, TimeUnit.SECONDS), "the wire was not cancelled")
        }
    }

    @Test
    fun aWireAwaitsAKotlinxDeferredThroughItsFuture() {
        val v = wires {
            val deferred = CoroutineScope(Dispatchers.Default).async {
                delay(10)
                "from a coroutine"
            }
            WireFutures.await(deferred.asCompletableFuture()) // suspends the wire, not the scheduler's thread
        }
        assertEquals("from a coroutine", v)
    }
}
