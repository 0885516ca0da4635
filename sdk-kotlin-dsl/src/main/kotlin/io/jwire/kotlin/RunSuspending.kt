package io.jwire.kotlin

import io.jwire.NotInWireException
import io.jwire.SchedulerClosedException
import io.jwire.Wire
import io.jwire.WireCancelledException
import io.jwire.WireScheduler
import io.jwire.internal.Waiter
import java.util.concurrent.CancellationException
import kotlin.coroutines.Continuation
import kotlin.coroutines.ContinuationInterceptor
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.EmptyCoroutineContext
import kotlin.coroutines.jvm.internal.CoroutineStackFrame
import kotlin.coroutines.startCoroutine

/**
 * Runs the suspend function [block] and returns its value, suspending the calling **wire** (not
 * its carrier thread) until it completes: the wire-side counterpart of kotlinx's `runBlocking`.
 * The other wires, and coroutines on the scheduler, run meanwhile.
 *
 * ```kotlin
 * wires {
 *     val page = runSuspending {
 *         delay(100)                                             // kotlinx suspend code in a wire
 *         withContext(Dispatchers.IO) { URL(url).readText() }
 *     }
 *     println(page.length)
 * }
 * ```
 *
 * **Where the block runs.** Unless [context] names an interceptor, every step of the block runs
 * in the calling wire, on a flat stack, one after the other: the wire waits for the next
 * resumption, then runs it. So the block may call blocking jwire APIs too (channels, locks,
 * `sleep`), and a coroutine it launches into its own scope (kotlinx `coroutineScope { launch { } }`)
 * runs in this wire as well. With an interceptor in [context] (`Dispatchers.IO`,
 * `scheduler.asCoroutineContext()`, ...) the block runs there and the wire only waits for its end.
 * The elements of [context] (a `CoroutineName`, a `Job`) become the block's context.
 *
 * **Outcome.** The block's value is returned; what it throws is rethrown unchanged (the same
 * instance). While the block is pending the wire holds a `KeepAlive`, so `run()` waits for
 * resumptions from other threads (kotlinx's timer, `Dispatchers.IO`).
 *
 * **Cancellation.** A cancel of the calling wire reaches the block where kotlin-stdlib lets it:
 * when the block is running in the wire and waits in a blocking jwire call, that call throws
 * `WireCancelledException` into the block as usual. When the block is *suspended* (in `delay`, on
 * a kotlinx channel, ...), stdlib has no way to cancel it: `runSuspending` then throws the
 * `WireCancelledException` at once and **abandons** the block. An abandoned block is not stopped:
 * its later resumptions run in short-lived wires of the scheduler while the scheduler runs (no
 * `KeepAlive` holds it; once the scheduler is closed they resume with a `WireCancelledException`,
 * so `finally` blocks run); its value is dropped (closed if it is `AutoCloseable`), and a failure
 * other than a cancellation is reported like a wire failure (logged, and passed to the scheduler's
 * exception handler, so `wires { }` rethrows it).
 *
 * **Never call kotlinx's `runBlocking` in a wire**: it blocks the carrier thread, so every wire of
 * the scheduler stops, and `runBlocking { withContext(scheduler.asCoroutineContext()) { } }`
 * deadlocks. `runSuspending` is the way to wait for suspend code in a wire.
 *
 * @throws NotInWireException outside a wire
 * @throws WireCancelledException when the calling wire is cancelled while the block is pending
 */
public fun <T> runSuspending(context: CoroutineContext = EmptyCoroutineContext, block: suspend () -> T): T {
    if (!Wire.inWire()) {
        throw NotInWireException("runSuspending { } must be called from inside a wire, but was called on thread '" +
            Thread.currentThread().name + "' outside any wire; from a plain thread use kotlinx's runBlocking, " +
            "or run the coroutine on scheduler.asCoroutineContext()")
    }
    return SuspendLoop<T>(Wire.current(), context).await(block)
}

/**
 * One [runSuspending] call: the block's completion, and (unless the caller named one) its
 * interceptor, which queues every resumption to the waiting wire. Its state changes on the
 * scheduler's thread only; resumptions from other threads come through the inbox.
 */
internal class SuspendLoop<T>(private val wire: Wire, callerContext: CoroutineContext) :
    ContinuationInterceptor, Continuation<T> {
    val scheduler: WireScheduler = wire.scheduler()

    override val key: CoroutineContext.Key<*>
        get() = ContinuationInterceptor

    override val context: CoroutineContext =
        if (callerContext[ContinuationInterceptor] == null) callerContext + this else callerContext

    /** Steps to run, first in first out, linked through [LoopStep.nextQueued] (a frame is queued at most once at a time). */
    private var queueHead: LoopStep<*>? = null
    private var queueTail: LoopStep<*>? = null
    private var state = WAITING
    /** The wire is suspended waiting for a step or the end. */
    private var parked = false
    private var value: Any? = null
    private var failure: Throwable? = null
    /** The step that ran or was intercepted last: where the block was last seen, for dumps. */
    @Volatile private var latest: LoopStep<*>? = null

    override fun <R> interceptContinuation(continuation: Continuation<R>): Continuation<R> {
        val step = LoopStep(this, continuation)
        latest = step
        return step
    }

    /** Runs the block to its end in the calling wire (see [runSuspending]). */
    fun await(block: suspend () -> T): T {
        val hold = scheduler.keepAlive()
        try {
            block.startCoroutine(this)
            while (state == WAITING) {
                val s = poll()
                if (s != null) {
                    latest = s
                    s.runStep()
                    continue
                }
                parked = true
                try {
                    Wire.suspend(this)
                } finally {
                    parked = false
                }
            }
        } catch (t: Throwable) {
            if (state == WAITING) {
                abandon()
            }
            throw t
        } finally {
            hold.close()
        }
        failure?.let { throw it }
        @Suppress("UNCHECKED_CAST")
        return value as T
    }

    /** A step of the block is to run; the scheduler's thread. */
    fun accept(step: LoopStep<*>) {
        if (state == WAITING) {
            step.nextQueued = null
            val t = queueTail
            if (t == null) queueHead = step else t.nextQueued = step
            queueTail = step
            wakeIfParked()
        } else {
            // the block outlived its runSuspending (abandoned, or a coroutine it launched runs on)
            scheduler.asCoroutineContext().startHere(step)
        }
    }

    private fun poll(): LoopStep<*>? {
        val s = queueHead ?: return null
        queueHead = s.nextQueued
        if (queueHead == null) {
            queueTail = null
        }
        s.nextQueued = null
        return s
    }

    /** The block completed: called by kotlin with its outcome, on the thread that ran its last step. */
    override fun resumeWith(result: Result<T>) {
        if (scheduler.isOwnerThread()) {
            complete(result)
            return
        }
        // the caller's interceptor ran the block on another thread
        try {
            scheduler.execute { complete(result) }
        } catch (e: SchedulerClosedException) {
            dropLate(result)
        }
    }

    private fun complete(result: Result<T>) {
        if (state != WAITING) {
            dropLate(result)
            return
        }
        state = DONE
        val f = result.exceptionOrNull()
        failure = f
        value = if (f == null) result.getOrNull() else null
        wakeIfParked()
    }

    private fun wakeIfParked() {
        if (parked) {
            parked = false
            wire.resume()
        }
    }

    /** The wire stops waiting: queued steps and later ones run in wires of their own. */
    private fun abandon() {
        state = ABANDONED
        while (true) {
            val s = poll() ?: break
            scheduler.asCoroutineContext().startHere(s)
        }
    }

    /** The block ended after its wire stopped waiting: its value is dropped, its failure reported. */
    private fun dropLate(result: Result<T>) {
        val f = result.exceptionOrNull()
        if (f == null) {
            val v = result.getOrNull()
            if (v is AutoCloseable) {
                try {
                    v.close()
                } catch (e: Exception) {
                    reportLate(e)
                }
            }
        } else if (f !is CancellationException) {
            reportLate(f)
        }
    }

    private fun reportLate(f: Throwable) {
        if (Wire.inWire() && scheduler.isOwnerThread()) {
            Waiter.current("runSuspending").reportFailure(f)
        } else {
            LOG.log(System.Logger.Level.WARNING, "the suspend block of runSuspending in wire '" + wire.name() +
                "', abandoned when that wire was cancelled, failed later", f)
        }
    }

    /** What the waiting wire waits on, shown by dumps and stuck reports. */
    override fun toString(): String {
        val at = (latest?.delegate as? CoroutineStackFrame)?.getStackTraceElement()
        return "the suspend block of runSuspending" + (if (at == null) "" else " (last seen at $at)")
    }

    private companion object {
        const val WAITING = 0
        const val DONE = 1
        const val ABANDONED = 2
        val LOG: System.Logger = System.getLogger("io.jwire")
    }
}

/** A continuation of a [runSuspending] block: its resumptions are queued to the waiting wire. */
internal class LoopStep<T>(private val loop: SuspendLoop<*>, delegate: Continuation<T>) : ResumeStep<T>(delegate) {
    /** The next step in the loop's queue. */
    @JvmField var nextQueued: LoopStep<*>? = null

    override fun dispatch() {
        if (loop.scheduler.isOwnerThread()) {
            loop.accept(this)
            return
        }
        try {
            loop.scheduler.execute(this)
        } catch (e: SchedulerClosedException) {
            resumeCancelledHere("the suspend block of runSuspending")
        }
    }

    /** Through the inbox: now on the scheduler's thread. */
    override fun run() {
        loop.accept(this)
    }
}
