package io.jwire.kotlin

import io.jwire.Wire
import kotlin.coroutines.ContinuationInterceptor
import kotlin.coroutines.coroutineContext
import kotlin.coroutines.intrinsics.COROUTINE_SUSPENDED
import kotlin.coroutines.intrinsics.intercepted
import kotlin.coroutines.intrinsics.suspendCoroutineUninterceptedOrReturn
import kotlin.coroutines.resume

/**
 * Lets every wire (and every other coroutine resumption) that is ready run once, then continues:
 * the calling coroutine's next step goes to the back of its scheduler's ready queue. kotlinx's
 * `yield()` cannot do this on a [WireDispatcher] — it re-queues only on a kotlinx
 * `CoroutineDispatcher`, and does nothing but check for cancellation here — so a coroutine that
 * loops with kotlinx's `yield()` starves the scheduler; one that loops with `yieldToWires()` takes
 * turns with the wires one to one.
 *
 * ```kotlin
 * CoroutineScope(scheduler.asCoroutineContext()).launch {
 *     while (isActive) {
 *         crunchABit()
 *         yieldToWires()      // the wires of the scheduler run between two rounds
 *     }
 * }
 * ```
 *
 * On a [WireDispatcher] the coroutine suspends and is resumed in a fresh wire (its stack is
 * unwound). In a [runSuspending] block it yields the waiting wire (`Wire.yieldNow()`). It does not
 * check kotlinx cancellation (stdlib cannot see a `Job`). From a coroutine on a jwire scheduler
 * (whatever thread its current step runs on).
 *
 * @throws IllegalStateException when the coroutine runs on no jwire scheduler (use kotlinx's `yield()` there)
 */
public suspend fun yieldToWires() {
    val interceptor = coroutineContext[ContinuationInterceptor]
    if (interceptor is WireDispatcher) {
        // a tail call: the caller's own frame is re-queued, no frame of this function is made
        return suspendCoroutineUninterceptedOrReturn { c ->
            c.intercepted().resume(Unit)
            COROUTINE_SUSPENDED
        }
    }
    if (interceptor is SuspendLoop<*> && Wire.inWire()) {
        Wire.yieldNow()
        return
    }
    throw IllegalStateException("yieldToWires() in a coroutine that runs on no jwire scheduler (its interceptor " +
        "is $interceptor): there are no wires to yield to; use kotlinx's yield(), or run the coroutine on " +
        "scheduler.asCoroutineContext()")
}
