package io.jwire.interop

import io.jwire.Wire
import io.jwire.WireScheduler
import io.jwire.kotlin.asCoroutineContext
import io.jwire.testing.WireTestHarness
import kotlinx.coroutines.CoroutineExceptionHandler
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.launch
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue

/**
 * Runs [body] as a kotlinx coroutine on the dispatcher of a fresh scheduler, runs that scheduler on
 * the calling thread until every wire and coroutine has ended, closes it, and returns the body's
 * value. A failure anywhere fails the test: of any wire (the shared harness), of the body, or of
 * any coroutine started in the scope (a `CoroutineExceptionHandler`). Afterwards the dispatcher
 * holds no continuation: intercepts and releases balanced.
 */
fun <T> onScheduler(body: suspend CoroutineScope.(WireScheduler) -> T): T {
    WireScheduler.create().use { s ->
        val failures = WireTestHarness.watch(s)
        val handler = CoroutineExceptionHandler { _, e -> failures.add(e) }
        var outcome: Result<T>? = null
        CoroutineScope(s.asCoroutineContext() + handler).launch {
            outcome = runCatching { body(s) }
        }
        s.run()
        WireTestHarness.rethrow(failures)
        assertEquals(0, s.asCoroutineContext().liveContinuations, "intercepted continuations not released")
        return checkNotNull(outcome) { "the body did not complete" }.getOrThrow()
    }
}

/** Asserts that the caller runs inside a wire of [s], on its thread. */
fun assertInWireOf(s: WireScheduler) {
    assertTrue(s.isOwnerThread(), "not on the scheduler's thread: " + Thread.currentThread().name)
    assertTrue(Wire.inWire(), "not inside a wire")
}

/**
 * Runs a fresh scheduler on a thread of its own (held open by a `KeepAlive`) while [body] runs on
 * the calling thread, then lets it end; a wire failure fails the test, except the [expectedFailures]
 * (which must have been reported). For coroutines elsewhere
 * (Dispatchers.Default, runBlocking) that wait for wires.
 */
fun <T> withRunningScheduler(expectedFailures: List<Throwable> = emptyList(), body: (WireScheduler) -> T): T {
    WireScheduler.create().use { s ->
        val failures = WireTestHarness.watch(s)
        val hold = s.keepAlive()
        val carrier = s.startThread("jwire-carrier", 0)
        val result = try {
            body(s)
        } finally {
            hold.close()
            carrier.join(20_000)
        }
        assertTrue(!carrier.isAlive, "the scheduler did not end: " + s.dump())
        for (f in expectedFailures) {
            assertTrue(failures.remove(f), "expected failure not reported: $f")
        }
        WireTestHarness.rethrow(failures)
        return result
    }
}
