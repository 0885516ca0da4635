package io.jwire.kotlin

import io.jwire.SchedulerClosedException
import io.jwire.WireCancelledException
import io.jwire.WireScheduler
import io.jwire.internal.Waiter
import kotlin.coroutines.Continuation
import kotlin.coroutines.resumeWithException

/**
 * A wire that a suspended coroutine waits for: it does blocking jwire work on the coroutine's
 * behalf (a receive, a join, holding a lock) and resumes [waiter] with the outcome. The coroutine
 * is always resumed exactly once, also when the wire cannot start: the scheduler is closed (the
 * spawn fails) or it closes before the wire ran (it ends without running its body).
 *
 * The wire's name ends with the coroutine's context (`<call> for coroutine [CoroutineName(x), ...]`
 * under kotlinx), so dumps and stuck reports say which coroutine a stuck helper works for.
 */
internal abstract class HelperWire<T>(
    @JvmField protected val scheduler: WireScheduler,
    call: String,
    @JvmField protected val waiter: Continuation<T>,
) : Runnable {
    private val name: String = call + " for coroutine " + waiter.context

    private var ran = false

    /** The wire's body; it must resume [waiter] exactly once. */
    protected abstract fun body()

    final override fun run() {
        ran = true
        body()
    }

    /**
     * Spawns the wire: here on the scheduler's thread, through its inbox from elsewhere.
     *
     * @throws SchedulerClosedException from another thread when the scheduler is closed
     */
    fun start() {
        if (scheduler.isOwnerThread()) {
            spawnHere()
        } else {
            scheduler.execute { spawnHere() }
        }
    }

    private fun spawnHere() {
        val w = try {
            scheduler.spawn(name, this)
        } catch (e: SchedulerClosedException) {
            waiter.resumeWithException(e)
            return
        }
        Waiter.onEnd(w) {
            if (!ran) {
                waiter.resumeWithException(WireCancelledException("wire '" + name + "' of " + scheduler +
                    " was cancelled before it started (the scheduler was closed), so the coroutine waiting for it " +
                    "resumes with this cancellation"))
            }
        }
    }
}
