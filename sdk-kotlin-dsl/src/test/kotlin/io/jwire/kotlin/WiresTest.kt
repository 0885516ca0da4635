package io.jwire.kotlin

import io.jwire.WireCancelledException
import io.jwire.channels.WireChannel
import io.jwire.WireDeadlockException
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import org.junit.jupiter.api.assertThrows
import org.opentest4j.AssertionFailedError
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeoutException
import java.util.concurrent.atomic.AtomicBoolean
import kotlin.time.Duration.Companion.hours
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** wires { } and startWires: values, and every failure of every wire rethrown. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WiresTest {

    @Test
    fun returnsTheBlocksValueOnceEveryWireHasEnded() {
        val log = mutableListOf<String>()
        val value = wires {
            wire("late") {
                sleep(20.milliseconds)
                log += "late done"
            }
            log += "block done"
            42
        }
        assertEquals(42, value)
        assertEquals(listOf("block done", "late done"), log)
    }

    @Test
    fun theFirstWireIsNamedAndRunsOnTheCallingThreadsScheduler() {
        assertEquals("first", wires("first") { currentWire.name() })
        assertEquals("main", wires { owner.name() })
    }

    /** The brief's guarantee: an assertion inside a child wire fails the test that called wires { }. */
    @Test
    fun aFailingAssertionInAChildWireFailsWires() {
        val e = assertThrows<AssertionFailedError> {
            wires {
                wire("child") { assertEquals(1, 2, "asserted inside the child") }
                WireChannel<Int>(name = "never sent").receive() // would wait forever: the failure interrupts it
            }
        }
        assertTrue(e.message!!.contains("asserted inside the child"), e.message)
    }

    @Test
    fun aFailingAssertionInTheBlockFailsWires() {
        assertThrows<AssertionFailedError> { wires { assertTrue(false, "in the block") } }
    }

    @Test
    fun aFailureOfAWireStartedThroughTheJavaApiIsRethrownAtTheEnd() {
        var othersRan = false
        val e = assertThrows<IllegalStateException> {
            wires {
                scheduler.spawn("raw") { error("raw failed") }
                sleep(10.milliseconds)
                othersRan = true
            }
        }
        assertEquals("raw failed", e.message)
        assertTrue(othersRan, "a failure nobody took over does not stop the other wires")
    }

    @Test
    fun laterFailuresAreAttachedAsSuppressed() {
        val e = assertThrows<IllegalStateException> {
            wires {
                scheduler.spawn("first") { error("first") }
                scheduler.spawn("second") { throw IllegalArgumentException("second") }
            }
        }
        assertEquals("first", e.message)
        assertEquals(listOf("second"), e.suppressed.map { it.message })
    }

    @Test
    fun aStuckProgramThrowsTheDeadlockReportNamingTheWait() {
        val e = assertThrows<WireDeadlockException> {
            wires { WireChannel<Int>(name = "never sent").receive() }
        }
        assertTrue(e.message!!.contains("never sent"), e.message)
    }

    @Test
    fun aFailureOutranksTheDeadlockItCaused() {
        val e = assertThrows<IllegalStateException> {
            wires {
                val ch = WireChannel<Int>(name = "reply")
                scheduler.spawn("replier") { error("crashed before replying") }
                ch.receive()
            }
        }
        assertEquals("crashed before replying", e.message)
        assertTrue(e.suppressed.any { it is WireDeadlockException }, e.suppressed.contentToString())
    }

    @Test
    fun aScopeFailureCaughtByTheBlockDoesNotFailWires() {
        val result = wires {
            try {
                wireScope { wire("bad") { error("x") } }
                "not thrown"
            } catch (e: IllegalStateException) {
                "caught " + e.message
            }
        }
        assertEquals("caught x", result)
    }

    @Test
    fun callingWiresInsideAWireIsRefused() {
        wires {
            val e = assertThrows<IllegalStateException> { wires { } }
            assertTrue(e.message!!.contains("already runs a scheduler") && e.message!!.contains("main"), e.message)
        }
    }

    @Test
    fun startWiresRunsOnANewThreadAndJoinReturnsTheValue() {
        val h = startWires("dsl-carrier") { currentWire.name() }
        assertEquals("main", h.join())
        assertEquals("dsl-carrier", h.thread.name)
        assertTrue(h.isDone)
        assertTrue(h.scheduler.isClosed)
    }

    @Test
    fun startWiresRethrowsAFailureFromJoin() {
        val h = startWires { wire("bad") { throw IllegalArgumentException("bad") } }
        assertEquals("bad", assertThrows<IllegalArgumentException> { h.join() }.message)
    }

    @Test
    fun cancelClosesTheSchedulerAndRunsFinallyBlocks() {
        val started = CountDownLatch(1)
        val finallyRan = AtomicBoolean()
        val h = startWires {
            try {
                started.countDown()
                sleep(1.hours)
            } finally {
                finallyRan.set(true)
            }
        }
        started.await()
        h.cancel()
        assertThrows<WireCancelledException> { h.join(10.seconds) }
        assertTrue(finallyRan.get())
    }

    @Test
    fun joinWithATimeoutThrowsWhileTheWiresRun() {
        val h = startWires { sleep(200.milliseconds); "done" }
        assertThrows<TimeoutException> { h.join(1.milliseconds) }
        assertFalse(h.isDone)
        assertEquals("done", h.join(10.seconds))
    }

    @Test
    fun joinInsideAWireIsRefusedButWorksThroughBlocking() {
        wires {
            val h = startWires { 7 }
            val e = assertThrows<IllegalStateException> { h.join() }
            assertTrue(e.message!!.contains("blocking { handle.join() }"), e.message)
            assertEquals(7, blocking { h.join() })
        }
    }

    @Test
    fun theSameFailureInstanceReachesTheCaller() {
        val boom = IllegalStateException("boom")
        assertSame(boom, assertThrows<IllegalStateException> { wires { wire { throw boom } } })
    }
}
