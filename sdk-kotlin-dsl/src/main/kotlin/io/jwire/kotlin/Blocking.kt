package io.jwire.kotlin

import io.jwire.io.BlockingCall
import io.jwire.io.WireIo

/**
 * Runs blocking code on a thread of [io] (by default the shared pool) while the calling wire is
 * suspended and the other wires run (libwire's `wire_io`, `WireIo.call`). Returns what [call]
 * returned, or throws what it threw, the same instance.
 *
 * ```kotlin
 * val text = blocking { File("config.toml").readText() }     // the other wires keep running
 * val rows = blocking(dbPool) { jdbc.query(sql) }
 * ```
 *
 * [call] runs on another thread: it must not touch wires, channels or other jwire objects.
 * When the calling wire is cancelled it gets `WireCancelledException` at once; a call that has
 * not started yet never runs, one that runs is not interrupted and its late result is dropped
 * (closed when it is `AutoCloseable`).
 *
 * @throws io.jwire.NotInWireException outside a wire
 * @throws io.jwire.WireCancelledException when the calling wire is cancelled while it waits
 * @throws io.jwire.io.WireIoClosedException when [io] is or gets closed before the call started
 */
public fun <T> blocking(io: WireIo = WireIo.shared(), call: () -> T): T =
    io.call<T, RuntimeException>(BlockingCall { call() })
