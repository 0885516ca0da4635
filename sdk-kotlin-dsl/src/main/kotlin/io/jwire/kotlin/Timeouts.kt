package io.jwire.kotlin

import io.jwire.Wire
import io.jwire.WireScope as CoreScope
import io.jwire.WireCancelledException
import io.jwire.WireFailedException
import io.jwire.WireTimeoutException
import io.jwire.internal.ScopeAccess
import java.util.concurrent.Callable
import java.util.concurrent.Future
import java.util.concurrent.TimeoutException
import kotlin.time.Duration

/**
 * Runs [block] and returns its value, or cancels it and throws [TimeoutException] when it has not
 * completed within [timeout] (kotlinx's `withTimeout`).
 *
 * ```kotlin
 * val reply = try {
 *     withTimeout(500.milliseconds) { replies.receive() }
 * } catch (e: TimeoutException) {
 *     "no reply"
 * }
 * ```
 *
 * **The block runs in a wire of its own**, `<caller>/withTimeout`, of the same scheduler, while the
 * calling wire waits: jwire stops a block by cancelling the wire that runs it, and the caller must
 * live on. So inside the block `currentWire` is that wire: a [io.jwire.sync.WireLock] the caller holds
 * is not held by the block, and a [io.jwire.WireWait] the caller awaits cannot be awaited there.
 * On timeout the block's wire gets `WireCancelledException`, its `finally` blocks run, and
 * `withTimeout` throws once it has ended. The block's own exceptions are rethrown unchanged; when
 * the calling wire is cancelled, the block is cancelled and awaited, and the cancel is rethrown.
 * The block's children ([WireScope]) end before `withTimeout` returns or throws.
 *
 * For a single wait, the timed operations are cheaper (no extra wire): `channel.receive(timeout)`,
 * `lock.tryLock(timeout)`, `select { onTimeout(...) }`.
 *
 * @throws TimeoutException when [timeout] passed first
 * @throws IllegalArgumentException when [timeout] is negative
 * @throws io.jwire.NotInWireException outside a wire
 */
@Throws(TimeoutException::class)
public fun <T> withTimeout(timeout: Duration, block: WireScope.() -> T): T {
    val outcome = runTimed(timeout, "withTimeout", block)
    if (outcome is TimedOut) {
        throw TimeoutException("withTimeout($timeout) in wire '" + outcome.caller + "': the block did not complete " +
            "in time, so it was cancelled; use withTimeoutOrNull to get null instead")
    }
    @Suppress("UNCHECKED_CAST")
    return outcome as T
}

/**
 * Like [withTimeout], but returns null when [timeout] passed first (the block has then been
 * cancelled and has ended).
 *
 * ```kotlin
 * val reply: String? = withTimeoutOrNull(1.seconds) { replies.receive() }
 * ```
 *
 * @throws IllegalArgumentException when [timeout] is negative
 * @throws io.jwire.NotInWireException outside a wire
 */
public fun <T> withTimeoutOrNull(timeout: Duration, block: WireScope.() -> T): T? {
    val outcome = runTimed(timeout, "withTimeoutOrNull", block)
    @Suppress("UNCHECKED_CAST")
    return if (outcome is TimedOut) null else outcome as T
}

/** What [runTimed] returns when the timeout passed first. */
private class TimedOut(val caller: String)

/**
 * Runs [block] in a wire of its own for at most [timeout]: a child forked into a core scope with
 * that deadline, which cancels it and waits for it when the deadline passes, and cancels it when
 * the caller is. Returns its value, or a [TimedOut].
 */
private fun <T> runTimed(timeout: Duration, call: String, block: WireScope.() -> T): Any? {
    val me = Wire.current()
    require(!timeout.isNegative()) {
        "$call($timeout) in wire '${me.name()}': the timeout must not be negative; pass Duration.ZERO to time out at once"
    }
    val deadline = CoreScope.open(timeout.toJava())
    ScopeAccess.deferOwnerCancel(deadline) // the caller's cancel reaches the block as the caller meets it
    deadline.use { scope ->
        val task = scope.fork(me.name() + "/" + call, Callable {
            val blockScope = ScopeImpl(Wire.current(), true, false)
            blockScope.runBody { blockScope.block() }
        })
        try {
            scope.join()
        } catch (e: WireTimeoutException) {
            // the block has been cancelled and has ended; an outcome it reached before its cancel counts
            if (task.state() == Future.State.CANCELLED || task.wire().isCancelled && task.state() == Future.State.FAILED) {
                return TimedOut(me.name())
            }
        } catch (e: WireFailedException) {
            throw e.cause!! // the block's own exception, unchanged
        }
        return when (task.state()) {
            Future.State.SUCCESS -> task.resultNow()
            Future.State.FAILED -> throw task.exception()
            else -> throw WireCancelledException("the block of $call in wire '${me.name()}' was cancelled, so it has no value")
        }
    }
}
