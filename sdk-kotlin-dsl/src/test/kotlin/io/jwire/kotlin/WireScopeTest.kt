package io.jwire.kotlin

import io.jwire.WireCancelledException
import io.jwire.WireFailedException
import io.jwire.WireScheduler
import io.jwire.WireState
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertSame
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import org.junit.jupiter.api.assertThrows
import kotlin.time.Duration.Companion.hours
import kotlin.time.Duration.Companion.milliseconds

/** wireScope, supervisorScope and the scopes of wire { }: joining, fail-fast, supervision, cancellation, scoping. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WireScopeTest {

    @Test
    fun aScopeCompletesOnlyOnceEveryChildHasEnded() {
        val log = mutableListOf<String>()
        wires {
            wireScope {
                wire("slow") {
                    sleep(20.milliseconds)
                    log += "slow"
                }
                wire("fast") { log += "fast" }
                log += "block"
            }
            log += "after scope"
        }
        assertEquals(listOf("block", "fast", "slow", "after scope"), log)
    }

    @Test
    fun theFirstFailureCancelsTheSiblingsAndIsRethrownOnceTheyEnded() {
        val log = mutableListOf<String>()
        wires {
            val e = assertThrows<IllegalStateException> {
                wireScope {
                    wire("sleeper") {
                        try {
                            sleep(1.hours)
                        } finally {
                            log += "sleeper finally"
                        }
                    }
                    wire("failer") {
                        sleep(5.milliseconds)
                        error("boom")
                    }
                    log += "block returned"
                }
            }
            assertEquals("boom", e.message)
            log += "caught"
        }
        assertEquals(listOf("block returned", "sleeper finally", "caught"), log)
    }

    @Test
    fun laterFailuresOfAScopeAreSuppressed() {
        wires {
            val e = assertThrows<IllegalStateException> {
                wireScope {
                    wire("a") {
                        try {
                            sleep(1.hours)
                        } finally {
                            throw IllegalArgumentException("a failed while cancelled")
                        }
                    }
                    wire("b") { error("b") }
                }
            }
            assertEquals("b", e.message)
            assertEquals(listOf("a failed while cancelled"), e.suppressed.map { it.message })
        }
    }

    @Test
    fun theBlockOfWireScopeIsNotInterruptedAndMeetsTheFailureWhenItAwaits() {
        val log = mutableListOf<String>()
        wires {
            val e = assertThrows<IllegalStateException> {
                wireScope {
                    val slow = async("slow") {
                        sleep(1.hours)
                        1
                    }
                    wire("failer") { error("boom") }
                    yield() // the failer runs, fails, and cancels 'slow'
                    log += "block still runs"
                    slow.await()
                }
            }
            assertEquals("boom", e.message)
            assertTrue(e.suppressed.isEmpty(), "the cancel of the awaited child is not a second failure")
        }
        assertEquals(listOf("block still runs"), log)
    }

    @Test
    fun theBlockOfAChildWireIsInterruptedByItsOwnChildsFailure() {
        val log = mutableListOf<String>()
        val e = assertThrows<IllegalStateException> {
            wires {
                wire("parent") {
                    wire("child") { error("child failed") }
                    try {
                        sleep(1.hours)
                    } finally {
                        log += "parent interrupted"
                    }
                }
            }
        }
        assertEquals("child failed", e.message)
        assertEquals(listOf("parent interrupted"), log)
    }

    @Test
    fun aFailedChildsWireReportsItsFailureThroughJoinToo() {
        wires {
            assertThrows<IllegalStateException> {
                wireScope {
                    val w = wire("bad") { error("bad") }
                    val e = assertThrows<WireFailedException> { w.join() }
                    assertEquals("bad", e.cause!!.message)
                }
            }
        }
    }

    @Test
    fun aSupervisorScopeLetsTheOthersFinishAndWiresRethrowsTheFailureAtTheEnd() {
        val log = mutableListOf<String>()
        val e = assertThrows<IllegalStateException> {
            wires {
                supervisorScope {
                    assertTrue(isSupervisor)
                    wire("failer") { error("boom") }
                    wire("survivor") {
                        sleep(10.milliseconds)
                        log += "survivor done"
                    }
                }
                log += "after scope"
            }
        }
        assertEquals("boom", e.message)
        assertEquals(listOf("survivor done", "after scope"), log)
    }

    @Test
    fun cancellingTheOwnerCancelsItsChildrenAndRunsTheirFinallyBlocks() {
        val log = mutableListOf<String>()
        wires {
            val owner = wire("owner") {
                for (i in 1..2) {
                    wire("child $i") {
                        try {
                            sleep(1.hours)
                        } finally {
                            log += "child $i finally"
                        }
                    }
                }
                try {
                    sleep(1.hours)
                } finally {
                    log += "owner finally"
                }
            }
            yield()
            owner.cancel()
            owner.join() // a cancelled wire is not a failed one
            assertEquals(WireState.ENDED, owner.state())
        }
        assertEquals(listOf("owner finally", "child 1 finally", "child 2 finally"), log)
    }

    @Test
    fun cancellingTheCallerOfWireScopeCancelsTheChildrenAndRethrowsTheCancel() {
        val log = mutableListOf<String>()
        wires {
            val caller = wire("caller") {
                try {
                    wireScope {
                        wire("child") {
                            try {
                                sleep(1.hours)
                            } finally {
                                log += "child finally"
                            }
                        }
                    }
                } catch (e: WireCancelledException) {
                    log += "caller got the cancel"
                    throw e
                }
            }
            yield()
            caller.cancel()
            caller.join()
        }
        assertEquals(listOf("child finally", "caller got the cancel"), log)
    }

    @Test
    fun anInnerBuilderUsesTheNearestScope() {
        val log = mutableListOf<String>()
        wires {
            val outer = wire("outer") {
                wire {
                    sleep(20.milliseconds)
                    log += "inner ${currentWire.name()} done"
                }
                log += "outer block done"
            }
            outer.join() // the inner wire is the outer wire's child: the outer wire ends after it
            log += "outer joined"
        }
        assertEquals(listOf("outer block done", "inner outer/wire-1 done", "outer joined"), log)
    }

    @Test
    fun threeNestedScopesCancelFromTheTop() {
        val log = mutableListOf<String>()
        wires {
            val top = wire("top") {
                wire("middle") {
                    wire("bottom") {
                        try {
                            sleep(1.hours)
                        } finally {
                            log += "bottom"
                        }
                    }
                    try {
                        sleep(1.hours)
                    } finally {
                        log += "middle"
                    }
                }
                try {
                    sleep(1.hours)
                } finally {
                    log += "top"
                }
            }
            sleep(5.milliseconds)
            top.cancel()
            top.join()
        }
        assertEquals(listOf("top", "middle", "bottom"), log)
    }

    @Test
    fun anotherWireMayStartTheFirstChildInAChildsScopeAndTheChildWaitsForIt() {
        val log = mutableListOf<String>()
        wires {
            lateinit var scopeOfA: WireScope
            val a = wire("a") {
                scopeOfA = this
                sleep(20.milliseconds)
                log += "a block done"
            }
            yield()
            scopeOfA.wire("b") {
                sleep(40.milliseconds)
                log += "b"
            }
            assertSame(a, scopeOfA.owner)
            a.join() // b is a's child: a ends after it
            log += "a joined"
        }
        assertEquals(listOf("a block done", "b", "a joined"), log)
    }

    @Test
    fun aCompletedScopeRefusesNewChildren() {
        wires {
            var leaked: WireScope? = null
            wireScope { leaked = this }
            val e = assertThrows<IllegalStateException> { leaked!!.wire("late") {} }
            assertTrue(e.message!!.contains("has completed"), e.message)
        }
    }

    @Test
    fun aScopeRefusesAnotherThread() {
        wires {
            val scope = this
            val e = blocking { runCatching { scope.wire("from a pool thread") {} }.exceptionOrNull() }
            assertTrue(e is IllegalStateException && e.message!!.contains("from thread"), e.toString())
        }
    }

    @Test
    fun wireScopeWorksInAWireStartedThroughTheJavaApi() {
        var sum = 0
        wires {
            scheduler.spawn("raw") {
                sum = wireScope { (1..3).map { i -> async { i } }.sumOf { it.await() } }
            }
        }
        assertEquals(6, sum)
    }

    @Test
    fun tenThousandChildrenSumExactly() {
        val n = 10_000
        val total = wires {
            var sum = 0L
            wireScope {
                for (i in 1..n) {
                    wire { sum += i }
                }
            }
            sum
        }
        assertEquals(n.toLong() * (n + 1) / 2, total)
    }

    @Test
    fun oneFailureAmongAThousandCancelsTheRestAndEachStartedOneRunsItsFinallyOnce() {
        val started = BooleanArray(1000)
        val finallies = IntArray(1000)
        wires {
            val e = assertThrows<IllegalStateException> {
                wireScope {
                    for (i in 0 until 1000) {
                        wire("w$i") {
                            started[i] = true
                            try {
                                if (i == 500) error("w500") else sleep(1.hours)
                            } finally {
                                finallies[i]++
                            }
                        }
                    }
                }
            }
            assertEquals("w500", e.message)
        }
        // wires 0..500 had started (FIFO); the later ones were cancelled before they started, so never ran
        assertEquals((0..500).toList(), started.indices.filter { started[it] })
        val wrong = finallies.indices.filter { finallies[it] != (if (started[it]) 1 else 0) }
        assertTrue(wrong.isEmpty(), "finally ran a wrong number of times in wires $wrong")
    }

    @Test
    fun aChildCleaningUpAfterItsCancelIsNotCancelledAgain() {
        val log = mutableListOf<String>()
        wires {
            assertThrows<IllegalStateException> {
                wireScope {
                    wire("cleaner") {
                        try {
                            sleep(1.hours)
                        } finally {
                            sleep(5.milliseconds) // a wait during cleanup, as closing a connection cleanly needs
                            log += "cleanup done"
                        }
                    }
                    wire("failer") { error("failer") }
                    yield() // the failer fails and cancels the cleaner
                    yield() // the cleaner takes the cancel and waits in its finally block
                    throw IllegalArgumentException("the block fails too") // the scope cancels its children again
                }
            }
        }
        assertEquals(listOf("cleanup done"), log)
    }

    @Test
    fun aChildCleaningUpIsNotCancelledAgainWhenTheOwnerIsCancelledToo() {
        val log = mutableListOf<String>()
        val e = assertThrows<IllegalStateException> {
            wires {
                supervisorScope {
                    val caller = wire("caller") {
                        wireScope {
                            wire("cleaner") {
                                try {
                                    sleep(1.hours)
                                } finally {
                                    sleep(5.milliseconds)
                                    log += "cleanup done"
                                }
                            }
                            wire("failer") { error("failer") }
                        }
                    }
                    yield() // the caller starts its children and joins them
                    yield() // the failer fails and cancels the cleaner
                    yield() // the cleaner takes the cancel and waits in its finally block
                    caller.cancel() // the scope cancels its children once only
                }
            }
        }
        assertEquals("failer", e.message)
        assertEquals(listOf("cleanup done"), log)
    }

    @Test
    fun aFailingScopeStartsNoNewChild() {
        val log = mutableListOf<String>()
        wires {
            val e = assertThrows<IllegalStateException> {
                wireScope {
                    wire("failer") { error("failer") }
                    yield()
                    wire("late") { log += "late ran" }
                }
            }
            assertEquals("failer", e.message)
        }
        assertEquals(emptyList<String>(), log)
    }

    @Test
    fun theScopeRethrowsTheSameInstance() {
        val boom = RuntimeException("boom")
        wires { assertSame(boom, assertThrows<RuntimeException> { wireScope { wire { throw boom } } }) }
    }

    @Test
    fun aCancelledChildIsNotAFailure() {
        wires {
            wireScope {
                val w = wire("victim") { sleep(1.hours) }
                yield()
                w.cancel()
            }
            assertFalse(currentWire.isCancelled)
        }
    }

    @Test
    fun aFailedWireOfASupervisorScopeMakesAHandRunSchedulersRunThrowLikeAWireNobodyJoins() {
        val boom = IllegalStateException("boom")
        val e = WireScheduler.create().use { s ->
            s.spawn("raw") { supervisorScope { wire("failer") { throw boom } } }
            assertThrows<WireFailedException> { s.run() }
        }
        assertSame(boom, e.cause)
        WireScheduler.create().use { s ->
            s.spawn("raw") {
                supervisorScope {
                    val w = wire("failer") { throw boom }
                    assertSame(boom, assertThrows<WireFailedException> { w.join() }.cause) // the join takes it over
                }
            }
            val failures = mutableListOf<Throwable>()
            s.setExceptionHandler { _, t -> failures += t }
            s.run()
            assertEquals(listOf<Throwable>(boom), failures, "logged and passed to the handler once")
        }
    }

    @Test
    fun theSchedulersDumpShowsADslChildUnderItsOwnersScope() {
        wires {
            val child = wire("dsl child") { sleep(1.hours) }
            val value = async("dsl async") { sleep(1.hours) }
            yield()
            val dump = scheduler.dump()
            val tree = dump.substring(dump.indexOf("scope tree:")).lines()
            val owner = tree.indexOfFirst { it.trim().startsWith("wire 'main' RUNNING") }
            assertTrue(owner >= 0, dump)
            assertEquals("fail-fast scope: 2 of 2 children running", tree[owner + 1].trim(), dump)
            val depth = { l: String -> l.length - l.trimStart().length }
            val children = tree.drop(owner + 2).takeWhile { depth(it) > depth(tree[owner + 1]) }
            val named = children.filter { depth(it) == depth(tree[owner + 1]) + 2 }.map { it.trim() }
            assertEquals(listOf("wire 'dsl child' SUSPENDED", "wire 'dsl async' SUSPENDED"), named, dump)
            child.cancel()
            value.cancel()
        }
    }
}
