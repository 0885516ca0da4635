package io.jwire.kotlin

import io.jwire.channels.ChannelClosedException

/**
 * The outcome of [receiveCatching] and of a select's `onReceiveCatching`: a value, or "the channel
 * is closed and drained" with the cause the channel was closed with, if any ([exceptionOrNull]:
 * a [WireScope.produce] block that failed closes its channel with that failure). An inline value class: a
 * value or a plain close allocates nothing.
 *
 * ```kotlin
 * while (true) {
 *     val r = channel.receiveCatching()
 *     if (r.isClosed) break
 *     handle(r.getOrThrow())
 * }
 * ```
 *
 * @param T the type of the value
 */
@JvmInline
public value class ChannelResult<out T> @PublishedApi internal constructor(@PublishedApi internal val holder: Any?) {
    /**
     * Whether a value was received.
     *
     * ```kotlin
     * if (r.isSuccess) println(r.getOrNull())
     * ```
     */
    public val isSuccess: Boolean get() = holder !is Closed

    /**
     * Whether the channel is closed and drained: no value will ever come.
     *
     * ```kotlin
     * if (r.isClosed) return
     * ```
     */
    public val isClosed: Boolean get() = holder is Closed

    /**
     * The cause the channel was closed with (`channel.close(cause)`, or the failure of a [WireScope.produce]
     * block), or null: a value was received, or the channel was closed without a cause (kotlinx's
     * `exceptionOrNull`).
     *
     * ```kotlin
     * val r = lines.receiveCatching()
     * if (r.isClosed) r.exceptionOrNull()?.let { throw IOException("the reader failed", it) }
     * ```
     */
    public fun exceptionOrNull(): Throwable? = (holder as? Closed)?.cause

    /**
     * The value, or null when the channel is closed.
     *
     * ```kotlin
     * val v: String? = channel.receiveCatching().getOrNull()
     * ```
     */
    @Suppress("UNCHECKED_CAST")
    public fun getOrNull(): T? = if (holder is Closed) null else holder as T

    /**
     * The value.
     *
     * ```kotlin
     * val v: String = channel.receiveCatching().getOrThrow()
     * ```
     *
     * @throws ChannelClosedException when the channel is closed and drained; its cause is
     *         [exceptionOrNull]
     */
    @Suppress("UNCHECKED_CAST")
    public fun getOrThrow(): T {
        if (holder is Closed) {
            val cause = holder.cause
            throw ChannelClosedException("the channel is closed and drained" + (if (cause == null) "" else " with cause $cause") +
                ", so this result has no value; check isClosed, or use getOrNull()", cause)
        }
        return holder as T
    }

    /** `Value(v)`, `Closed` or `Closed(cause)`, for logs. */
    override fun toString(): String = when {
        holder !is Closed -> "Value($holder)"
        holder.cause == null -> "Closed"
        else -> "Closed(${holder.cause})"
    }

    /** The holder of a closed result, with the channel's close cause. */
    @PublishedApi
    internal class Closed(@JvmField val cause: Throwable?) {
        internal companion object {
            /** A close without a cause: one shared holder. */
            @JvmField val PLAIN: Closed = Closed(null)
        }
    }

    /**
     * Factories of results, for code that builds its own (tests, adapters).
     *
     * ```kotlin
     * fun next(): ChannelResult<Int> = if (done) ChannelResult.closed() else ChannelResult.success(counter++)
     * ```
     */
    public companion object {
        /**
         * A result holding [value].
         *
         * ```kotlin
         * check(ChannelResult.success(1).getOrThrow() == 1)
         * ```
         */
        public fun <T> success(value: T): ChannelResult<T> = ChannelResult(value)

        /**
         * The result of a receive from a closed and drained channel, closed with [cause] (null: a
         * close without a cause).
         *
         * ```kotlin
         * check(ChannelResult.closed<Int>().isClosed)
         * check(ChannelResult.closed<Int>(IOException("gone")).exceptionOrNull() is IOException)
         * ```
         */
        public fun <T> closed(cause: Throwable? = null): ChannelResult<T> =
            ChannelResult(if (cause == null) Closed.PLAIN else Closed(cause))
    }
}
