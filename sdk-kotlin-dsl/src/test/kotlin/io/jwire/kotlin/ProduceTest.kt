package io.jwire.kotlin

import io.jwire.WireCancelledException
import io.jwire.channels.ChannelClosedException
import io.jwire.channels.WireChannel
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import org.junit.jupiter.api.assertThrows

/** produce { }: closing when done, on failure, and when the consumer goes away. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProduceTest {

    @Test
    fun theChannelClosesWhenTheProducerIsDone() {
        val got = wires {
            val squares = produce<Int>("squares") { for (i in 1..4) send(i * i) }
            val list = mutableListOf<Int>()
            for (s in squares) {
                list += s
            }
            assertTrue(squares.isClosedForReceive)
            list
        }
        assertEquals(listOf(1, 4, 9, 16), got)
    }

    @Test
    fun theChannelClosesWhenTheProducerFailsAndTheScopeRethrowsTheFailure() {
        val got = mutableListOf<Int>()
        var loopEndedWith: Throwable? = null
        wires {
            val e = assertThrows<IllegalStateException> {
                wireScope {
                    val ch = produce<Int>("failing") {
                        send(1)
                        error("producer failed")
                    }
                    try {
                        for (v in ch) {
                            got += v
                        }
                    } catch (closed: ChannelClosedException) {
                        loopEndedWith = closed // the loop ends at the close, with the producer's failure
                        throw closed
                    }
                }
            }
            assertEquals("producer failed", e.message)
            assertSame(e, loopEndedWith!!.cause)
            assertEquals(0, e.suppressed.size, "the consumer's ChannelClosedException only repeats the failure")
        }
        assertEquals(listOf(1), got)
    }

    @Test
    fun aFailedProducerClosesItsChannelWithTheFailureForEveryKindOfReceive() {
        val failure = IllegalArgumentException("bad record 3")
        val got = mutableListOf<Any>()
        wires {
            val rethrown = assertThrows<IllegalArgumentException> { wireScope {
                val ch = produce<Int>("records", capacity = 4) {
                    send(1)
                    send(2)
                    throw failure
                }
                yield() // the producer runs: buffers 1 and 2, fails, closes the channel with its failure
                assertTrue(ch.isClosed)
                assertSame(failure, ch.closeCause())
                got += ch.receiveCatching().getOrThrow()
                val r = ch.receiveCatching()
                got += r.getOrThrow()
                val closed = ch.receiveCatching()
                assertTrue(closed.isClosed)
                assertSame(failure, closed.exceptionOrNull())
                assertEquals("Closed($failure)", closed.toString())
                assertSame(failure, assertThrows<ChannelClosedException> { closed.getOrThrow() }.cause)
                assertSame(failure, assertThrows<ChannelClosedException> { ch.receive() }.cause)
                assertSame(failure, assertThrows<ChannelClosedException> { ch.consumeEach { got += it } }.cause)
                assertSame(failure, assertThrows<ChannelClosedException> { select<Int> { onReceive(ch) { it } } }.cause)
                assertSame(failure, select<Throwable?> { onReceiveCatching(ch) { it.exceptionOrNull() } })
            } }
            assertSame(failure, rethrown) // and the scope rethrows it, as for any failed child
        }
        assertEquals(listOf<Any>(1, 2), got)
    }

    @Test
    fun aProducerThatCompletesClosesWithoutACause() {
        wires {
            val ch = produce<Int>(capacity = 1) { send(1) }
            assertEquals(1, ch.receive())
            val r = ch.receiveCatching()
            assertTrue(r.isClosed)
            assertNull(r.exceptionOrNull())
            assertNull(ch.closeCause())
        }
    }

    @Test
    fun aCancelledProducerClosesItsChannelWithTheCancellation() {
        wires {
            lateinit var ch: WireChannel<Int>
            val e = assertThrows<IllegalStateException> {
                wireScope {
                    ch = produce<Int>("endless") {
                        var i = 0
                        while (true) send(i++) // blocks: nobody receives
                    }
                    wire("failer") { error("boom") } // cancels the producer
                }
            }
            assertEquals("boom", e.message)
            val closed = assertThrows<ChannelClosedException> { ch.receive() }
            assertTrue(closed.cause is WireCancelledException, closed.toString())
        }
    }

    @Test
    fun aConsumerThatClosesTheChannelEndsTheProducerQuietly() {
        var producerFinally = false
        val got = wires {
            val naturals = produce<Int>("naturals") {
                try {
                    var i = 0
                    while (true) {
                        send(i++)
                    }
                } finally {
                    producerFinally = true
                }
            }
            val first = List(3) { naturals.receive() }
            naturals.close()
            first
        }
        assertEquals(listOf(0, 1, 2), got)
        assertTrue(producerFinally)
    }

    @Test
    fun consumeEachClosesTheChannelWhenTheActionThrows() {
        wires {
            val ch = produce<Int> { for (i in 1..100) send(i) }
            val e = assertThrows<IllegalArgumentException> {
                ch.consumeEach { if (it == 2) throw IllegalArgumentException("stop at 2") }
            }
            assertEquals("stop at 2", e.message)
            assertTrue(ch.isClosed)
        }
    }

    @Test
    fun consumeEachReceivesEveryValue() {
        val got = mutableListOf<String>()
        wires { produce<String>(capacity = 2) { for (s in listOf("a", "b", "c")) send(s) }.consumeEach { got += it } }
        assertEquals(listOf("a", "b", "c"), got)
    }

    @Test
    fun aBufferedProducerRunsAheadUpToItsCapacity() {
        val log = mutableListOf<String>()
        wires {
            val ch = produce<Int>("ahead", capacity = 2) {
                for (i in 1..3) {
                    send(i)
                    log += "sent $i"
                }
            }
            yield() // the producer fills the buffer and blocks on the third value
            log += "consumer wakes"
            for (v in ch) {
                log += "got $v"
            }
        }
        assertEquals(listOf("sent 1", "sent 2", "consumer wakes", "got 1", "got 2", "got 3", "sent 3"), log)
    }

    @Test
    fun sendingOnTheProducedChannelByHandAfterTheEndFails() {
        wires {
            val ch = produce<Int> { }
            yield()
            assertThrows<ChannelClosedException> { ch.trySend(1) }
        }
    }

    @Test
    fun aProducerCancelledBeforeItStartedStillClosesItsChannel() {
        wires {
            lateinit var ch: WireChannel<Int>
            val e = assertThrows<IllegalStateException> {
                wireScope {
                    wire("failer") { error("first") } // runs first, and cancels the producer before it ran
                    ch = produce { send(1) }
                    yield()
                }
            }
            assertEquals("first", e.message)
            assertTrue(ch.isClosed)
            assertTrue(ch.closeCause() is WireCancelledException, ch.closeCause().toString())
            assertTrue(ch.closeCause()!!.message!!.contains("was cancelled before it started"), ch.closeCause()!!.message)
        }
    }
}
