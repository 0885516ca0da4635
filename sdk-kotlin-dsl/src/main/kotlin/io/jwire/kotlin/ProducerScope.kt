package io.jwire.kotlin

import io.jwire.channels.WireChannel

/**
 * The receiver of a [WireScope.produce] block: a [WireScope] that also sends on the produced
 * channel.
 *
 * ```kotlin
 * wires {
 *     val lines = produce<String>("reader") {
 *         send("first")
 *         send("second")
 *     }                                   // closed when the block ends
 *     lines.consumeEach { println(it) }
 * }
 * ```
 *
 * @param E the type of the values
 */
@WireDsl
public sealed interface ProducerScope<E> : WireScope {
    /**
     * The channel this producer sends on; the consumers received it from [WireScope.produce].
     *
     * ```kotlin
     * produce<Int> { while (!channel.isClosed) send(next()) }
     * ```
     */
    public val channel: WireChannel<E>

    /**
     * Sends [value] on [channel], suspending the producer until it is taken (rendezvous) or
     * buffered, as `channel.send(value)`.
     *
     * ```kotlin
     * produce<Int> { for (i in 1..10) send(i) }
     * ```
     *
     * @throws io.jwire.channels.ChannelClosedException when a consumer closed the channel; the producer then
     *         ends quietly if it lets the exception propagate
     * @throws io.jwire.WireCancelledException when the producer is cancelled meanwhile
     */
    public fun send(value: E)
}
