package io.jwire.kotlin

import io.jwire.WireCancelledException
import io.jwire.channels.WireChannel
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import org.junit.jupiter.api.assertThrows
import java.util.concurrent.TimeoutException
import kotlin.time.Duration
import kotlin.time.Duration.Companion.hours
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import kotlin.time.TimeSource

/** withTimeout and withTimeoutOrNull. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TimeoutTest {

    @Test
    fun aBlockThatCompletesInTimeReturnsItsValue() {
        assertEquals(3, wires { withTimeout(1.seconds) { sleep(5.milliseconds); 3 } })
    }

    @Test
    fun aBlockThatTakesTooLongIsCancelledAndTimeoutExceptionThrownAfterItsFinally() {
        val log = mutableListOf<String>()
        wires {
            val start = TimeSource.Monotonic.markNow()
            val e = assertThrows<TimeoutException> {
                withTimeout(20.milliseconds) {
                    try {
                        sleep(1.hours)
                    } finally {
                        log += "block finally"
                    }
                }
            }
            log += "caught"
            assertTrue(start.elapsedNow() >= 20.milliseconds)
            assertTrue(e.message!!.contains("main"), e.message)
            assertTrue(!currentWire.isCancelled, "the caller is not cancelled by its timeout")
            sleep(1.milliseconds) // and it can still wait
        }
        assertEquals(listOf("block finally", "caught"), log)
    }

    @Test
    fun withTimeoutOrNullReturnsNullOnTimeout() {
        wires {
            val never = WireChannel<Int>(name = "never")
            assertNull(withTimeoutOrNull(10.milliseconds) { never.receive() })
            assertEquals("v", withTimeoutOrNull(1.seconds) { "v" })
        }
    }

    @Test
    fun theBlocksExceptionIsRethrownUnchanged() {
        val boom = IllegalArgumentException("boom")
        wires { assertTrue(boom === assertThrows<IllegalArgumentException> { withTimeout(1.seconds) { throw boom } }) }
    }

    @Test
    fun theBlockRunsInAWireOfItsOwn() {
        wires { assertEquals("main/withTimeout", withTimeout(1.seconds) { currentWire.name() }) }
    }

    @Test
    fun childrenOfTheBlockAreCancelledOnTimeout() {
        val log = mutableListOf<String>()
        wires {
            withTimeoutOrNull(10.milliseconds) {
                wire("child") {
                    try {
                        sleep(1.hours)
                    } finally {
                        log += "child finally"
                    }
                }
                sleep(1.hours)
            }
            log += "after"
        }
        assertEquals(listOf("child finally", "after"), log)
    }

    @Test
    fun cancellingTheCallerCancelsTheBlock() {
        val log = mutableListOf<String>()
        wires {
            val caller = wire("caller") {
                try {
                    withTimeout(1.hours) {
                        try {
                            sleep(1.hours)
                        } finally {
                            log += "block finally"
                        }
                    }
                } catch (e: WireCancelledException) {
                    log += "caller cancelled"
                }
            }
            yield()
            caller.cancel()
        }
        assertEquals(listOf("block finally", "caller cancelled"), log)
    }

    @Test
    fun aNegativeTimeoutIsRefused() {
        wires {
            val e = assertThrows<IllegalArgumentException> { withTimeout((-1).milliseconds) { } }
            assertTrue(e.message!!.contains("main"), e.message)
        }
    }

    @Test
    fun aZeroTimeoutTimesOutABlockThatWaits() {
        wires { assertNull(withTimeoutOrNull(Duration.ZERO) { sleep(1.seconds) }) }
    }
}
