package io.jwire.kotlin

import io.jwire.WireCancelledException
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import org.junit.jupiter.api.assertThrows
import kotlin.time.Duration.Companion.hours
import kotlin.time.Duration.Companion.milliseconds

/** async { } and WireDeferred: values, failures, cancellation. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AsyncTest {

    @Test
    fun awaitReturnsTheValue() {
        assertEquals(42, wires { async("answer") { 6 * 7 }.await() })
    }

    @Test
    fun manyWiresAwaitOneDeferred() {
        val got = mutableListOf<String>()
        wires {
            val d = async("slow") {
                sleep(10.milliseconds)
                "v"
            }
            for (i in 1..3) {
                wire("awaiter $i") { got += "$i:" + d.await() }
            }
        }
        assertEquals(listOf("1:v", "2:v", "3:v"), got)
    }

    @Test
    fun stateAndNameFollowTheWire() {
        wires {
            val d = async("computation") { 1 }
            assertEquals("computation", d.name)
            assertFalse(d.isCompleted)
            yield()
            assertTrue(d.isCompleted)
            assertFalse(d.isCancelled)
            assertEquals("WireDeferred[computation, ENDED]", d.toString())
        }
    }

    @Test
    fun awaitThrowsTheBlocksFailureAndTheScopeFailsToo() {
        val boom = IllegalStateException("boom")
        wires {
            val e = assertThrows<IllegalStateException> {
                wireScope {
                    val d = async { throw boom }
                    assertSame(boom, assertThrows<IllegalStateException> { d.await() })
                }
            }
            assertSame(boom, e)
        }
    }

    @Test
    fun aFailureNobodyAwaitsStillFailsAFailFastScope() {
        wires {
            val e = assertThrows<IllegalArgumentException> {
                wireScope { async<Int>("unawaited") { throw IllegalArgumentException("lost?") } }
            }
            assertEquals("lost?", e.message)
        }
    }

    @Test
    fun inASupervisorScopeTheFailureIsOnlyInTheDeferred() {
        val result = wires {
            supervisorScope {
                val bad = async<Int>("bad") { error("bad") }
                val good = async("good") { 2 }
                val e = assertThrows<IllegalStateException> { bad.await() }
                "${e.message} ${good.await()}"
            }
        }
        assertEquals("bad 2", result) // wires { } returns: nobody else is told of an async's failure
    }

    @Test
    fun aCancelledAsyncMakesAwaitThrowTheCancel() {
        wires {
            val d = async("slow") {
                sleep(1.hours)
                1
            }
            yield()
            d.cancel()
            assertTrue(d.isCancelled)
            assertThrows<WireCancelledException> { d.await() }
            d.join() // no throw
        }
    }

    @Test
    fun anAsyncCancelledBeforeItStartedHasNoValue() {
        wires {
            val d = async("never started") { 1 }
            d.cancel()
            val e = assertThrows<WireCancelledException> { d.await() }
            assertTrue(e.message!!.contains("before it started"), e.message)
        }
    }

    @Test
    fun awaitAfterCompletionWorksOutsideTheWires() {
        val d = wires { async { "kept" }.also { it.join() } }
        assertEquals("kept", d.await())
    }

    @Test
    fun childrenOfAnAsyncEndBeforeItsValueIsThere() {
        val log = mutableListOf<String>()
        wires {
            val d = async("parent") {
                wire("child") {
                    sleep(10.milliseconds)
                    log += "child"
                }
                "value"
            }
            log += d.await()
        }
        assertEquals(listOf("child", "value"), log)
    }
}
