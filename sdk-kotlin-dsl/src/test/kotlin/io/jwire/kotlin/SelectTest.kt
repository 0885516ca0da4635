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

    @Test
    fun reusedSelectsFollowTheClausesOfEachCall() {
        // the builder and its WireSelect are reused while the clauses repeat; every change of
        // channel, kind, order or number of clauses must still select exactly what this call registered
        val got = mutableListOf<String>()
        wires {
            val a = WireChannel<Int>(4, "a")
            val b = WireChannel<Int>(4, "b")
            val out = WireChannel<Int>(4, "out")
            val stop = WireWait("stop")
            for (i in 1..3) {
                a.trySend(i)
                got += select<String> { onReceive(a) { "a$it" }; onReceive(b) { "b$it" } }               // same shape
            }
            b.trySend(10)
            got += select<String> { onReceive(b) { "b$it" }; onReceive(a) { "a$it" } }                  // order swapped
            got += select<String> { onReceive(a) { "a$it" }; onSend(out, 5) { "sent 5" } }             // kind changed
            got += select<String> { onReceive(a) { "a$it" }; onSend(out, 6) { "sent 6" } }             // new send value
            got += select<String> { onReceive(a) { "a$it" }; onTimeout(1.milliseconds) { "timeout" } } // fewer
            stop.resume()
            got += select<String> { onReceive(a) { "a$it" }; onReceive(b) { "b$it" }; onWait(stop) { "stop" } } // more
            got += select<String> { onReceiveCatching(a) { "catching a ${it.getOrNull()}" }; onWait(stop) { "stop 2" } }
            assertEquals(listOf(5, 6), listOf(out.receive(), out.receive()))
            // alternating call sites, nested in a handler
            a.trySend(1)
            b.trySend(2)
            got += select<String> {
                onReceive(a) { v -> "outer a$v, inner " + select<String> { onReceive(b) { "b$it" }; onReceive(a) { "a$it" } } }
            }
        }
        assertEquals(listOf("a1", "a2", "a3", "b10", "sent 5", "sent 6", "timeout", "stop", "stop 2",
            "outer a1, inner b2"), got)
    }

    @Test
    fun aFailedRegistrationLeavesNoBrokenSelectBehind() {
        wires {
            val a = WireChannel<Int>(1, "a")
            val w = WireWait("w")
            assertThrows<IllegalStateException> { select<Unit> { onReceive(a) { }; onWait(w) { }; onWait(w) { } } }
            val nullable = WireChannel<Int?>(1, "nullable")
            assertThrows<NullPointerException> { select<Unit> { onReceive(a) { }; onSend(nullable, null) { } } }
            a.trySend(3)
            assertEquals(3, select<Int> { onReceive(a) { it }; onWait(w) { -1 } })
        }
    }

    @Test
    fun aBuilderUsedOutsideItsBlockIsRefused() {
        wires {
            val a = WireChannel<Int>(1, "a")
            a.trySend(1)
            lateinit var escaped: SelectBuilder<Int>
            select<Int> { escaped = this; onReceive(a) { it } }
            val e = assertThrows<IllegalStateException> { escaped.onReceive(a) { it } }
            assertTrue(e.message!!.contains("inside its select { } block"), e.message)
        }
    }

    @Test
    fun aSelectInALoopAllocatesNothingInSteadyState() {
        val mx = java.lang.management.ManagementFactory.getThreadMXBean() as? com.sun.management.ThreadMXBean
        org.junit.jupiter.api.Assumptions.assumeTrue(mx != null)
        var bytes = 0L
        wires {
            org.junit.jupiter.api.Assumptions.assumeTrue(scheduler.switchImplementation() == "continuation")
            val a = WireChannel<Int>(1, "a")
            val b = WireChannel<Int>(1, "b")
            val value = 7
            var sum = 0
            for (round in 0 until 5) {
                val before = mx!!.currentThreadAllocatedBytes
                for (i in 0 until 100_000) {
                    a.trySend(value)
                    sum += select<Int> { onReceive(b) { it }; onReceive(a) { it }; onTimeout(1.milliseconds) { 0 } }
                }
                bytes = mx.currentThreadAllocatedBytes - before
            }
            assertEquals(5 * 100_000 * 7, sum)
        }
        assertTrue(bytes < 100_000, "100,000 selects allocated $bytes bytes")
    }

    @Test
    fun selectsOnSchedulersOfTwoThreadsAtOnceEachUseTheirOwnBuilders() {
        // builders are pooled per thread, with the pool found last cached across threads: two
        // scheduler threads selecting in turn must never share a builder
        val rounds = 20_000
        val sums = LongArray(2)
        val threads = (0..1).map { t ->
            Thread({
                sums[t] = wires {
                    val a = WireChannel<Int>(1, "a$t")
                    val b = WireChannel<Int>(1, "b$t")
                    var sum = 0L
                    for (i in 1..rounds) {
                        (if (i % 2 == 0) a else b).trySend(i)
                        sum += select<Int> {
                            onReceive(a) { it }
                            onReceive(b) { -it }
                        }
                    }
                    sum
                }
            }, "selecting-$t")
        }
        threads.forEach { it.start() }
        threads.forEach { it.join() }
        val expected = (1..rounds).sumOf { if (it % 2 == 0) it.toLong() else -it.toLong() }
        assertEquals(listOf(expected, expected), sums.toList())
    }
}
