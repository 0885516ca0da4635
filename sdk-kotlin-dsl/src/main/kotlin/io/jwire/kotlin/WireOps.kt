package io.jwire.kotlin

import io.jwire.Wire
import kotlin.time.Duration

/**
 * The running wire (`Wire.current()`).
 *
 * ```kotlin
 * wires { wire("worker") { println(currentWire.name()) } }    // "worker"
 * ```
 *
 * @throws io.jwire.NotInWireException outside a wire
 */
public val currentWire: Wire
    get() = Wire.current()

/**
 * Lets every other ready wire run once, then continues (libwire's `wire_yield`, `Wire.yieldNow()`).
 * Unlike kotlinx's `yield()` this really switches, and it needs no `suspend`.
 *
 * ```kotlin
 * wires {
 *     wire("a") { repeat(2) { println("a$it"); yield() } }
 *     wire("b") { repeat(2) { println("b$it"); yield() } }   // a0 b0 a1 b1
 * }
 * ```
 *
 * @throws io.jwire.NotInWireException outside a wire
 * @throws io.jwire.WireCancelledException when the wire has been cancelled
 */
@Suppress("NOTHING_TO_INLINE")
public inline fun yield() {
    Wire.yieldNow()
}

/**
 * Suspends the calling wire for [duration] while the other wires run (`Wire.sleep`); the
 * scheduler's timer heap wakes it, no OS timer per sleep. Never `Thread.sleep` in a wire: it stops
 * every wire of the scheduler.
 *
 * ```kotlin
 * wires { sleep(50.milliseconds); println("50 ms later") }
 * ```
 *
 * @throws IllegalArgumentException when [duration] is negative
 * @throws io.jwire.NotInWireException outside a wire
 * @throws io.jwire.WireCancelledException when the wire is cancelled while it sleeps
 */
public fun sleep(duration: Duration) {
    Wire.sleep(duration.toJava())
}
