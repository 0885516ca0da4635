package io.jwire.kotlin

import io.jwire.WireTimeout
import io.jwire.WireWait
import io.jwire.WireWaitList
import kotlin.time.Duration

/**
 * Waits for the first triggered member of the list, at most [timeout] (libwire's `wire_list_wait`
 * with a `wire_timeout`).
 *
 * ```kotlin
 * val list = WireWaitList().apply { chain(replyArrived); chain(shutdown) }
 * when (list.await(1.seconds)) {
 *     null -> println("timed out")
 *     shutdown -> return
 *     else -> handleReply()
 * }
 * ```
 *
 * @return the first triggered member in chain order, or null when the timeout passed first
 * @throws IllegalArgumentException when [timeout] is negative
 * @throws IllegalStateException when the list is empty, or another wire already waits on it
 * @throws io.jwire.NotInWireException outside a wire
 * @throws io.jwire.WireCancelledException when the calling wire is cancelled meanwhile
 */
public fun WireWaitList.await(timeout: Duration): WireWait? = await(timeout.toJava())

/**
 * Creates a [WireTimeout] on the calling thread's scheduler, armed to expire after [duration];
 * chain its `asWait()` into a [WireWaitList], and close it when done.
 *
 * ```kotlin
 * WireTimeout(200.milliseconds).use { t ->
 *     list.chain(t.asWait())
 *     try { list.await() } finally { list.unchain(t.asWait()) }
 * }
 * ```
 *
 * @throws IllegalArgumentException when [duration] is negative
 * @throws io.jwire.NotInWireException when not called on a scheduler's thread
 */
public fun WireTimeout(duration: Duration): WireTimeout = WireTimeout.after(duration.toJava())

/**
 * Re-arms the timeout to expire [duration] from now, and resets its wait.
 *
 * ```kotlin
 * idle.arm(30.seconds)     // after each request
 * ```
 *
 * @throws IllegalArgumentException when [duration] is negative
 */
public fun WireTimeout.arm(duration: Duration): WireTimeout = arm(duration.toJava())
