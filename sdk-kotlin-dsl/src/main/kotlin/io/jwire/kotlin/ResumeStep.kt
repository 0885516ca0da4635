package io.jwire.kotlin

import io.jwire.WireCancelledException
import kotlin.coroutines.Continuation
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.jvm.internal.CoroutineStackFrame

/**
 * An intercepted continuation of a coroutine on a jwire scheduler: what a jwire interceptor
 * ([WireDispatcher], or the loop of [runSuspending]) returns from `interceptContinuation`. A
 * resumption stores its outcome here and [dispatch]es the step; the step then runs on the
 * scheduler's thread, inside a wire, through [runStep]. One object per intercepted frame, reused
 * for every resumption of that frame: a resumption allocates nothing here.
 *
 * A continuation is resumed at most once per suspension, so one pair of fields holds the outcome;
 * it is handed to the scheduler's thread through the scheduler's inbox (a happens-before edge) or
 * stays on that thread.
 */
internal abstract class ResumeStep<T>(@JvmField val delegate: Continuation<T>) : Continuation<T>, Runnable {
    private var value: Any? = null
    private var failure: Throwable? = null

    final override val context: CoroutineContext
        get() = delegate.context

    final override fun resumeWith(result: Result<T>) {
        val f = result.exceptionOrNull()
        failure = f
        value = if (f == null) result.getOrNull() else null
        dispatch()
    }

    /** Hands this step to the scheduler; called on the resuming thread, whatever it is. */
    protected abstract fun dispatch()

    /** Replaces the outcome of the pending resumption with [cause] (the scheduler cannot run it). */
    fun failWith(cause: Throwable) {
        value = null
        failure = cause
    }

    /**
     * The scheduler is closed, so no wire can run the pending resumption: the coroutine resumes on
     * the calling thread with a `WireCancelledException` (closing cancels what runs on the
     * scheduler), so its `finally` blocks run and whoever waits for it learns that it ended.
     */
    fun resumeCancelledHere(what: String) {
        failWith(WireCancelledException(what + " was resumed after its scheduler was closed; it resumes with this " +
            "cancellation on thread '" + Thread.currentThread().name + "' instead; close the scheduler once run() " +
            "has returned (run() waits for coroutines on it)"))
        runStep()
    }

    /** Runs the pending resumption on the calling thread: the coroutine runs until it suspends or completes. */
    fun runStep() {
        val f = failure
        val v = value
        failure = null
        value = null
        if (f != null) {
            delegate.resumeWith(Result.failure(f))
        } else {
            @Suppress("UNCHECKED_CAST")
            delegate.resumeWith(Result.success(v as T))
        }
    }

    /** Where the coroutine of this frame is suspended: the frame and its callers, one per line. */
    fun frames(): String = describeFrames(delegate)
}

/**
 * The suspended frames of [continuation], innermost first, from kotlin-stdlib's
 * `CoroutineStackFrame` (the line of each frame's current suspension point); empty for a
 * continuation that is not a compiled suspend function.
 */
internal fun describeFrames(continuation: Continuation<*>): String {
    val sb = StringBuilder()
    var frame: CoroutineStackFrame? = continuation as? CoroutineStackFrame
    var depth = 0
    while (frame != null && depth < MAX_DESCRIBED_FRAMES) {
        val e = frame.getStackTraceElement()
        if (e != null) {
            sb.append("\tat ").append(e).append('\n')
        }
        frame = frame.callerFrame
        depth++
    }
    return sb.toString()
}

/** A dump shows at most this many suspended frames of one coroutine. */
private const val MAX_DESCRIBED_FRAMES = 64
