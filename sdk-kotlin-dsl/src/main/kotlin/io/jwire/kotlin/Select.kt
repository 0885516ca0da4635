package io.jwire.kotlin

import io.jwire.channels.ChannelClosedException
import io.jwire.Wire
import io.jwire.channels.WireChannel
import io.jwire.channels.WireSelect
import io.jwire.WireWait
import kotlin.time.Duration

/**
 * Waits for the first of several clauses that can complete, completes it, and returns what its
 * handler returns (Go's `select`, kotlinx's `select`), over the core's `WireSelect`.
 *
 * ```kotlin
 * val event: String = select {
 *     onReceive(orders) { o -> "order $o" }
 *     onReceiveCatching(cancels) { r -> if (r.isClosed) "no more cancels" else "cancel ${r.getOrThrow()}" }
 *     onSend(audit, "tick") { "audited" }
 *     onTimeout(100.milliseconds) { "idle" }
 * }
 * ```
 *
 * When several clauses can complete, the first one registered wins (the core's chain order), as
 * kotlinx's biased `select`. Only the chosen clause's operation happens: no other value is taken
 * or sent. The block only registers clauses; it runs once, and the handlers after the wait.
 *
 * Each call builds a `WireSelect` and unregisters it at the end: a few small objects per call. In
 * a tight loop over the same channels, a reused `WireSelect` (Java API) allocates nothing.
 *
 * @throws ChannelClosedException when an [SelectBuilder.onReceive] channel is closed and drained
 *         (use `onReceiveCatching` to handle that), or an `onSend` channel is closed
 * @throws IllegalStateException when no clause was registered
 * @throws io.jwire.NotInWireException outside a wire
 * @throws io.jwire.WireCancelledException when the calling wire is cancelled meanwhile
 */
public inline fun <R> select(builder: SelectBuilder<R>.() -> Unit): R {
    val b = SelectBuilder<R>()
    try {
        b.builder()
        return b.await()
    } finally {
        b.close()
    }
}

/**
 * The clauses of one [select]; each `on...` registers one, in order.
 *
 * ```kotlin
 * select<Unit> {
 *     onReceive(a) { println("a: $it") }
 *     onReceive(b) { println("b: $it") }
 * }
 * ```
 *
 * @param R the type the handlers return, the value of the select
 */
@SelectDsl
public class SelectBuilder<R> @PublishedApi internal constructor() {
    private val select = WireSelect()
    /** The clause of each member of [select], by member index. */
    private val clauses = ArrayList<Clause<R>>(4)
    private var timeout: Duration? = null
    private var onTimeout: (() -> R)? = null

    /**
     * A clause that receives a value from [channel] and passes it to [handler].
     *
     * ```kotlin
     * select<Int> { onReceive(numbers) { n -> n * 2 } }
     * ```
     *
     * When the channel is closed and drained, the select throws `ChannelClosedException`; use
     * [onReceiveCatching] to handle the close as a clause.
     */
    public fun <T> onReceive(channel: WireChannel<T>, handler: (T) -> R) {
        add(select.onReceive(channel), Clause(RECEIVE, channel, handler))
    }

    /**
     * A clause that receives from [channel] and passes a [ChannelResult] to [handler]: a value, or
     * closed once the channel is closed and drained.
     *
     * ```kotlin
     * select<Boolean> { onReceiveCatching(events) { r -> r.getOrNull()?.let(::handle) != null } }
     * ```
     */
    public fun <T> onReceiveCatching(channel: WireChannel<T>, handler: (ChannelResult<T>) -> R) {
        add(select.onReceive(channel), Clause(RECEIVE_CATCHING, channel, handler))
    }

    /**
     * A clause that sends [value] on [channel], then runs [handler]. It completes when a receiver
     * waits in `receive` (rendezvous) or the buffer has room; a select's send does not yield to the
     * receiver, and two selects on the two ends of one rendezvous channel never meet.
     *
     * ```kotlin
     * select<Unit> { onSend(out, line) { sent++ } }
     * ```
     *
     * @throws NullPointerException when [value] is null
     */
    public fun <T> onSend(channel: WireChannel<T>, value: T, handler: () -> R) {
        add(select.onSend(channel, value), Clause(SEND, channel, handler))
    }

    /**
     * A clause that completes when [wait] is triggered (a [WireWait], such as an fd readiness or a
     * `WireTimeout`'s wait); the select does not reset it.
     *
     * ```kotlin
     * select<String> { onWait(shutdown) { "stopping" }; onReceive(jobs) { "job $it" } }
     * ```
     *
     * @throws IllegalStateException when [wait] is chained to another wait list
     */
    public fun onWait(wait: WireWait, handler: () -> R) {
        add(select.onWait(wait), Clause(WAIT, null, handler))
    }

    /**
     * A clause that completes when [timeout] has passed and no other clause could complete. With
     * several, the shortest counts.
     *
     * ```kotlin
     * select<String?> { onReceive(replies) { it }; onTimeout(1.seconds) { null } }
     * ```
     *
     * @throws IllegalArgumentException when [timeout] is negative
     */
    public fun onTimeout(timeout: Duration, handler: () -> R) {
        require(!timeout.isNegative()) { "select's onTimeout($timeout): the timeout must not be negative" }
        val current = this.timeout
        if (current == null || timeout < current) {
            this.timeout = timeout
            this.onTimeout = handler
        }
    }

    private fun add(index: Int, clause: Clause<R>) {
        check(index == clauses.size) { "select member $index registered out of order" }
        clauses.add(clause)
    }

    /** Waits for the first clause and runs its handler. */
    @PublishedApi
    internal fun await(): R {
        val t = timeout
        if (clauses.isEmpty() && t != null) {
            Wire.sleep(t.toJava()) // only a timeout: kotlinx allows that too
            return onTimeout!!()
        }
        val i = if (t == null) select.await() else select.await(t.toJava())
        if (i < 0) {
            return onTimeout!!()
        }
        return clauses[i].complete(select.value())
    }

    /** Unregisters from every channel. */
    @PublishedApi
    internal fun close() {
        select.close()
    }

    /** One registered clause: its kind, channel and handler. */
    private class Clause<R>(private val kind: Int, private val channel: WireChannel<*>?, private val handler: Function<R>) {
        @Suppress("UNCHECKED_CAST")
        fun complete(value: Any?): R = when (kind) {
            RECEIVE -> {
                if (value == null) {
                    throw ChannelClosedException("select's onReceive in wire '" + Wire.current().name() + "': channel '" +
                        channel!!.name() + "' is closed and drained; use onReceiveCatching to handle the close")
                }
                (handler as (Any?) -> R)(value)
            }
            RECEIVE_CATCHING -> (handler as (ChannelResult<Any?>) -> R)(
                if (value == null) ChannelResult.closed() else ChannelResult(value))
            else -> (handler as () -> R)()
        }
    }

    private companion object {
        const val RECEIVE = 0
        const val RECEIVE_CATCHING = 1
        const val SEND = 2
        const val WAIT = 3
    }
}
