@file:JvmName("EchoServerKt")

package io.jwire.examples.kotlin

import io.jwire.epoll.WireSocket
import io.jwire.kotlin.WiresHandle
import io.jwire.kotlin.currentWire
import io.jwire.kotlin.serve
import io.jwire.kotlin.startWires
import io.jwire.sync.WirePool
import java.io.IOException
import java.nio.ByteBuffer

/**
 * libwire's `echo_server` with the Kotlin DSL (`-Dexample=echo_server.kt`): listens on
 * [host]:[port] with `serve(host, port, pool) { conn -> }` and echoes every byte back, each
 * connection on a worker of a pool of [handlers] wires. When every worker is busy, `serve` waits
 * for one to free before it accepts again, so new clients wait in the listen backlog (the Java
 * `echo_server` answers them "busy" instead).
 *
 * Starts the server on a thread of its own (see [startWires]) and returns at once; stop it with
 * [WiresHandle.cancel] and [WiresHandle.join], which then throws `WireCancelledException` — or the
 * first failure of a connection wire, if one failed. Any thread.
 *
 * ```kotlin
 * val server = startEchoServer("127.0.0.1", 9000, 1000)
 * // ... nc 127.0.0.1 9000
 * server.cancel()
 * ```
 *
 * @throws IllegalArgumentException (from the pool, in [WiresHandle.join]) when [handlers] is not positive
 */
public fun startEchoServer(host: String, port: Int, handlers: Int): WiresHandle<Unit> =
    startWires("echo-server", name = "accept") {
        WirePool(currentWire.scheduler(), "echo handlers", handlers).use { pool ->
            serve(host, port, pool) { conn -> echo(conn) }
        }
    }

private fun echo(conn: WireSocket) {
    val buffer = ByteBuffer.allocateDirect(16 * 1024)
    try {
        conn.setNoDelay(true)
        while (conn.read(buffer.clear()) >= 0) {
            conn.writeAll(buffer.flip())
        }
    } catch (peerGone: IOException) {
        // reset or broken pipe: the client went away; nothing to echo to
    }
}

/** Runs an echo server until the process is stopped. Arguments: `[port [handlers]]`, defaults 9000 and 1000. */
public fun main(args: Array<String>) {
    val port = args.getOrNull(0)?.toInt() ?: 9000
    val handlers = args.getOrNull(1)?.toInt() ?: 1000
    println("echo server (Kotlin DSL) on 127.0.0.1:$port with $handlers handlers; try: nc 127.0.0.1 $port")
    startEchoServer("127.0.0.1", port, handlers).join()
}
