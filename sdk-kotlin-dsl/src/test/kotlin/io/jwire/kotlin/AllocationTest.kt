package io.jwire.kotlin

import io.jwire.channels.WireChannel
import io.jwire.sync.WireLock
import io.jwire.sync.WireSemaphore
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import java.lang.management.ManagementFactory
import kotlin.time.Duration.Companion.milliseconds

/**
 * The DSL adds no allocation per operation over the Java API: inline withLock/withPermit, yield,
 * receiveCatching, consumeEach, and timed calls with a repeated kotlin.time.Duration. Measured with
 * the thread's allocated bytes on the Continuation switch, where wires run on the scheduler's thread.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AllocationTest {
    private val mx = ManagementFactory.getThreadMXBean() as? com.sun.management.ThreadMXBean

    /**
     * Runs [body] 100,000 times inside a wire, five rounds (the JIT's escape analysis needs the
     * warm-up); the bytes the last round allocated.
     */
    private fun allocatedBy(body: () -> Unit): Long {
        assumeTrue(mx != null)
        var bytes = 0L
        wires {
            assumeTrue(scheduler.switchImplementation() == "continuation", "wires run on the scheduler thread")
            for (round in 0 until 5) {
                val before = mx!!.currentThreadAllocatedBytes
                for (i in 0 until 100_000) body()
                bytes = mx.currentThreadAllocatedBytes - before
            }
        }
        return bytes
    }

    @Test
    fun withLockAndWithPermitAllocateNothing() {
        val lock = WireLock("l")
        val sem = WireSemaphore("s", 1)
        var n = 0
        val bytes = allocatedBy { lock.withLock { sem.withPermit { n++ } } }
        assertTrue(bytes < 100_000, "100,000 rounds allocated $bytes bytes")
    }

    @Test
    fun yieldAllocatesNothing() {
        val bytes = allocatedBy { yield() }
        assertTrue(bytes < 100_000, "100,000 yields allocated $bytes bytes")
    }

    @Test
    fun receiveCatchingAndTimedCallsWithARepeatedDurationAllocateNothing() {
        val ch = WireChannel<Int>(4)
        val value = 7
        val timeout = 10.milliseconds
        val bytes = allocatedBy {
            ch.send(value, timeout)
            ch.receiveCatching().getOrThrow()
            ch.trySend(value)
            ch.receive(timeout)
        }
        assertTrue(bytes < 100_000, "100,000 rounds allocated $bytes bytes")
    }

    @Test
    fun consumeEachHandOffAllocatesNothingPerValue() {
        assumeTrue(mx != null)
        var bytes = 0L
        val perRound = 100_000
        wires {
            assumeTrue(scheduler.switchImplementation() == "continuation", "wires run on the scheduler thread")
            val ch = WireChannel<Int>(name = "c")
            val value = 7
            wire("sender") {
                for (round in 0 until 5) {
                    val before = mx!!.currentThreadAllocatedBytes
                    for (i in 0 until perRound) ch.send(value)
                    bytes = mx.currentThreadAllocatedBytes - before
                }
                ch.close()
            }
            var count = 0
            ch.consumeEach { count += it }
        }
        assertTrue(bytes < 200_000, "100,000 hand-offs allocated $bytes bytes")
    }
}
