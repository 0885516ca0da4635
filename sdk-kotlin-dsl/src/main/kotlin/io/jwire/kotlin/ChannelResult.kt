package io.jwire.kotlin

import io.jwire.channels.ChannelClosedException

/**
 * The outcome of [receiveCatching] and of a select's `onReceiveCatching`: a value, or "the channel
 * is closed and drained". An inline value class: it allocates nothing.
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
     * @throws ChannelClosedException when the channel is closed and drained
     */
    @Suppress("UNCHECKED_CAST")
    public fun getOrThrow(): T {
        if (holder is Closed) {
            throw ChannelClosedException("the channel is closed and drained, so this result has no value; " +
                "check isClosed, or use getOrNull()")
        }
        return holder as T
    }

    /** `Value(v)` or `Closed`, for logs. */
    override fun toString(): String = if (holder is Closed) "Closed" else "Value($holder)"

    /** The holder of a closed result. */
    @PublishedApi
    internal object Closed

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
         * The result of a receive from a closed and drained channel.
         *
         * ```kotlin
         * check(ChannelResult.closed<Int>().isClosed)
         * ```
         */
        public fun <T> closed(): ChannelResult<T> = ChannelResult(Closed)
    }
}
