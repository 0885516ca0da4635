package io.jwire.kotlin

import io.jwire.Wire
import io.jwire.WireScheduler
import kotlin.coroutines.Continuation
import kotlin.coroutines.ContinuationInterceptor
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.coroutineContext
import kotlin.coroutines.suspendCoroutine

/**
 * Runs the blocking jwire code [block] in a wire of this scheduler and suspends the calling
 * coroutine until it returns, without blocking any thread: how a coroutine on any dispatcher
 * waits for a wire, a `WireChannel`, a `WireWait`, a `WireSemaphore` or a `WirePool` slot.
 * Returns what [block] returned, or throws what it threw (the same instance).
 *
 * ```kotlin
 * // a coroutine on Dispatchers.Default takes a job from a channel that wires feed
 * val job = scheduler.callInWire("take job") { jobs.receive() }
 * ```
 *
 * The wire is named [name] followed by ` for coroutine ` and the coroutine's context (kotlinx puts
 * the coroutine's name and job there), so a stuck report or dump says which coroutine waits on it;
 * it is appended to the scheduler's ready queue. When the calling code
 * already runs in a wire of this scheduler (a coroutine on [asCoroutineContext], a
 * [runSuspending] block), [block] runs right there instead, which is cheaper and waits just as
 * well. The scheduler must be running, or run later, for the wire to run.
 *
 * **Cancellation.** kotlin-stdlib cannot see a kotlinx `Job`, so cancelling the calling coroutine
 * does not stop the wait: [block] runs to its end and its value is delivered to the coroutine,
 * which meets the cancellation at its next cancellable suspension. So a value taken for a
 * cancelled coroutine is never lost: the coroutine receives it. Cancelling the wire (closing the
 * scheduler) ends the wait with a `WireCancelledException`, which kotlinx treats as cancellation.
 *
 * Any thread.
 *
 * @throws io.jwire.SchedulerClosedException when the scheduler is closed
 * @throws io.jwire.WireCancelledException when the wire was cancelled (the scheduler closed)
 */
public suspend fun <T> WireScheduler.callInWire(name: String = "callInWire", block: () -> T): T {
    if (isOwnerThread() && Wire.inWire()) {
        return block()
    }
    return suspendCoroutine { cont -> CallWire(this, name, block, cont).start() }
}

/** The wire of one [callInWire]. */
private class CallWire<T>(scheduler: WireScheduler, name: String, private val block: () -> T, waiter: Continuation<T>) :
    HelperWire<T>(scheduler, name, waiter) {
    override fun body() {
        val outcome = try {
            Result.success(block())
        } catch (t: Throwable) {
            Result.failure(t)
        }
        waiter.resumeWith(outcome)
    }
}

/** The scheduler whose wires run this context's coroutine: its [WireDispatcher]'s, or its [runSuspending] wire's. */
internal fun CoroutineContext.wireScheduler(): WireScheduler? = when (val i = this[ContinuationInterceptor]) {
    is WireDispatcher -> i.scheduler
    is SuspendLoop<*> -> i.scheduler
    else -> null
}

/**
 * [explicit], or the scheduler of the calling coroutine (see [wireScheduler]).
 *
 * @throws IllegalStateException when neither names one
 */
internal suspend fun schedulerFor(explicit: WireScheduler?, call: String): WireScheduler {
    if (explicit != null) {
        return explicit
    }
    val context = coroutineContext
    return context.wireScheduler() ?: throw IllegalStateException(call + " in a coroutine that runs on no jwire " +
        "scheduler (its interceptor is " + context[ContinuationInterceptor] + "), so it cannot tell which scheduler " +
        "the structure belongs to; pass the scheduler, or run the coroutine on scheduler.asCoroutineContext()")
}
