package io.jwire.kotlin

import io.jwire.sync.WirePool
import io.jwire.epoll.WireFd
import io.jwire.epoll.WireServerSocket
import io.jwire.epoll.WireSocket
import java.io.IOException
import java.nio.channels.ClosedChannelException
import kotlin.time.Duration

/**
 * Opens a TCP connection to [host]:[port], suspending the calling wire while the handshake runs,
 * for at most [timeout] when given (sdk-epoll's `WireSocket.connect`). A socket is
 * `AutoCloseable`: use it with `use { }`.
 *
 * ```kotlin
 * connect("127.0.0.1", 8080, 2.seconds).use { s ->
 *     s.writeAll(request)
 *     s.read(reply)
 * }
 * ```
 *
 * @throws java.net.ConnectException when nothing listens there
 * @throws java.net.SocketTimeoutException when [timeout] passed first; the attempt is abandoned
 * @throws java.net.UnknownHostException when [host] cannot be resolved
 * @throws IOException for other failures, with the errno
 * @throws IllegalArgumentException when the port is out of range or [timeout] negative
 * @throws IllegalStateException when the scheduler does not use the epoll poller
 * @throws io.jwire.NotInWireException outside a wire
 */
@Throws(IOException::class)
public fun connect(host: String, port: Int, timeout: Duration? = null): WireSocket =
    WireSocket.connect(host, port, timeout?.toJava())

/**
 * Sets how long each wait of a read or write on this connection may take (null: no limit).
 *
 * ```kotlin
 * socket.setTimeout(5.seconds)
 * ```
 *
 * @throws IllegalArgumentException when [timeout] is negative
 */
public fun WireSocket.setTimeout(timeout: Duration?) {
    setTimeout(timeout?.toJava())
}

/**
 * Sets how long `accept()` waits at most (null: no limit).
 *
 * ```kotlin
 * server.setTimeout(30.seconds)
 * ```
 *
 * @throws IllegalArgumentException when [timeout] is negative
 */
public fun WireServerSocket.setTimeout(timeout: Duration?) {
    setTimeout(timeout?.toJava())
}

/**
 * Waits until the fd is readable, at most [timeout].
 *
 * ```kotlin
 * if (!fd.awaitReadable(100.milliseconds)) println("nothing to read yet")
 * ```
 *
 * @return true when readable, false when the timeout passed first
 * @throws ClosedChannelException when the fd is closed, before or during the wait
 * @throws IllegalArgumentException when [timeout] is negative
 */
@Throws(ClosedChannelException::class)
public fun WireFd.awaitReadable(timeout: Duration): Boolean = awaitReadable(timeout.toJava())

/**
 * Waits until the fd is writable, at most [timeout].
 *
 * ```kotlin
 * if (!fd.awaitWritable(100.milliseconds)) println("peer is slow")
 * ```
 *
 * @return true when writable, false when the timeout passed first
 * @throws ClosedChannelException when the fd is closed, before or during the wait
 * @throws IllegalArgumentException when [timeout] is negative
 */
@Throws(ClosedChannelException::class)
public fun WireFd.awaitWritable(timeout: Duration): Boolean = awaitWritable(timeout.toJava())

/**
 * Accepts connections until this listener is closed, and runs [handler] for each in a wire of its
 * own, named `conn <peer address>`, or on a worker of [pool] when given; the connection is closed
 * when the handler returns or throws. Returns once the listener is closed (by another wire) and,
 * without a pool, every connection wire has ended.
 *
 * ```kotlin
 * wires {
 *     val server = WireServerSocket.bind("127.0.0.1", 7000)
 *     server.serve { conn ->
 *         val buf = ByteBuffer.allocateDirect(4096)
 *         while (conn.read(buf) > 0) { buf.flip(); conn.writeAll(buf); buf.clear() }
 *     }
 * }
 * ```
 *
 * Connection wires are supervised ([supervisorScope]): a handler that fails is reported (logged,
 * and rethrown by [wires] at its end) and the other connections go on. When the serving wire is
 * cancelled, the connection wires are cancelled and awaited, and the cancel is rethrown.
 *
 * @throws IOException when accepting fails while the listener is open (for example `EMFILE`)
 * @throws IllegalStateException when [pool] is closed
 * @throws io.jwire.NotInWireException outside a wire
 */
@Throws(IOException::class)
public fun WireServerSocket.serve(pool: WirePool? = null, handler: (WireSocket) -> Unit) {
    supervisorScope {
        while (true) {
            val conn = try {
                accept()
            } catch (e: IOException) {
                if (!isOpen) {
                    return@supervisorScope // closed by another wire: the way to stop serving
                }
                throw e
            }
            val name = "conn " + conn.remoteAddress()
            try {
                if (pool == null) {
                    wire(name) { conn.use(handler) }
                } else {
                    pool.launch(name) { conn.use(handler) }
                }
            } catch (e: Throwable) {
                conn.close()
                throw e
            }
        }
    }
}

/**
 * Listens on [host]:[port] and serves connections as [WireServerSocket.serve] does, until the
 * calling wire is cancelled (or accepting fails); the listener is closed on the way out.
 *
 * ```kotlin
 * wires {
 *     val server = wire("http") { serve("0.0.0.0", 8080) { conn -> handleHttp(conn) } }
 *     // ... server.cancel() stops it: its connection wires are cancelled and awaited first
 * }
 * ```
 *
 * @throws IOException when binding fails (for example `EADDRINUSE`), or accepting fails
 * @throws IllegalArgumentException when the port is out of range
 * @throws IllegalStateException when the scheduler does not use the epoll poller, or [pool] is closed
 * @throws io.jwire.NotInWireException outside a wire
 * @throws io.jwire.WireCancelledException when the calling wire is cancelled (the way to stop it)
 */
@Throws(IOException::class)
public fun serve(host: String, port: Int, pool: WirePool? = null, handler: (WireSocket) -> Unit) {
    WireServerSocket.bind(host, port).use { it.serve(pool, handler) }
}
