package io.jwire.kotlin

import io.jwire.io.WireIo
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import org.junit.jupiter.api.assertThrows
import java.io.IOException
import kotlin.time.Duration.Companion.milliseconds

/** blocking { }: WireIo.call from Kotlin. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BlockingTest {

    @Test
    fun returnsTheValueComputedOnAPoolThread() {
        wires {
            val schedulerThread = Thread.currentThread()
            val poolThread = blocking { Thread.currentThread() }
            assertNotEquals(schedulerThread, poolThread)
            assertTrue(poolThread.name.startsWith("jwire-io"), poolThread.name)
        }
    }

    @Test
    fun otherWiresRunWhileTheCallBlocks() {
        var ticks = 0
        wires {
            val ticker = wire("ticker") {
                while (true) {
                    sleep(5.milliseconds)
                    ticks++
                }
            }
            blocking { Thread.sleep(100) }
            ticker.cancel()
        }
        assertTrue(ticks >= 5, "only $ticks ticks while the call blocked for 100 ms")
    }

    @Test
    fun theCallsExceptionIsRethrownUnchangedEvenWhenChecked() {
        val failure = IOException("disk on fire")
        wires { assertSame(failure, assertThrows<IOException> { blocking<Unit> { throw failure } }) }
    }

    @Test
    fun aPoolOfOneSerializesCalls() {
        WireIo.create(1).use { io ->
            val threads = wires {
                (1..3).map { async { blocking(io) { Thread.currentThread().name } } }.map { it.await() }.toSet()
            }
            assertEquals(1, threads.size)
        }
    }
}
