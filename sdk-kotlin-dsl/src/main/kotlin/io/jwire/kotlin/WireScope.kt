package io.jwire.kotlin

import io.jwire.Wire
import io.jwire.channels.WireChannel
import io.jwire.WireScheduler

/**
 * The receiver of jwire's builder blocks: [wires], [wire], [async], [produce], [wireScope],
 * [supervisorScope] and [withTimeout] run their block with a `WireScope`. The wires started through
 * it are its *children*: the block's scope does not complete before every child has ended, so no
 * child outlives it.
 *
 * ```kotlin
 * val total = wires {
 *     val a = async("a") { expensive(1) }
 *     val b = async("b") { expensive(2) }
 *     wire("logger") { println("computing") }
 *     a.await() + b.await()            // wires { } returns once logger has ended too
 * }
 * ```
 *
 * **Failures.** In a fail-fast scope (every scope but [supervisorScope]'s) the first child that
 * fails cancels its siblings (each once, so their `finally` blocks may still wait; a child started
 * afterwards ends without running), and the scope rethrows that failure (later ones suppressed)
 * once every child has ended. When the scope's block runs in a wire of its own (the block of [wires], [wire],
 * [async], [produce] or [withTimeout]) that wire is cancelled too, so a block waiting for something
 * the failed child would have done stops waiting. The block of [wireScope] runs in the calling wire
 * and is not interrupted (jwire cannot undo a wire's cancel): it meets the failure when it awaits a
 * child or returns. In a [supervisorScope] a child's failure touches nobody else.
 *
 * **Cancellation.** When the wire that runs the block is cancelled, the scope cancels its children,
 * waits for them (their `finally` blocks run), and rethrows the `WireCancelledException`.
 *
 * **Underneath** each `WireScope` is the core's structured concurrency, an [io.jwire.WireScope]
 * owned by the block's wire, and each child a [io.jwire.WireTask] forked into it: the scheduler's
 * `dump()` and stuck report show the children under their owner in the scope tree.
 *
 * **Threads.** Use a scope from the wires of its scheduler (or that scheduler's tasks); its
 * builders throw `IllegalStateException` from another thread, and once the scope has completed.
 */
@WireDsl
public sealed interface WireScope {
    /**
     * The scheduler whose wires this scope starts; for example to create a pool:
     *
     * ```kotlin
     * wires { WirePool(scheduler, "handlers", 4).use { pool -> pool.launch("task") { work() } } }
     * ```
     */
    public val scheduler: WireScheduler

    /**
     * The wire that runs this scope's block.
     *
     * ```kotlin
     * wires { println(owner.name()) }     // "main"
     * ```
     */
    public val owner: Wire

    /**
     * Whether this is a [supervisorScope]: its children's failures do not cancel anything.
     *
     * ```kotlin
     * supervisorScope { check(isSupervisor) }
     * ```
     */
    public val isSupervisor: Boolean

    /**
     * Starts a child wire named [name] that runs [block] with a scope of its own, and returns it;
     * the wire is appended to the scheduler's ready queue and runs once the caller waits or yields.
     * The returned [Wire] can be joined, cancelled and named as any wire; its `join()` throws
     * `WireFailedException` when the block failed.
     *
     * ```kotlin
     * wires {
     *     val w = wire("ticker") { repeat(3) { println("tick"); sleep(10.milliseconds) } }
     *     w.join()
     * }
     * ```
     *
     * @throws IllegalStateException off the scheduler's thread, or when this scope has completed
     * @throws io.jwire.SchedulerClosedException when the scheduler is closed
     */
    public fun wire(name: String, block: WireScope.() -> Unit): Wire

    /**
     * Like `wire(name, block)`, with the name `<owner>/wire-<n>`.
     *
     * ```kotlin
     * wires { wire { println("in ${currentWire.name()}") } }     // "in main/wire-1"
     * ```
     */
    public fun wire(block: WireScope.() -> Unit): Wire

    /**
     * Starts a child wire named [name] that computes a value; [WireDeferred.await] returns it, or
     * throws what the block threw. The failure of an `async` also fails a fail-fast scope, even if
     * nobody awaits it; in a [supervisorScope] only `await` reports it.
     *
     * ```kotlin
     * val sum = wires {
     *     val parts = (1..4).map { i -> async("part $i") { i * i } }
     *     parts.sumOf { it.await() }   // 30
     * }
     * ```
     *
     * @throws IllegalStateException off the scheduler's thread, or when this scope has completed
     */
    public fun <T> async(name: String, block: WireScope.() -> T): WireDeferred<T>

    /**
     * Like `async(name, block)`, with the name `<owner>/async-<n>`.
     *
     * ```kotlin
     * wires { async { 42 }.await() }
     * ```
     */
    public fun <T> async(block: WireScope.() -> T): WireDeferred<T>

    /**
     * Starts a child wire named [name] that sends values on a new channel of [capacity] (0:
     * rendezvous), and returns the channel; it is closed once the block and its children have
     * ended: normally when the block completed, with the failure as the close cause
     * (`channel.close(cause)`) when it threw or was cancelled (also before it started). Consumers
     * drain the values sent before, then a `for` loop, [consumeEach] and `receive()` throw
     * `ChannelClosedException` with that cause, and [receiveCatching] reports it
     * ([ChannelResult.exceptionOrNull]), so a failed producer is not mistaken for a finished one.
     * A failure of the producer fails a fail-fast scope as any child's does.
     *
     * When a consumer closes the channel early (for example [consumeEach] left by an exception),
     * the producer's pending [ProducerScope.send] throws `ChannelClosedException`; the producer then
     * ends quietly, without counting as failed.
     *
     * ```kotlin
     * wires {
     *     val squares = produce<Int>("squares") { for (i in 1..3) send(i * i) }
     *     for (s in squares) println(s)    // 1, 4, 9
     * }
     * ```
     *
     * @throws IllegalArgumentException when [capacity] is negative
     * @throws IllegalStateException off the scheduler's thread, or when this scope has completed
     */
    public fun <E> produce(name: String, capacity: Int = 0, block: ProducerScope<E>.() -> Unit): WireChannel<E>

    /**
     * Like `produce(name, capacity, block)`, with the name `<owner>/producer-<n>`.
     *
     * ```kotlin
     * wires { produce<String>(capacity = 8) { send("hello") }.consumeEach { println(it) } }
     * ```
     */
    public fun <E> produce(capacity: Int = 0, block: ProducerScope<E>.() -> Unit): WireChannel<E>
}
