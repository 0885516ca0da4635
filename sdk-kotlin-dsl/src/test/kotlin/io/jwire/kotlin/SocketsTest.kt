package io.jwire.kotlin

import io.jwire.sync.WirePool
import io.jwire.epoll.WireServerSocket
import io.jwire.epoll.WireSocket
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import org.junit.jupiter.api.assertThrows
import java.net.ConnectException
import java.net.SocketTimeoutException
import java.nio.ByteBuffer
import java.nio.charset.StandardCharsets
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** connect, serve and the socket timeouts, over loopback (127.0.0.1 only). */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SocketsTest {

    private fun echo(conn: WireSocket) {
        val buf = ByteBuffer.allocateDirect(1024)
        while (conn.read(buf) > 0) {
            buf.flip()
            conn.writeAll(buf)
            buf.clear()
        }
    }

    private fun roundTrip(port: Int, text: String): String =
        connect("127.0.0.1", port, 2.seconds).use { s ->
            s.setTimeout(2.seconds)
            val out = ByteBuffer.allocateDirect(text.length)
            out.put(text.toByteArray(StandardCharsets.US_ASCII)).flip()
            s.writeAll(out)
            val back = ByteBuffer.allocateDirect(text.length)
            s.readFully(back)
            back.flip()
            StandardCharsets.US_ASCII.decode(back).toString()
        }

    @Test
    fun serveRunsAWirePerConnectionUntilTheListenerCloses() {
        val replies = mutableListOf<String>()
        var served = false
        wires {
            val server = WireServerSocket.bind("127.0.0.1", 0)
            wire("server") {
                server.serve { conn -> echo(conn) }
                served = true
            }
            wireScope {
                for (i in 1..5) {
                    wire("client $i") { replies += roundTrip(server.port(), "hello $i") }
                }
            }
            server.close()
        }
        assertTrue(served, "serve returned once the listener was closed")
        assertEquals((1..5).map { "hello $it" }.toSet(), replies.toSet())
    }

    @Test
    fun serveOnAPoolRunsHandlersOnItsWorkers() {
        val handledBy = mutableListOf<String>()
        wires {
            val server = WireServerSocket.bind("127.0.0.1", 0)
            WirePool(scheduler, "handlers", 2).use { pool ->
                wire("server") {
                    server.serve(pool) { conn ->
                        handledBy += currentWire.name()
                        echo(conn)
                    }
                }
                wireScope {
                    for (i in 1..3) {
                        wire { assertEquals("x$i", roundTrip(server.port(), "x$i")) }
                    }
                }
                server.close()
            }
        }
        assertEquals(3, handledBy.size)
        assertTrue(handledBy.all { it.startsWith("conn 127.0.0.1:") }, handledBy.toString())
    }

    @Test
    fun aFailingHandlerDoesNotStopTheServerAndFailsWiresAtTheEnd() {
        val e = assertThrows<IllegalStateException> {
            wires {
                val server = WireServerSocket.bind("127.0.0.1", 0)
                var first = true
                wire("server") {
                    server.serve { conn ->
                        if (first) {
                            first = false
                            error("handler failed")
                        }
                        echo(conn)
                    }
                }
                connect("127.0.0.1", server.port()).use { s ->
                    val buf = ByteBuffer.allocateDirect(1)
                    assertEquals(-1, s.read(buf), "the failed handler's connection was closed")
                }
                assertEquals("ok", roundTrip(server.port(), "ok"))
                server.close()
            }
        }
        assertEquals("handler failed", e.message)
    }

    @Test
    fun serveOnAPortRunsUntilTheServingWireIsCancelled() {
        wires {
            val port = WireServerSocket.bind("127.0.0.1", 0).use { it.port() } // a free port; SO_REUSEADDR rebinds it
            var handlersStarted = 0
            var handlersEnded = 0
            val server = wire("server") {
                serve("127.0.0.1", port) { conn ->
                    handlersStarted++
                    try {
                        echo(conn)
                    } finally {
                        handlersEnded++
                    }
                }
            }
            yield() // the server binds and accepts
            assertEquals("ping", roundTrip(port, "ping"))
            val idle = connect("127.0.0.1", port) // its handler waits in read when the server is cancelled
            while (handlersStarted < 2) sleep(1.milliseconds)
            assertEquals(1, handlersEnded)
            server.cancel()
            server.join() // cancelled, not failed: join returns
            assertEquals(2, handlersEnded, "the idle connection's wire was cancelled and ended before serve returned")
            idle.close()
            assertThrows<ConnectException> { connect("127.0.0.1", port, 1.seconds) } // the listener is closed
        }
    }

    @Test
    fun acceptTimesOutWithTheKotlinDuration() {
        wires {
            WireServerSocket.bind("127.0.0.1", 0).use { server ->
                server.setTimeout(10.milliseconds)
                assertThrows<SocketTimeoutException> { server.accept() }
                assertTrue(server.isOpen, "a timeout leaves the listener open")
            }
        }
    }

    @Test
    fun timedFdWaitsTakeKotlinDurations() {
        wires {
            WireServerSocket.bind("127.0.0.1", 0).use { server ->
                assertFalse(server.fd().awaitReadable(5.milliseconds), "no connection is waiting")
                val client = connect("127.0.0.1", server.port())
                assertTrue(server.fd().awaitReadable(2.seconds), "a connection is waiting")
                assertTrue(client.fd().awaitWritable(2.seconds))
                client.close()
                server.accept().close()
            }
        }
    }
}
