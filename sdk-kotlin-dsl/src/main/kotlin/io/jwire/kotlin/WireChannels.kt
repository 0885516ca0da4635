package io.jwire.kotlin

import io.jwire.channels.WireChannel
import kotlin.time.Duration

/**
 * Creates a channel (kotlinx's `Channel()`): rendezvous when [capacity] is 0 (`send` returns once a
 * receiver took the value, and the receiver runs first), otherwise buffered up to [capacity]
 * values. Null values are refused.
 *
 * ```kotlin
 * val jobs = WireChannel<String>(capacity = 16, name = "jobs")
 * ```
 *
 * @throws IllegalArgumentException when [capacity] is negative
 */
public fun <T> WireChannel(capacity: Int = 0, name: String = "channel"): WireChannel<T> =
    if (capacity == 0) WireChannel.rendezvous(name) else WireChannel.buffered(name, capacity)

/**
 * Receives the next value, or a closed result once the channel is closed and drained; never throws
 * for a closed channel (kotlinx's `receiveCatching`). The closed result carries the channel's
 * close cause ([ChannelResult.exceptionOrNull]: what `close(cause)` was given, or the failure of a
 * [WireScope.produce] block). Allocates nothing for a value or a plain close.
 *
 * ```kotlin
 * val r = channel.receiveCatching()
 * r.getOrNull()?.let(::handle) ?: println("closed, cause: ${r.exceptionOrNull()}")
 * ```
 *
 * @throws io.jwire.NotInWireException outside a wire
 * @throws io.jwire.WireCancelledException when the calling wire is cancelled before a value came
 */
public fun <T> WireChannel<T>.receiveCatching(): ChannelResult<T> {
    val v: T? = receiveOrNull()
    return if (v == null) ChannelResult.closed(closeCause()) else ChannelResult(v)
}

/**
 * Receives the next value, waiting at most [timeout]; null when the timeout passed first.
 *
 * ```kotlin
 * val v = channel.receive(100.milliseconds) ?: println("nothing within 100 ms")
 * ```
 *
 * @throws io.jwire.channels.ChannelClosedException when the channel is or gets closed and drained
 * @throws IllegalArgumentException when [timeout] is negative
 * @throws io.jwire.NotInWireException outside a wire
 * @throws io.jwire.WireCancelledException when the calling wire is cancelled before a value came
 */
public fun <T> WireChannel<T>.receive(timeout: Duration): T? = receive(timeout.toJava())

/**
 * Sends [value], waiting at most [timeout] for a receiver (rendezvous) or for room (buffered).
 *
 * ```kotlin
 * if (!channel.send(job, 1.seconds)) println("nobody took $job")
 * ```
 *
 * @return true when the value was delivered, false when the timeout passed first (it was not)
 * @throws io.jwire.channels.ChannelClosedException when the channel is or gets closed first
 * @throws IllegalArgumentException when [timeout] is negative
 * @throws io.jwire.NotInWireException outside a wire
 * @throws io.jwire.WireCancelledException when the calling wire is cancelled first
 */
public fun <T> WireChannel<T>.send(value: T, timeout: Duration): Boolean = send(value, timeout.toJava())

/**
 * Runs [action] for every value received until the channel is closed and drained, then returns;
 * the channel is closed on the way out in any case (kotlinx's `consumeEach`), so when [action]
 * throws or returns early, producers blocked in `send` learn at once that nobody will take their
 * values. When the channel was closed with a cause (a failed [WireScope.produce] block), it throws a
 * `ChannelClosedException` with that cause once the values are drained, as a `for` loop over the
 * channel does. Inline: the loop allocates nothing.
 *
 * ```kotlin
 * produce<Int> { for (i in 1..3) send(i) }.consumeEach { println(it) }
 * ```
 *
 * @throws io.jwire.channels.ChannelClosedException when the channel was closed with a cause (the
 *         exception's cause)
 * @throws io.jwire.NotInWireException outside a wire
 * @throws io.jwire.WireCancelledException when the calling wire is cancelled meanwhile
 */
public inline fun <T> WireChannel<T>.consumeEach(action: (T) -> Unit) {
    try {
        while (true) {
            val v: T = receiveOrNull() ?: break
            action(v)
        }
        if (closeCause() != null) {
            receive() // throws ChannelClosedException with the cause, naming the channel and the wire
        }
    } finally {
        close()
    }
}
