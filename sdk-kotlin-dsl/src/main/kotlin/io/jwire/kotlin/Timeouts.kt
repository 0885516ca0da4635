package io.jwire.kotlin

import io.jwire.Wire
import io.jwire.WireCancelledException
import io.jwire.WireWait
import io.jwire.WireWaitList
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

/** Runs [block] in a wire of its own for at most [timeout]; its value, or a [TimedOut]. */
private fun <T> runTimed(timeout: Duration, call: String, block: WireScope.() -> T): Any? {
    val me = Wire.current()
    require(!timeout.isNegative()) {
        "$call($timeout) in wire '${me.name()}': the timeout must not be negative; pass Duration.ZERO to time out at once"
    }
    val scheduler = me.scheduler()
    val timed = TimedBlock(block, WiresContext.of(scheduler))
    timed.wire = scheduler.spawn(me.name() + "/" + call, timed)
    val list = WireWaitList()
    list.chain(timed.done)
    val completed = try {
        list.await(timeout.toJava()) != null
    } catch (e: WireCancelledException) {
        timed.wire.cancel()
        awaitEnd(timed.wire)
        throw e
    }
    if (!completed) {
        timed.wire.cancel()
        awaitEnd(timed.wire)?.let { throw it }
        if (!timed.completed) {
            return TimedOut(me.name())
        }
    }
    timed.failure?.let { throw it }
    return timed.value
}

/** Joins [w] until it has ended, even across a cancel of the caller; returns that cancel, if any. */
private fun awaitEnd(w: Wire): WireCancelledException? {
    var cancel: WireCancelledException? = null
    while (true) {
        try {
            w.join() // a TimedBlock's wire always ends normally
            return cancel
        } catch (e: WireCancelledException) {
            if (cancel == null) {
                cancel = e
            }
        }
    }
}

/** The wire that runs a timed block, in a scope of its own; triggers [done] as it ends. */
private class TimedBlock<T>(private val block: WireScope.() -> T, private val context: WiresContext?) : Runnable {
    lateinit var wire: Wire
    val done = WireWait("end of the timed block")
    var value: T? = null
    var failure: Throwable? = null
    var completed = false

    override fun run() {
        val scope = ScopeImpl(wire.scheduler(), wire, true, false, context)
        try {
            value = scope.runBody { scope.block() }
            completed = true
        } catch (t: Throwable) {
            failure = t
        } finally {
            done.resume()
        }
    }
}
