package io.jwire.kotlin

import io.jwire.Wire
import io.jwire.WireScheduler
import java.util.concurrent.TimeoutException
import kotlin.time.Duration

/**
 * Starts [wires] on a new platform thread named [threadName] (with a stack of [stackSize] bytes,
 * 0 for the JVM default; with the Continuation switch wires run on this stack) and returns at
 * once with a handle to its outcome.
 *
 * ```kotlin
 * val server = startWires("echo-server") {
 *     WireServerSocket.bind("127.0.0.1", 7000).use { it.serve { conn -> echo(conn) } }
 * }
 * // ... later, from any thread:
 * server.cancel()
 * server.join()     // throws WireCancelledException: the block was cancelled
 * ```
 *
 * Any thread.
 *
 * @throws IllegalArgumentException when [stackSize] is negative
 */
public fun <T> startWires(
    threadName: String = "jwire",
    stackSize: Long = 0,
    name: String = "main",
    block: WireScope.() -> T,
): WiresHandle<T> {
    require(stackSize >= 0) { "startWires(\"$threadName\", $stackSize): the stack size must not be negative; pass 0 for the JVM default" }
    val scheduler = WireScheduler.create()
    val handle = WiresHandle<T>(scheduler)
    val thread = Thread(null, {
        handle.outcome = try {
            Result.success(runWires(scheduler, name, block))
        } catch (t: Throwable) {
            Result.failure(t)
        } finally {
            scheduler.close()
        }
    }, threadName, stackSize)
    handle.thread = thread
    thread.start()
    return handle
}

/**
 * The outcome of wires started by [startWires] on a thread of their own.
 *
 * ```kotlin
 * val h = startWires { 6 * 7 }
 * println(h.join())     // 42
 * ```
 *
 * Any thread; [join] blocks the calling thread, so call it from a wire only through
 * [blocking] `{ handle.join() }`.
 *
 * @param T the type of the block's value
 */
public class WiresHandle<out T> internal constructor(
    /**
     * The scheduler that runs the wires; other threads may spawn wires on it and post tasks.
     *
     * ```kotlin
     * handle.scheduler.execute { println("on the wires' thread") }
     * ```
     */
    public val scheduler: WireScheduler,
) {
    /**
     * The thread that runs the scheduler.
     *
     * ```kotlin
     * println(handle.thread.name)     // "jwire"
     * ```
     */
    public lateinit var thread: Thread
        internal set

    @Volatile
    internal var outcome: Result<@UnsafeVariance T>? = null

    /**
     * Whether the wires have all ended (and the scheduler is closed).
     *
     * ```kotlin
     * while (!handle.isDone) Thread.sleep(10)
     * ```
     */
    public val isDone: Boolean get() = outcome != null

    /**
     * Waits for the wires to end, blocking the calling thread, and returns the block's value or
     * throws what [wires] would throw.
     *
     * ```kotlin
     * val result = startWires { compute() }.join()
     * ```
     *
     * @throws IllegalStateException when called inside a wire (it would stop every wire of that
     *         scheduler; use `blocking { handle.join() }`)
     * @throws InterruptedException when the calling thread is interrupted
     */
    public fun join(): T {
        checkNotInWire()
        thread.join()
        return outcome!!.getOrThrow()
    }

    /**
     * Like [join], waiting at most [timeout].
     *
     * ```kotlin
     * val v = handle.join(5.seconds)
     * ```
     *
     * @throws TimeoutException when the wires are still running after [timeout]
     * @throws IllegalArgumentException when [timeout] is negative
     * @throws IllegalStateException when called inside a wire
     * @throws InterruptedException when the calling thread is interrupted
     */
    @Throws(TimeoutException::class, InterruptedException::class)
    public fun join(timeout: Duration): T {
        require(!timeout.isNegative()) { "WiresHandle.join($timeout): the timeout must not be negative" }
        checkNotInWire()
        val millis = timeout.inWholeMilliseconds
        val nanos = (timeout.inWholeNanoseconds - millis * 1_000_000).toInt().coerceIn(0, 999_999)
        if (millis > 0 || nanos > 0) {
            thread.join(millis, nanos)
        }
        val o = outcome ?: throw TimeoutException("the wires of thread '" + thread.name + "' are still running after $timeout")
        return o.getOrThrow()
    }

    /**
     * Closes the scheduler: every wire is cancelled (its `finally` blocks run) and the thread ends;
     * [join] then throws the block's `WireCancelledException`, unless it had already ended. Any thread.
     *
     * ```kotlin
     * Runtime.getRuntime().addShutdownHook(Thread { handle.cancel() })
     * ```
     */
    public fun cancel() {
        scheduler.close()
    }

    private fun checkNotInWire() {
        check(!Wire.inWire()) {
            "wire '" + Wire.current().name() + "' cannot join the wires of thread '" + thread.name + "': that would block " +
                "its carrier thread and stop every wire of its scheduler; use blocking { handle.join() }"
        }
    }

    /** Names the thread and whether it is done, for logs. */
    override fun toString(): String = "WiresHandle[" + thread.name + (if (isDone) ", done]" else ", running]")
}
