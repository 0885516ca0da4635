package io.jwire.kotlin

import io.jwire.WireState

/**
 * The value an [async][WireScope.async] wire computes, or its failure (kotlinx's `Deferred`).
 * Any number of wires of the same scheduler may await it.
 *
 * ```kotlin
 * wires {
 *     val page = async("fetch") { fetch(url) }
 *     val size = async("size") { page.await().length }
 *     println(size.await())
 * }
 * ```
 *
 * **Threads.** Wires of the scheduler that runs it; `await` from a wire of another scheduler
 * throws `IllegalStateException`.
 *
 * @param T the type of the value
 */
public class WireDeferred<out T> internal constructor(private val child: AsyncChild<T>) {
    /** The wire that computes the value. */
    internal val wire: io.jwire.Wire get() = child.wire

    /**
     * The name of the wire that computes the value.
     *
     * ```kotlin
     * check(async("parse") { 1 }.name == "parse")
     * ```
     */
    public val name: String get() = child.wire.name()

    /**
     * Whether the value or failure is there: the wire has ended.
     *
     * ```kotlin
     * val d = async { 1 }
     * check(!d.isCompleted); yield(); check(d.isCompleted)
     * ```
     */
    public val isCompleted: Boolean get() = child.wire.state() == WireState.ENDED

    /**
     * Whether [cancel] was called (or the scope cancelled the wire).
     *
     * ```kotlin
     * val d = async { sleep(1.seconds) }
     * d.cancel(); check(d.isCancelled)
     * ```
     */
    public val isCancelled: Boolean get() = child.wire.isCancelled

    /**
     * Waits for the wire to end and returns its value, or throws what its block threw (the same
     * instance). Returns at once when it has ended; then it may also be called outside a wire.
     *
     * ```kotlin
     * val n = async { 6 * 7 }.await()
     * ```
     *
     * @throws io.jwire.WireCancelledException when the async was cancelled, or the calling wire
     *         is cancelled while it waits
     * @throws io.jwire.NotInWireException outside a wire while the value is not there yet
     * @throws IllegalStateException from a wire of another scheduler, or from the async itself
     */
    public fun await(): T {
        join()
        return child.outcome()
    }

    /**
     * Waits for the wire to end without throwing its failure.
     *
     * ```kotlin
     * val d = async { error("boom") }
     * d.join(); check(d.isCompleted)
     * ```
     *
     * @throws io.jwire.WireCancelledException when the calling wire is cancelled while it waits
     * @throws io.jwire.NotInWireException outside a wire while the value is not there yet
     */
    public fun join() {
        val w = child.wire
        if (w.state() != WireState.ENDED) {
            w.join() // the async wire always ends normally: its failure is kept here
        }
    }

    /**
     * Cancels the wire: its block gets `WireCancelledException` at its next wait, and [await] then
     * throws one. Does nothing once it has ended. Any thread.
     *
     * ```kotlin
     * val slow = async { sleep(1.hours); 1 }
     * slow.cancel()
     * ```
     */
    public fun cancel() {
        child.wire.cancel()
    }

    /** Names the wire and its state, for logs. */
    override fun toString(): String = "WireDeferred[" + child.wire.name() + ", " + child.wire.state() + "]"
}
