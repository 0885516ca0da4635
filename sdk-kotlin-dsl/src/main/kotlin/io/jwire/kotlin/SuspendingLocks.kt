package io.jwire.kotlin

import io.jwire.Wire
import io.jwire.WireScheduler
import io.jwire.WireState
import io.jwire.sync.WireLock
import kotlin.coroutines.Continuation
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException
import kotlin.coroutines.suspendCoroutine

/**
 * Runs the suspend [action] holding this jwire lock, from a coroutine: waits (suspended, first
 * come first served with the wires that lock it) until the lock is taken, runs the action, and
 * releases the lock however the action ends. The action may suspend; the lock stays held.
 *
 * ```kotlin
 * // coroutines and wires share one WireLock around a socket
 * writer.withLockSuspending(scheduler) {
 *     val frame = withContext(Dispatchers.Default) { encode(msg) }
 *     scheduler.callInWire { socket.writeAll(frame) }
 * }
 * ```
 *
 * A `WireLock` is held by a wire, and a coroutine may run in a different wire after each
 * suspension, so a helper wire named `withLockSuspending` takes the lock, holds it while the action
 * runs, and releases it: `lock.owner()` is that wire, and `isHeldByCurrentWire()` is false in the
 * action. For an action that does not suspend, on `scheduler.asCoroutineContext()`, the plain
 * [withLock] is cheaper.
 *
 * [scheduler] is the lock's scheduler; null (the default) takes the calling coroutine's (see
 * [receiveSuspending]). Cancelling the coroutine does not stop the wait for the lock (see
 * [callInWire]); when the scheduler closes while the action runs, the helper is cancelled and
 * releases the lock at once. Any thread.
 *
 * @throws IllegalStateException when [scheduler] is null and the coroutine runs on no jwire
 *         scheduler, or the lock belongs to another scheduler
 * @throws io.jwire.WireCancelledException when the helper wire is cancelled before it got the lock
 */
public suspend fun <T> WireLock.withLockSuspending(scheduler: WireScheduler? = null, action: suspend () -> T): T {
    val s = schedulerFor(scheduler, "WireLock.withLockSuspending()")
    val lock = this
    val holder = suspendCoroutine { cont -> LockHolder(s, lock, cont).start() }
    try {
        return action()
    } finally {
        holder.release()
    }
}

/** The helper wire of one [withLockSuspending]: takes the lock, hands itself to the coroutine, holds until released. */
private class LockHolder(scheduler: WireScheduler, private val lock: WireLock, waiter: Continuation<LockHolder>) :
    HelperWire<LockHolder>(scheduler, "withLockSuspending", waiter) {
    private var released = false
    private lateinit var wire: Wire

    override fun body() {
        wire = Wire.current()
        try {
            lock.lock()
        } catch (t: Throwable) {
            waiter.resumeWithException(t)
            return
        }
        // the release may come from any thread: the scheduler must wait for it
        val hold = scheduler.keepAlive()
        try {
            waiter.resume(this)
            while (!released) {
                Wire.suspend(this)
            }
        } finally {
            hold.close()
            lock.unlock()
        }
    }

    /** The action has ended: let the helper release the lock. Any thread. */
    fun release() {
        if (scheduler.isOwnerThread()) {
            releaseHere()
        } else if (!scheduler.isClosed) {
            try {
                scheduler.execute { releaseHere() }
            } catch (e: io.jwire.SchedulerClosedException) {
                // closed meanwhile: the helper was cancelled and has released the lock
            }
        }
    }

    private fun releaseHere() {
        released = true
        if (wire.state() != WireState.ENDED) {
            wire.resume()
        }
    }

    /** What the helper waits on, for dumps and stuck reports. */
    override fun toString(): String = "the end of a coroutine's withLockSuspending on $lock"
}
