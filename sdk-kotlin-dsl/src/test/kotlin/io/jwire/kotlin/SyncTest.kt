package io.jwire.kotlin

import io.jwire.sync.WireLock
import io.jwire.sync.WirePool
import io.jwire.sync.WireSemaphore
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import org.junit.jupiter.api.assertThrows
import kotlin.time.Duration.Companion.milliseconds

/** withLock, withPermit, timed tryLock/tryAcquire, pool.launch/tryLaunch. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SyncTest {

    @Test
    fun withLockHoldsTheLockAcrossSwitchesAndReleasesItOnAFailure() {
        val log = mutableListOf<String>()
        wires {
            val lock = WireLock("l")
            for (i in 1..3) {
                wire("w$i") {
                    lock.withLock {
                        log += "in $i"
                        yield()
                        log += "out $i"
                    }
                }
            }
            wire("failing") {
                assertThrows<IllegalStateException> { lock.withLock { error("inside") } }
                assertFalse(lock.isLocked, "released although the action threw")
            }
        }
        assertEquals(listOf("in 1", "out 1", "in 2", "out 2", "in 3", "out 3"), log)
    }

    @Test
    fun withLockReturnsTheActionsValue() {
        assertEquals(5, wires { WireLock().withLock { 5 } })
    }

    @Test
    fun tryLockWithATimeoutGivesUp() {
        wires {
            val lock = WireLock("held")
            wire("holder") { lock.withLock { sleep(50.milliseconds) } }
            yield()
            assertFalse(lock.tryLock(5.milliseconds))
            assertTrue(lock.tryLock(1_000.milliseconds))
            lock.unlock()
        }
    }

    @Test
    fun withPermitLimitsConcurrency() {
        var inside = 0
        var most = 0
        wires {
            val sem = WireSemaphore("two", 2)
            for (i in 1..6) {
                wire {
                    sem.withPermit {
                        inside++
                        most = maxOf(most, inside)
                        sleep(2.milliseconds)
                        inside--
                    }
                }
            }
        }
        assertEquals(2, most)
        assertEquals(0, inside)
    }

    @Test
    fun tryAcquireWithATimeoutGivesUp() {
        wires {
            val sem = WireSemaphore(0)
            assertFalse(sem.tryAcquire(5.milliseconds))
            wire("releaser") { sem.release() }
            assertTrue(sem.tryAcquire(1_000.milliseconds))
        }
    }

    @Test
    fun poolLaunchRunsTasksOnWorkersAndTryLaunchRefusesWhenBusy() {
        val log = mutableListOf<String>()
        wires {
            WirePool(scheduler, "p", 1).use { pool ->
                pool.launch("first") {
                    log += "first on ${currentWire.name()}"
                    yield()
                }
                assertFalse(pool.tryLaunch("refused") { log += "must not run" })
                pool.launch("second") { log += "second" } // waits for the worker
                assertTrue(log.contains("first on first"))
            }
        }
        assertEquals(listOf("first on first", "second"), log)
    }

    @Test
    fun aFailingPoolTaskFailsWires() {
        val e = assertThrows<IllegalStateException> {
            wires { WirePool(scheduler, "p", 1).use { it.launch("bad task") { error("task failed") } } }
        }
        assertEquals("task failed", e.message)
    }
}
