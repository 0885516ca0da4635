package io.jwire.kotlin

import io.jwire.channels.ChannelClosedException
import org.junit.jupiter.api.Assertions.assertEquals
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
        wires {
            val e = assertThrows<IllegalStateException> {
                wireScope {
                    val ch = produce<Int>("failing") {
                        send(1)
                        error("producer failed")
                    }
                    for (v in ch) {
                        got += v // the loop ends at the close
                    }
                }
            }
            assertEquals("producer failed", e.message)
        }
        assertEquals(listOf(1), got)
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
            lateinit var ch: io.jwire.channels.WireChannel<Int>
            val e = assertThrows<IllegalStateException> {
                wireScope {
                    wire("failer") { error("first") } // runs first, and cancels the producer before it ran
                    ch = produce { send(1) }
                    yield()
                }
            }
            assertEquals("first", e.message)
            assertTrue(ch.isClosed)
        }
    }
}
