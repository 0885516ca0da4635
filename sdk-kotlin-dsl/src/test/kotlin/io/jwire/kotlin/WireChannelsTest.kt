package io.jwire.kotlin

import io.jwire.channels.ChannelClosedException
import io.jwire.channels.WireChannel
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import org.junit.jupiter.api.assertThrows
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** Channel helpers: the factory, iteration, receiveCatching, timed send and receive. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WireChannelsTest {

    @Test
    fun theFactoryMakesRendezvousAndBufferedChannels() {
        val r = WireChannel<Int>()
        assertEquals(0, r.capacity())
        assertEquals("channel", r.name())
        val b = WireChannel<Int>(capacity = 3, name = "b")
        assertEquals(3, b.capacity())
        assertEquals("b", b.name())
        assertThrows<IllegalArgumentException> { WireChannel<Int>(-1) }
    }

    @Test
    fun forLoopsReceiveUntilTheChannelIsClosedAndDrained() {
        val got = mutableListOf<Int>()
        wires {
            val ch = WireChannel<Int>(2)
            wire("sender") {
                for (i in 1..5) ch.send(i)
                ch.close()
            }
            for (v in ch) got += v
        }
        assertEquals(listOf(1, 2, 3, 4, 5), got)
    }

    @Test
    fun receiveCatchingReportsValuesThenTheClose() {
        wires {
            val ch = WireChannel<String>(1)
            ch.trySend("v")
            ch.close()
            val first = ch.receiveCatching()
            assertTrue(first.isSuccess)
            assertEquals("v", first.getOrThrow())
            assertEquals("Value(v)", first.toString())
            val second = ch.receiveCatching()
            assertTrue(second.isClosed)
            assertNull(second.getOrNull())
            assertEquals("Closed", second.toString())
            assertThrows<ChannelClosedException> { second.getOrThrow() }
        }
    }

    @Test
    fun timedReceiveReturnsNullWhenNothingCame() {
        wires {
            val ch = WireChannel<Int>()
            assertNull(ch.receive(10.milliseconds))
            wire("late sender") { ch.send(1) }
            assertEquals(1, ch.receive(1.seconds))
        }
    }

    @Test
    fun timedSendReportsWhetherTheValueWasDelivered() {
        wires {
            val ch = WireChannel<Int>()
            assertFalse(ch.send(1, 10.milliseconds), "no receiver came")
            wire("receiver") { assertEquals(2, ch.receive()) }
            assertTrue(ch.send(2, 1.seconds))
        }
    }

    @Test
    fun aNegativeTimeoutIsRefusedByTheCore() {
        wires { assertThrows<IllegalArgumentException> { WireChannel<Int>().receive((-1).milliseconds) } }
    }

    @Test
    fun closeWithACauseReachesReceiveCatchingAndTheLoops() {
        val cause = IllegalStateException("upstream failed")
        val got = mutableListOf<Any?>()
        wires {
            val ch = WireChannel<Int>(2, "results")
            ch.send(1)
            ch.close(cause)
            val first = ch.receiveCatching()
            got += first.getOrThrow()
            assertNull(first.exceptionOrNull())
            val closed = ch.receiveCatching()
            assertTrue(closed.isClosed)
            got += closed.exceptionOrNull()
            val e = assertThrows<ChannelClosedException> { for (v in ch) got += v }
            got += e.cause
        }
        assertEquals(listOf<Any?>(1, cause, cause), got)
    }
}
