package io.jwire.kotlin

import io.jwire.Wire
import io.jwire.WireCancelledException
import io.jwire.WireScheduler

/**
 * Runs [block] as the first wire, named [name], of a new scheduler on the calling thread, runs
 * until every wire has ended, closes the scheduler, and returns the block's value (libwire's
 * `wire_thread_init` + `wire_init` + `wire_thread_run` in one call).
 *
 * ```kotlin
 * fun main() {
 *     val answer = wires {
 *         val ch = WireChannel<Int>()
 *         wire("producer") { ch.send(42) }
 *         ch.receive()
 *     }
 *     println(answer)   // 42
 * }
 * ```
 *
 * **Failures are rethrown.** `wires` throws the first failure of any of its wires, with later ones
 * attached as suppressed exceptions: the block's own, a child's (which also cancels the block's
 * other children and the block itself, see [WireScope]), and those nobody took over — a wire
 * started through the Java API (`scheduler.spawn`), a [supervisorScope] child, a pool task, a
 * scheduler task. A failed assertion anywhere inside therefore fails the test that called `wires`.
 * When wires are left that can never run again, the scheduler's `WireDeadlockException` (listing
 * each stuck wire and its stack) is thrown, or attached to an earlier failure as suppressed. For the
 * run, `wires` is the scheduler's exception handler: do not replace it.
 *
 * On Linux with sdk-epoll on the class path (a dependency of this module) the scheduler uses the
 * epoll poller, so sockets work inside.
 *
 * @throws IllegalStateException when called inside a wire: its thread already runs a scheduler
 *         (start wires with [WireScope.wire] there, or use [startWires])
 * @throws io.jwire.WireCancelledException when the block was cancelled (its scheduler was closed)
 */
public fun <T> wires(name: String = "main", block: WireScope.() -> T): T {
    check(!Wire.inWire()) {
        "wires { } called in wire '" + Wire.current().name() + "': this thread already runs a scheduler; " +
            "start wires with wire { } there, or a scheduler on a thread of its own with startWires { }"
    }
    val scheduler = WireScheduler.create()
    try {
        return runWires(scheduler, name, block)
    } finally {
        scheduler.close()
    }
}

/** Runs [block] as the first wire of [scheduler] until every wire has ended; see [wires]. */
internal fun <T> runWires(scheduler: WireScheduler, name: String, block: WireScope.() -> T): T {
    val context = WiresContext(scheduler)
    val main = MainWire(context, block)
    context.register()
    try {
        main.wire = scheduler.spawn(name, main)
        scheduler.run()
    } catch (t: Throwable) {
        context.add(t)
    } finally {
        context.unregister()
    }
    context.combined()?.let { throw it }
    return main.value()
}

/** The body of the first wire of [wires]: the root scope. */
private class MainWire<T>(private val context: WiresContext, private val block: WireScope.() -> T) : Runnable {
    lateinit var wire: Wire
    private var value: T? = null
    private var done = false

    override fun run() {
        val scope = ScopeImpl(wire, true, false)
        try {
            value = scope.runBody { scope.block() }
            done = true
        } catch (t: Throwable) {
            context.add(t)
        }
    }

    @Suppress("UNCHECKED_CAST")
    fun value(): T {
        if (!done) {
            throw WireCancelledException("wire '" + wire.name() + "' of wires { } was cancelled before it started " +
                "(its scheduler was closed), so it has no value")
        }
        return value as T
    }
}
