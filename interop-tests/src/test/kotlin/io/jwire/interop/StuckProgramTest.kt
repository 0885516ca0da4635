package io.jwire.interop

import io.jwire.WireDeadlockException
import io.jwire.WireScheduler
import io.jwire.channels.WireChannel
import io.jwire.kotlin.asCoroutineContext
import io.jwire.testing.WireTestHarness
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.launch
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit

/**
 * A stuck program stays diagnosable: while coroutines live on the dispatcher, `run()` waits instead of reporting
 * (a wake-up may come from any thread), and `scheduler.dump()` names the waiting wires and, under the dispatcher's
 * described `KeepAlive`, the live coroutines with their names and suspension points. Once the coroutines have
 * ended, the stuck wires are reported as usual.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StuckProgramTest {

    @Test
    fun aWireAndACoroutineWaitingOnEachOtherAreBothNamedInTheDump() {
        val s = WireScheduler.create()
        val failures = WireTestHarness.watch(s)
        val toWire = WireChannel.rendezvous<Int>("to wire")
        val toCoroutine = Channel<Int>()
        val job = Job()
        // the wire waits for the coroutine's value, the coroutine for the wire's: neither comes
        s.spawn("order checker") { toCoroutine.trySend(toWire.receive()) }
        CoroutineScope(s.asCoroutineContext() + job + CoroutineName("orders consumer")).launch {
            toWire.trySend(toCoroutine.receive())
        }
        val outcome = CompletableFuture<Throwable?>()
        val carrier = Thread({
            try {
                s.run()
                outcome.complete(null)
            } catch (t: Throwable) {
                outcome.complete(t)
            }
        }, "carrier")
        carrier.start()
        try {
            var dump = ""
            for (i in 0 until 500) {
                Thread.sleep(10)
                dump = s.dump()
                if (dump.contains("CoroutineName(orders consumer)") && dump.contains("SUSPENDED")) break
            }
            assertTrue(dump.contains("wire 'order checker' SUSPENDED waiting on receive from channel 'to wire'"), dump)
            assertTrue(dump.contains("keep-alive: WireDispatcher[$s]: 1 live coroutine(s)"), dump)
            assertTrue(dump.contains("coroutine [CoroutineName(orders consumer)"), dump)
            assertTrue(dump.contains("StuckProgramTest.kt"), "where the coroutine is suspended:\n$dump")
            Thread.sleep(50)
            assertFalse(outcome.isDone, "the program waits while the coroutine lives")

            job.cancel() // the coroutine ends: nothing holds run() any more, and the wire is reported as stuck
            val t = outcome.get(10, TimeUnit.SECONDS)
            assertTrue(t is WireDeadlockException, t.toString())
            assertTrue(t!!.message!!.contains("wire 'order checker' SUSPENDED waiting on receive from channel 'to wire'"),
                t.message)
            assertFalse(t.message!!.contains("keep-alive"), t.message)
            assertEquals(0, s.asCoroutineContext().liveContinuations)
        } finally {
            s.close()
            carrier.join(10_000)
        }
        WireTestHarness.rethrow(failures)
    }
}
