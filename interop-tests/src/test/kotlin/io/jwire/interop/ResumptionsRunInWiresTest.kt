package io.jwire.interop

import io.jwire.TestHooks
import io.jwire.Wire
import io.jwire.channels.WireChannel
import io.jwire.epoll.WireServerSocket
import io.jwire.kotlin.asCoroutineContext
import io.jwire.kotlin.blocking
import io.jwire.kotlin.connect
import io.jwire.kotlin.sleep
import io.jwire.kotlin.withLock
import io.jwire.kotlin.yield
import io.jwire.kotlin.yieldToWires
import io.jwire.sync.WireLock
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import java.nio.ByteBuffer
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/**
 * Why each resumption runs in a wire of its own: fairness to wires, a flat stack, and blocking
 * jwire calls in coroutine code that hold up only that coroutine.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ResumptionsRunInWiresTest {

    @Test
    fun aCoroutineLoopingWithYieldToWiresTakesTurnsWithAWireOneToOne() {
        val log = onScheduler { s ->
            val sb = StringBuilder()
            launch {
                repeat(100) {
                    sb.append('c')
                    yieldToWires()
                }
            }
            s.spawn("ticker") {
                repeat(100) {
                    sb.append('w')
                    Wire.yieldNow()
                }
            }
            sb
        }
        assertEquals("cw".repeat(100), log.toString())
    }

    @Test
    fun jwiresOwnYieldInCoroutineCodeAlsoLetsTheWiresRun() {
        val log = onScheduler { s ->
            val sb = StringBuilder()
            launch {
                repeat(50) {
                    sb.append('c')
                    yield() // io.jwire.kotlin.yield: the coroutine's resumer wire yields, keeping its stack
                }
            }
            s.spawn("ticker") {
                repeat(50) {
                    sb.append('w')
                    Wire.yieldNow()
                }
            }
            sb
        }
        assertEquals("cw".repeat(50), log.toString())
    }

    @Test
    fun aChainOf100000CoroutinesAwaitingEachOtherCompletesOnAFlatStack() {
        val n = 100_000
        var deepest = 0
        val last = onScheduler {
            val links = Array(n) { CompletableDeferred<Int>() }
            for (i in 1 until n) {
                launch {
                    val v = links[i - 1].await() + 1
                    if (i % 10_000 == 0) {
                        deepest = maxOf(deepest, Thread.currentThread().stackTrace.size)
                    }
                    links[i].complete(v)
                }
            }
            links[0].complete(0)
            links[n - 1].await()
        }
        assertEquals(n - 1, last)
        // every link resumes on a fresh resumer wire: the stack does not grow with the chain
        assertTrue(deepest in 1..200, "stack depth in a link: $deepest")
    }

    @Test
    fun aCoroutineBlockedOnAWireChannelHoldsUpNoOtherCoroutine() {
        val log = onScheduler { s ->
            val ch = WireChannel.rendezvous<String>("handoff")
            val events = mutableListOf<String>()
            val receiver = launch {
                events += "receiving"
                events += "got " + ch.receive() // suspends this coroutine's wire only
            }
            launch {
                repeat(3) { i ->
                    events += "tick $i"
                    delay(1)
                }
                ch.send("value")
            }
            receiver.join()
            events
        }
        assertEquals(listOf("receiving", "tick 0", "tick 1", "tick 2", "got value"), log)
    }

    @Test
    fun coroutineCodeUsesWireLocksSleepAndWireIo() {
        val total = onScheduler { s ->
            val lock = WireLock("counter")
            var counter = 0
            val jobs = (1..5).map {
                launch {
                    repeat(20) {
                        lock.withLock {
                            val seen = counter
                            sleep(1.milliseconds) // jwire's sleep, in the coroutine's wire, lock held
                            counter = seen + 1
                        }
                        delay(1)
                    }
                }
            }
            val fromIo = blocking { Thread.sleep(5); 7 } // WireIo: a pool thread runs it, this wire waits
            assertInWireOf(s)
            jobs.forEach { it.join() }
            counter + fromIo
        }
        assertEquals(107, total)
    }

    @Test
    fun coroutineCodeUsesEpollSocketsOnTheScheduler() {
        val echoed = onScheduler { s ->
            val server = WireServerSocket.bind("127.0.0.1", 0)
            s.spawn("echo server") {
                server.use { srv ->
                    srv.accept().use { conn ->
                        val buf = ByteBuffer.allocateDirect(5)
                        conn.readFully(buf)
                        buf.flip()
                        conn.writeAll(buf)
                    }
                }
            }
            connect("127.0.0.1", server.port(), 5.seconds).use { socket ->
                socket.writeAll(ByteBuffer.allocateDirect(5).put("hello".toByteArray()).flip())
                val back = ByteBuffer.allocateDirect(5)
                socket.readFully(back)
                assertInWireOf(s)
                val bytes = ByteArray(5)
                back.flip().get(bytes)
                String(bytes)
            }
        }
        assertEquals("hello", echoed)
    }

    @Test
    fun resumptionsFromOtherThreadsComeBackThroughTheInbox() {
        onScheduler { s ->
            val d = s.asCoroutineContext()
            val gate = CompletableDeferred<Unit>()
            val waiter = launch {
                gate.await()
                assertInWireOf(s)
            }
            yieldToWires() // the waiter runs first and suspends in await()
            val before = d.resumptionsFromOtherThreads
            Thread({ gate.complete(Unit) }, "completer").start() // resumes the waiter from another thread
            waiter.join()
            assertEquals(before + 1, d.resumptionsFromOtherThreads, "the resumption from another thread was not counted")
        }
    }

    @Test
    fun coroutinesResumingEachOtherRunBackToBackInOneResumerWithoutSwitches() {
        val rounds = 1_000
        val (sum, switches) = onScheduler { s ->
            val ping = Channel<Int>()
            val pong = Channel<Int>()
            launch {
                for (i in 1..rounds) {
                    pong.send(ping.receive() + 1)
                }
            }
            yieldToWires() // the echoer starts and suspends in receive()
            val before = TestHooks.switchCount(s)
            var total = 0L
            for (i in 1..rounds) {
                ping.send(i)
                total += pong.receive()
            }
            total to TestHooks.switchCount(s) - before
        }
        assertEquals((1..rounds).sumOf { it + 1L }, sum)
        // each hop wakes an idle resumer that is the next wire to run: the running resumer takes
        // its resumption over instead of switching to it, and parks only every MAX_INLINE (64) hops
        assertTrue(switches < rounds / 10, "$switches switches for $rounds round trips (4 hops each)")
    }

    @Test
    fun aResumptionTakenOverKeepsFirstComeFirstServedOrderWithWires() {
        val log = onScheduler { s ->
            val sb = StringBuilder()
            launch { sb.append("c1 ") } // its resumer is woken first...
            s.spawn("w") { sb.append("w ") } // ...then the wire becomes ready...
            launch { sb.append("c2 ") } // ...then the second resumer
            sb.append("body ")
            yieldToWires()
            sb.append("end")
            sb
        }
        assertEquals("body c1 w c2 end", log.toString())
    }

    @Test
    fun aResumptionWokenBeforeTheResumerBlocksRunsBeforeWiresReadiedAfterIt() {
        val log = onScheduler { s ->
            val sb = StringBuilder()
            val ch = WireChannel.rendezvous<String>()
            launch { sb.append("c1 ") }
            s.spawn("w") { sb.append("w ") }
            s.spawn("sender") { ch.send("sent ") }
            sb.append(ch.receive()) // blocks this resumer: c1, w and the sender run in that order
            sb.append("end")
            sb
        }
        assertEquals("c1 w sent end", log.toString())
    }

    @Test
    fun coroutinesPingPongingForeverStillLetTimersFire() {
        val ticks = onScheduler { s ->
            val ping = Channel<Int>()
            var ticks = 0
            val ticker = s.spawn("ticker") {
                repeat(5) {
                    Wire.sleep(java.time.Duration.ofMillis(1))
                    ticks++
                }
            }
            val echoer = launch {
                while (true) {
                    ping.send(ping.receive() + 1)
                }
            }
            launch {
                var n = 0
                ping.send(0)
                while (ticker.state() != io.jwire.WireState.ENDED) {
                    n = ping.receive()
                    ping.send(n)
                }
                echoer.cancel()
            }.join()
            ticks
        }
        assertEquals(5, ticks, "a resumer that takes resumptions over still parks now and then, so timers fire")
    }
}
