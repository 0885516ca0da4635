package io.jwire.kotlin

import io.jwire.channels.ChannelClosedException
import io.jwire.channels.WireChannel
import io.jwire.WireWait
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import org.junit.jupiter.api.assertThrows
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.TimeSource

/** select { } over WireSelect: every clause kind, order, closed channels, timeouts. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SelectTest {

    @Test
    fun onReceiveTakesTheValueOfTheChannelThatHasOne() {
        val got = wires {
            val a = WireChannel<Int>(name = "a")
            val b = WireChannel<String>(name = "b")
            wire("b sender") { b.send("hello") }
            select<String> {
                onReceive(a) { "a $it" }
                onReceive(b) { "b $it" }
            }
        }
        assertEquals("b hello", got)
    }

    @Test
    fun theFirstRegisteredReadyClauseWinsAndOnlyItsValueIsTaken() {
        wires {
            val a = WireChannel<Int>(1, "a")
            val b = WireChannel<Int>(1, "b")
            a.trySend(1)
            b.trySend(2)
            assertEquals("a 1", select<String> { onReceive(a) { "a $it" }; onReceive(b) { "b $it" } })
            assertEquals(1, b.size(), "b's value stays in b")
        }
    }

    @Test
    fun onReceiveOfAClosedChannelThrowsAndOnReceiveCatchingReportsIt() {
        wires {
            val ch = WireChannel<Int>(name = "done")
            ch.close()
            val e = assertThrows<ChannelClosedException> { select<Int> { onReceive(ch) { it } } }
            assertTrue(e.message!!.contains("'done'") && e.message!!.contains("onReceiveCatching"), e.message)
            assertEquals("closed", select<String> { onReceiveCatching(ch) { r -> if (r.isClosed) "closed" else "value" } })
        }
    }

    @Test
    fun onReceiveCatchingPassesValues() {
        wires {
            val ch = WireChannel<Int>(1)
            ch.trySend(5)
            assertEquals(5, select<Int?> { onReceiveCatching(ch) { it.getOrNull() } })
        }
    }

    @Test
    fun onSendDeliversToAWaitingReceiver() {
        val log = mutableListOf<String>()
        wires {
            val ch = WireChannel<String>(name = "out")
            wire("receiver") { log += "received " + ch.receive() }
            yield() // the receiver waits
            log += select<String> {
                onSend(ch, "x") { "sent" }
                onTimeout(1_000.milliseconds) { "timeout" }
            }
        }
        assertEquals(listOf("sent", "received x"), log)
    }

    @Test
    fun onSendToAClosedChannelThrows() {
        wires {
            val ch = WireChannel<Int>(1)
            ch.close()
            assertThrows<ChannelClosedException> { select<Unit> { onSend(ch, 1) { } } }
        }
    }

    @Test
    fun onWaitCompletesWhenTheWaitIsTriggered() {
        wires {
            val shutdown = WireWait("shutdown")
            val jobs = WireChannel<Int>(name = "jobs")
            wire("stopper") { shutdown.resume() }
            assertEquals("stopping", select<String> { onReceive(jobs) { "job" }; onWait(shutdown) { "stopping" } })
            assertEquals(null, shutdown.list(), "the select unchained the wait")
        }
    }

    @Test
    fun onTimeoutFiresWhenNothingElseCompletes() {
        wires {
            val never = WireChannel<Int>(name = "never")
            val start = TimeSource.Monotonic.markNow()
            val r = select<String> {
                onReceive(never) { "value" }
                onTimeout(50.milliseconds) { "timeout" }
                onTimeout(20.milliseconds) { "shorter timeout" }
            }
            assertEquals("shorter timeout", r)
            assertTrue(start.elapsedNow() >= 20.milliseconds)
            assertEquals(0, never.waitingReceivers(), "the select left nothing registered")
        }
    }

    @Test
    fun aSelectWithOnlyATimeoutSleeps() {
        wires {
            val start = TimeSource.Monotonic.markNow()
            assertEquals(1, select<Int> { onTimeout(10.milliseconds) { 1 } })
            assertTrue(start.elapsedNow() >= 10.milliseconds)
        }
    }

    @Test
    fun aSelectWithoutClausesIsRefused() {
        wires { assertThrows<IllegalStateException> { select<Unit> { } } }
    }

    @Test
    fun aHandlerMayStartWiresOfTheEnclosingScope() {
        val log = mutableListOf<String>()
        wires {
            val requests = WireChannel<Int>(name = "requests")
            wire("client") { requests.send(7) }
            select<Unit> {
                onReceive(requests) { r -> wire("handle $r") { log += "handled $r in ${currentWire.name()}" } }
            }
        }
        assertEquals(listOf("handled 7 in handle 7"), log)
    }

    @Test
    fun aSelectLoopServesTwoChannelsUntilBothClose() {
        val got = mutableListOf<String>()
        wires {
            val a = produce<Int>("a") { for (i in 1..3) send(i) }
            val b = produce<String>("b") { for (s in listOf("x", "y")) send(s) }
            var open = 2
            var aOpen = true
            var bOpen = true
            while (open > 0) {
                select<Unit> {
                    if (aOpen) onReceiveCatching(a) { r -> r.getOrNull()?.let { got += "a$it" } ?: run { aOpen = false; open-- } }
                    if (bOpen) onReceiveCatching(b) { r -> r.getOrNull()?.let { got += "b$it" } ?: run { bOpen = false; open-- } }
                }
            }
        }
        assertEquals(listOf("a1", "a2", "a3"), got.filter { it.startsWith("a") })
        assertEquals(listOf("bx", "by"), got.filter { it.startsWith("b") })
    }
}
