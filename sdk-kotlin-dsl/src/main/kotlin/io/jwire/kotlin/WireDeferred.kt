package io.jwire.kotlin

import io.jwire.WireCancelledException
import io.jwire.WireFailedException
import io.jwire.WireTask
import java.util.concurrent.CancellationException
import java.util.concurrent.Future

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
    /** The core's handle of the wire that computes the value. */
    private val task: WireTask<out T> get() = child.task

    /** The wire that computes the value. */
    internal val wire: io.jwire.Wire get() = task.wire()

    /**
     * The name of the wire that computes the value.
     *
     * ```kotlin
     * check(async("parse") { 1 }.name == "parse")
     * ```
     */
    public val name: String get() = task.name()

    /**
     * Whether the value or failure is there: the wire has ended.
     *
     * ```kotlin
     * val d = async { 1 }
     * check(!d.isCompleted); yield(); check(d.isCompleted)
     * ```
     */
    public val isCompleted: Boolean get() = task.state() != Future.State.RUNNING

    /**
     * Whether [cancel] was called (or the scope cancelled the wire).
     *
     * ```kotlin
     * val d = async { sleep(1.seconds) }
     * d.cancel(); check(d.isCancelled)
     * ```
     */
    public val isCancelled: Boolean get() = task.wire().isCancelled

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
        return when (task.state()) {
            Future.State.SUCCESS -> task.resultNow()
            Future.State.FAILED -> throw task.exception()
            else -> throw child.cancel ?: WireCancelledException("async '" + name + "' was cancelled before it " +
                "started, so it has no value")
        }
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
        if (task.state() == Future.State.RUNNING) {
            try {
                task.join()
            } catch (e: WireFailedException) {
                // the failure is the task's outcome, for await
            } catch (e: CancellationException) {
                if (e is WireCancelledException) {
                    throw e // the calling wire's own cancellation; the task's is a plain CancellationException
                }
            }
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
        task.cancel()
    }

    /** Names the wire and its state, for logs. */
    override fun toString(): String = "WireDeferred[" + name + ", " + task.wire().state() + "]"
}
