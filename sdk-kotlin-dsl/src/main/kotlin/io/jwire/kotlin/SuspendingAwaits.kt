package io.jwire.kotlin

import io.jwire.Wire
import io.jwire.WireScheduler
import io.jwire.channels.WireChannel

/**
 * Suspends the calling coroutine until this wire has ended, without blocking any thread (the
 * coroutine counterpart of `Wire.join()`). Returns normally when the wire ended normally or was
 * cancelled.
 *
 * ```kotlin
 * val worker = scheduler.spawn("worker") { crunch() }
 * launch(Dispatchers.Default) { worker.joinSuspending(); println("worker done") }
 * ```
 *
 * A wire of the wire's scheduler does the join ([callInWire]); cancelling the coroutine does not
 * stop the wait (see [callInWire]). Any thread; the wire's scheduler must be running or run later.
 *
 * @throws io.jwire.WireFailedException when the wire ended with an exception (the cause)
 * @throws io.jwire.SchedulerClosedException when the wire's scheduler is closed
 */
public suspend fun Wire.joinSuspending() {
    val w = this
    scheduler().callInWire(JOIN) { w.join() }
}

/**
 * Suspends the calling coroutine until the async wire has computed its value, and returns it or
 * throws what its block threw (the same instance); the coroutine counterpart of
 * [WireDeferred.await]. Returns at once once the value is there.
 *
 * ```kotlin
 * wires {
 *     val sum = async("sum") { (1..1_000L).sum() }
 *     CoroutineScope(scheduler.asCoroutineContext()).launch { println(sum.awaitSuspending()) }
 * }   // wires { } returns once the coroutine has ended too
 * ```
 *
 * Cancelling the coroutine does not stop the wait (see [callInWire]). Any thread.
 *
 * @throws io.jwire.WireCancelledException when the async was cancelled
 * @throws io.jwire.SchedulerClosedException when its scheduler is closed while the value is not there yet
 */
public suspend fun <T> WireDeferred<T>.awaitSuspending(): T {
    if (isCompleted) {
        return await()
    }
    val d = this
    return wire.scheduler().callInWire(AWAIT) { d.await() }
}

/**
 * Receives the next value of this jwire channel in a coroutine, suspending it (not a thread)
 * until one comes: `channel.receive()` run through [callInWire].
 *
 * ```kotlin
 * CoroutineScope(Dispatchers.Default).launch {
 *     val order = orders.receiveSuspending(scheduler)     // orders: a WireChannel fed by wires
 *     process(order)
 * }
 * ```
 *
 * [scheduler] is the channel's scheduler; null (the default) takes the calling coroutine's, which
 * a coroutine on `scheduler.asCoroutineContext()` or in [runSuspending] has. There the receive
 * runs in the coroutine's own wire, as a plain `receive()` would.
 *
 * Cancelling the coroutine does not stop the wait, and a value received for a cancelled coroutine
 * is delivered to it, never lost (see [callInWire]). Any thread.
 *
 * @throws io.jwire.channels.ChannelClosedException when the channel is or gets closed and drained
 * @throws IllegalStateException when [scheduler] is null and the coroutine runs on no jwire
 *         scheduler, or the channel belongs to another scheduler
 * @throws io.jwire.WireCancelledException when the receiving wire is cancelled (the scheduler closed)
 */
public suspend fun <T> WireChannel<T>.receiveSuspending(scheduler: WireScheduler? = null): T {
    val ch = this
    return schedulerFor(scheduler, "WireChannel.receiveSuspending()").callInWire(RECEIVE) { ch.receive() }
}

/**
 * Sends [value] on this jwire channel from a coroutine, suspending it (not a thread) until a
 * receiver took it (rendezvous) or it was buffered: `channel.send(value)` run through [callInWire].
 *
 * ```kotlin
 * CoroutineScope(Dispatchers.IO).launch { lines.sendSuspending(readLine(), scheduler) }
 * ```
 *
 * [scheduler] as for [receiveSuspending]. Cancelling the coroutine does not stop the send: the
 * value is delivered or the channel's closing is reported, never silently dropped. Any thread.
 *
 * @throws io.jwire.channels.ChannelClosedException when the channel is or gets closed first (the value was not delivered)
 * @throws IllegalStateException when [scheduler] is null and the coroutine runs on no jwire
 *         scheduler, or the channel belongs to another scheduler
 * @throws io.jwire.WireCancelledException when the sending wire is cancelled (the scheduler closed)
 */
public suspend fun <T> WireChannel<T>.sendSuspending(value: T, scheduler: WireScheduler? = null) {
    val ch = this
    schedulerFor(scheduler, "WireChannel.sendSuspending()").callInWire(SEND) { ch.send(value) }
}

private const val JOIN = "joinSuspending"
private const val AWAIT = "awaitSuspending"
private const val RECEIVE = "receiveSuspending"
private const val SEND = "sendSuspending"
