@file:JvmName("WebKt")

package io.jwire.examples.kotlin

import io.jwire.epoll.WireSocket
import io.jwire.kotlin.WiresHandle
import io.jwire.kotlin.currentWire
import io.jwire.kotlin.serve
import io.jwire.kotlin.setTimeout
import io.jwire.kotlin.startWires
import io.jwire.sync.WirePool
import java.io.IOException
import java.nio.ByteBuffer
import java.nio.charset.StandardCharsets
import kotlin.time.Duration.Companion.seconds

private const val MAX_HEAD = 8 * 1024
private const val MAX_BODY = 1024 * 1024
private val IDLE_TIMEOUT = 10.seconds
private const val CR = '\r'.code.toByte()
private const val LF = '\n'.code.toByte()
private val HELLO = "Hello, World!\n".toByteArray(StandardCharsets.US_ASCII)

/**
 * libwire's `web` with the Kotlin DSL (`-Dexample=web.kt`): a small but correct keep-alive
 * HTTP/1.1 "hello" server written for this example. It does **not** reuse the Java `web`
 * example's parser (`HttpConnection`/`HttpRequest`): those are bound to the Java `WebServer`
 * (its configuration and counters) and are package-private, so this file has its own, smaller one.
 *
 * What it does, on `serve(host, port, pool) { conn -> }` with a pool of [handlers] wires (accept
 * waits while all are busy):
 * - `GET /` and `HEAD /` answer `200` with `Hello, World!`; other paths `404`; other methods `405`
 *   with `Allow: GET, HEAD`.
 * - Keep-alive as HTTP/1.1 says (HTTP/1.0 only with `Connection: keep-alive`; `Connection: close`
 *   is honoured); pipelined requests are answered in order from the buffer.
 * - `Content-Length` request bodies are read and discarded; chunked bodies (`Transfer-Encoding`)
 *   are answered `501` and the connection closed.
 * - A malformed request line or header, or an HTTP/1.1 request without `Host`, is answered `400`;
 *   a head over 8 KiB `431`; a body over 1 MiB `413`; an unknown HTTP version `505`; each closes.
 * - A read that waits more than 10 s closes the connection (idle and slow clients alike; unlike the
 *   Java `web`, there is no whole-request deadline).
 *
 * Starts the server on a thread of its own (see [startWires]) and returns at once; stop it with
 * [WiresHandle.cancel], after which [WiresHandle.join] throws `WireCancelledException` — or the
 * first failure of a connection wire, if one failed. Any thread.
 *
 * ```kotlin
 * val server = startWebServer("127.0.0.1", 9090, 128)
 * // ... curl -i http://127.0.0.1:9090/
 * server.cancel()
 * ```
 */
public fun startWebServer(host: String, port: Int, handlers: Int): WiresHandle<Unit> =
    startWires("web-server", name = "accept") {
        WirePool(currentWire.scheduler(), "web handlers", handlers).use { pool ->
            serve(host, port, pool) { conn -> HelloConnection(conn).serve() }
        }
    }

/** One connection's requests, served by the wire that handles it. */
private class HelloConnection(private val conn: WireSocket) {
    /**
     * Received bytes are `[0, buf.position())`; unread ones start at [rp]. Twice the head limit, so
     * a compacted head always fits. Direct, as WireSocket requires: the kernel fills it in place.
     */
    private val buf = ByteBuffer.allocateDirect(2 * MAX_HEAD)
    /** A response being written (heads and bodies here are small). */
    private val out = ByteBuffer.allocateDirect(1024)
    private var rp = 0

    /** A request the server refuses: answered with [status], then the connection is closed. */
    private class Refused(val status: Int, message: String) : Exception(message, null, false, false)

    fun serve() {
        try {
            conn.setNoDelay(true)
            conn.setTimeout(IDLE_TIMEOUT)          // every read: SocketTimeoutException after 10 s
            while (serveOne()) {
                // keep-alive: the next request
            }
        } catch (r: Refused) {
            try {
                respond(r.status, (r.message ?: "") + "\n", keepAlive = false, head = false)
                linger()
            } catch (peerGone: IOException) {
                // the client is gone too
            }
        } catch (peerGoneOrIdle: IOException) {
            // reset, broken pipe, idle timeout, or the server stopped: nothing more to say
        }
    }

    /** Reads and answers one request; returns whether the connection stays open for another. */
    private fun serveOne(): Boolean {
        var end = headEnd()
        while (end < 0) {
            if (buf.position() - rp >= MAX_HEAD) throw Refused(431, "request head over $MAX_HEAD bytes")
            if (!buf.hasRemaining()) compact()
            if (conn.read(buf) < 0) return false   // closed, between requests or in one
            end = headEnd()
        }
        if (end - rp > MAX_HEAD) throw Refused(431, "request head over $MAX_HEAD bytes")   // it came in one read
        val bytes = ByteArray(end - rp)
        buf.get(rp, bytes)
        val head = String(bytes, StandardCharsets.ISO_8859_1)
        rp = end
        val lines = head.split("\r\n")
        val parts = lines[0].split(' ')
        if (parts.size != 3) throw Refused(400, "malformed request line")
        val (method, target, version) = parts
        if (method.isEmpty() || !method.all { it in 'A'..'Z' }) throw Refused(400, "malformed method")
        if (!target.startsWith("/") || target.any { it <= ' ' || it.code >= 127 }) throw Refused(400, "malformed target")
        val http11 = when (version) {
            "HTTP/1.1" -> true
            "HTTP/1.0" -> false
            else -> if (version.startsWith("HTTP/")) throw Refused(505, "use HTTP/1.1") else throw Refused(400, "malformed version")
        }
        var keepAlive = http11
        var contentLength = -1L
        var host = false
        for (i in 1 until lines.size) {
            val line = lines[i]
            if (line.isEmpty()) continue           // the blank line ending the head
            val colon = line.indexOf(':')
            if (colon <= 0 || line.substring(0, colon).any { it <= ' ' }) throw Refused(400, "malformed header")
            val value = line.substring(colon + 1).trim()
            when (line.substring(0, colon).lowercase()) {
                "host" -> host = true
                "content-length" -> {
                    val n = value.toLongOrNull()
                    if (n == null || n < 0 || !value.all { it in '0'..'9' } || (contentLength >= 0 && n != contentLength)) {
                        throw Refused(400, "malformed Content-Length")
                    }
                    contentLength = n
                }
                "transfer-encoding" -> throw Refused(501, "request bodies must have a Content-Length")
                "connection" -> value.lowercase().split(',').map { it.trim() }.let {
                    if ("close" in it) keepAlive = false else if ("keep-alive" in it) keepAlive = true
                }
            }
        }
        if (http11 && !host) throw Refused(400, "HTTP/1.1 requires Host")
        if (contentLength > MAX_BODY) throw Refused(413, "body over $MAX_BODY bytes")
        if (contentLength > 0 && !skip(contentLength)) return false
        when {
            method != "GET" && method != "HEAD" -> respond(405, "use GET or HEAD\n", keepAlive, head = false, allow = true)
            target == "/" -> respond(200, HELLO, keepAlive, method == "HEAD")
            else -> respond(404, "not found; try /\n", keepAlive, method == "HEAD")
        }
        return keepAlive
    }

    /** The index after the head's blank line in the unread bytes, or -1 while incomplete. */
    private fun headEnd(): Int {
        for (i in rp..buf.position() - 4) {
            if (buf.get(i) == CR && buf.get(i + 1) == LF && buf.get(i + 2) == CR && buf.get(i + 3) == LF) {
                return i + 4
            }
        }
        return -1
    }

    /** Moves the unread bytes to the front of the buffer. */
    private fun compact() {
        buf.limit(buf.position()).position(rp)
        buf.compact()
        rp = 0
    }

    /** Reads and drops [length] body bytes; returns false when the client closed first. */
    private fun skip(length: Long): Boolean {
        var left = length
        while (true) {
            val take = minOf(left, (buf.position() - rp).toLong()).toInt()
            rp += take
            left -= take
            if (left == 0L) return true
            buf.clear()
            rp = 0
            if (conn.read(buf) < 0) return false
        }
    }

    private fun respond(status: Int, body: String, keepAlive: Boolean, head: Boolean, allow: Boolean = false) =
        respond(status, body.toByteArray(StandardCharsets.UTF_8), keepAlive, head, allow)

    private fun respond(status: Int, body: ByteArray, keepAlive: Boolean, head: Boolean, allow: Boolean = false) {
        val h = StringBuilder(128)
            .append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n")
            .append("Content-Type: text/plain; charset=utf-8\r\n")
            .append("Content-Length: ").append(body.size).append("\r\n")
        if (allow) h.append("Allow: GET, HEAD\r\n")
        h.append(if (keepAlive) "Connection: keep-alive\r\n" else "Connection: close\r\n").append("\r\n")
        val bytes = h.toString().toByteArray(StandardCharsets.US_ASCII)
        out.clear().put(bytes)
        if (!head) out.put(body)
        conn.writeAll(out.flip())
    }

    /** After a refusal: stops sending, then reads (at most 1 s) until the client closes, so no reset eats the answer. */
    private fun linger() {
        conn.shutdownOutput()
        conn.setTimeout(1.seconds)
        var budget = MAX_BODY
        while (budget > 0) {
            val n = conn.read(buf.clear())
            if (n < 0) return
            budget -= n
        }
    }

    private fun reason(status: Int): String = when (status) {
        200 -> "OK"
        400 -> "Bad Request"
        404 -> "Not Found"
        405 -> "Method Not Allowed"
        413 -> "Content Too Large"
        431 -> "Request Header Fields Too Large"
        501 -> "Not Implemented"
        505 -> "HTTP Version Not Supported"
        else -> "Status"
    }
}

/** Runs the web server until the process is stopped. Arguments: `[port [handlers]]`, defaults 9090 and 128. */
public fun main(args: Array<String>) {
    val port = args.getOrNull(0)?.toInt() ?: 9090
    val handlers = args.getOrNull(1)?.toInt() ?: 128
    println("web server (Kotlin DSL) on http://127.0.0.1:$port/ with $handlers handlers; try: curl -i http://127.0.0.1:$port/")
    startWebServer("127.0.0.1", port, handlers).join()
}
