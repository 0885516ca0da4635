package io.jwire.kotlin

import io.jwire.Wire
import io.jwire.channels.WireChannel
import io.jwire.WireCancelledException
import io.jwire.sync.WireLock
import io.jwire.sync.WirePool
import io.jwire.sync.WireSemaphore
import io.jwire.WireState
import io.jwire.WireWait
import io.jwire.WireWaitList
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/**
 * libwire's test programs (base, channel, waiters, locks, pool, wait, cancel) written with the
 * DSL, with the same assertions as their Java ports in sdk-java's tests.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LibwireProgramsTest {

    /** libwire test/base.c: two wires interleave through yields, then through sleeps. */
    @Test
    fun base() {
        val out = mutableListOf<String>()
        wires {
            wire("wire1") {
                for (i in 0 until 3) {
                    out += "wire1 $i"
                    yield()
                }
                sleep(20.milliseconds)
                out += "wire1 slept 20ms"
                sleep(40.milliseconds)
                out += "wire1 slept 40ms more"
            }
            wire("wire2") {
                for (i in 0 until 3) {
                    out += "wire2 $i"
                    yield()
                }
                sleep(40.milliseconds)
                out += "wire2 slept 40ms"
            }
        }
        assertEquals(listOf("wire1 0", "wire2 0", "wire1 1", "wire2 1", "wire1 2", "wire2 2",
            "wire1 slept 20ms", "wire2 slept 40ms", "wire1 slept 40ms more"), out)
    }

    /** libwire test/channel.c: the consumer runs before the producer's send returns. */
    @Test
    fun channelConsumerFirst() {
        val out = mutableListOf<String>()
        wires {
            val ch = WireChannel<Int>(name = "numbers")
            wire("consumer") {
                out += "Consumer waiting"
                out += "Consumer got " + ch.receive()
            }
            wire("producer") {
                out += "Producer sending 42"
                ch.send(42)
                out += "Producer finished"
            }
        }
        assertEquals(listOf("Consumer waiting", "Producer sending 42", "Consumer got 42", "Producer finished"), out)
    }

    @Test
    fun channelProducerFirst() {
        val out = mutableListOf<String>()
        wires {
            val ch = WireChannel<Int>(name = "numbers")
            wire("producer") {
                out += "Producer sending 42"
                ch.send(42)
                out += "Producer finished"
            }
            wire("consumer") {
                out += "Consumer waiting"
                out += "Consumer got " + ch.receive()
            }
        }
        assertEquals(listOf("Producer sending 42", "Consumer waiting", "Consumer got 42", "Producer finished"), out)
    }

    /** libwire test/waiters.c: the master sends a fresh reply channel over io and waits on it. */
    @Test
    fun waiters() {
        val out = mutableListOf<String>()
        wires {
            val io = WireChannel<WireChannel<Int>>(name = "io")
            wire("master") {
                var value = 0
                while (value >= 0) {
                    val reply = WireChannel<Int>(name = "reply")
                    io.send(reply)
                    value = reply.receive()
                    out += "Got $value"
                }
                io.close()
            }
            wire("io") {
                var value = 1
                for (reply in io) {
                    sleep(5.milliseconds)
                    reply.send(value)
                    out += "io sent $value"
                    value--
                }
            }
        }
        assertEquals(listOf("Got 1", "io sent 1", "Got 0", "io sent 0", "Got -1", "io sent -1"), out)
    }

    private class Request(val number: Int, val replyTo: WireChannel<String>)

    /** libwire test/waiters.c: clients send requests carrying their own reply channel to one server. */
    @Test
    fun waitersRequestReply() {
        val out = mutableListOf<String>()
        wires {
            val requests = WireChannel<Request>(name = "requests")
            wire("server") {
                for (r in requests) {
                    out += "server got ${r.number}"
                    r.replyTo.send("reply ${r.number}")
                }
                out += "server done"
            }
            var pending = 3
            for (n in 1..3) {
                wire("client $n") {
                    val reply = WireChannel<String>(name = "reply to client $n")
                    out += "client $n sends"
                    requests.send(Request(n, reply))
                    out += "client $n got " + reply.receive()
                    if (--pending == 0) requests.close()
                }
            }
        }
        assertEquals(listOf(
            "client 1 sends", "client 2 sends", "client 3 sends",
            "server got 1", "client 1 got reply 1",
            "server got 2", "client 2 got reply 2",
            "server got 3", "client 3 got reply 3",
            "server done"), out)
    }

    /** libwire test/locks.c: 8 wires take one lock, each holding it across a yield; they get it in FIFO order. */
    @Test
    fun locks() {
        val out = mutableListOf<String>()
        wires {
            val lock = WireLock("shared")
            for (n in 0 until 8) {
                wire("wire $n") {
                    lock.withLock {
                        out += "locked $n"
                        yield()
                        out += "unlocking $n"
                    }
                }
            }
        }
        assertEquals((0 until 8).flatMap { listOf("locked $it", "unlocking $it") }, out)
    }

    /** libwire test/locks.c, timed: 8 pool wires take the lock in FIFO order while a ninth waits for it to be clear. */
    @Test
    fun locksWithSleepsAndWaitClear() {
        val out = mutableListOf<String>()
        wires {
            val pool = WirePool(scheduler, "pool", 9)
            val lock = WireLock("lock")
            assertTrue(pool.tryLaunch("lock closer") {
                sleep(20.milliseconds)
                out += "Trying to close the lock now"
                lock.awaitClear()
                out += "Lock is clear"
                pool.close()
            })
            for (n in 0 until 8) {
                assertTrue(pool.tryLaunch("lock $n") {
                    lock.withLock {
                        out += "Lock taken from $n"
                        sleep((n * 2).milliseconds)
                        out += "Releasing lock from $n"
                    }
                    out += "Lock released from $n"
                })
            }
        }
        val expected = (0 until 8).flatMap { listOf("Lock taken from $it", "Releasing lock from $it", "Lock released from $it") } +
            "Lock is clear"
        val trying = out.indexOf("Trying to close the lock now")
        assertTrue(trying >= 0, out.toString())
        assertEquals(expected, out.filterIndexed { i, _ -> i != trying })
    }

    /** libwire test/pool.c: a pool of 4 and 8 blocking starts, twice; the freed workers are reused last in, first out. */
    @Test
    fun pool() {
        val out = mutableListOf<String>()
        val workers = mutableListOf<Wire>()
        wires {
            val pool = WirePool(scheduler, "pool", 4)
            val done = WireSemaphore("tasks done", 0)
            for (round in 1..2) {
                for (n in 0 until 8) {
                    out += "start $n"
                    pool.launch("task $n") {
                        val me = currentWire
                        if (me !in workers) workers += me
                        out += "task $n runs as ${me.name()} on worker ${workers.indexOf(me) + 1}"
                        yield()
                        out += "task $n done"
                        done.release()
                    }
                    out += "started $n"
                }
                repeat(8) { done.acquire() }
                out += "round $round complete"
            }
            pool.close()
        }
        assertEquals(4, workers.size)
        assertTrue(workers.all { it.state() == WireState.ENDED && it.name().startsWith("pool/worker-") })
        val workerOf = intArrayOf(1, 2, 3, 4, 4, 3, 2, 1) // new workers first, then the freed ones last in, first out
        val expected = mutableListOf<String>()
        for (round in 1..2) {
            for (i in 0 until 4) expected += listOf("start $i", "started $i")
            expected += "start 4"
            for (i in 0 until 4) expected += "task $i runs as task $i on worker ${workerOf[i]}"
            for (i in 0 until 4) expected += "task $i done"
            expected += "started 4"
            for (i in 5 until 8) expected += listOf("start $i", "started $i")
            for (i in 4 until 8) expected += "task $i runs as task $i on worker ${workerOf[i]}"
            for (i in 4 until 8) expected += "task $i done"
            expected += "round $round complete"
        }
        assertEquals(expected, out)
    }

    /** libwire test/wait.c: resume wakes, a second resume is a no-op, reset re-arms, unchain removes. */
    @Test
    fun waitProgram() {
        val out = mutableListOf<String>()
        wires {
            val w1 = WireWait("w1")
            val w2 = WireWait("w2")
            val list = WireWaitList().apply {
                chain(w1)
                chain(w2)
            }
            wire("waiter") {
                out += "waiting"
                out += "woken by " + list.await().name()
                w1.reset()
                out += "waiting again"
                out += "woken by " + list.await(1.seconds)!!.name()
                list.unchain(w2)
                w2.reset()
                out += "waiting on w1 only"
                out += "woken by " + list.await().name()
            }
            wire("resumer") {
                out += "resume w1: " + w1.resume()
                out += "resume w1 again: " + w1.resume()
                yield()
                out += "resume w2: " + w2.resume()
                yield()
                w2.reset()
                out += "resume unchained w2: " + w2.resume()
                out += "resume w1: " + w1.resume()
            }
        }
        assertEquals(listOf("waiting", "resume w1: true", "resume w1 again: false", "woken by w1", "waiting again",
            "resume w2: true", "woken by w2", "waiting on w1 only", "resume unchained w2: false",
            "resume w1: true", "woken by w1"), out)
    }

    /** libwire's cancel: a cancelled suspended wire gets the cancel, runs its finally, and is not a failure. */
    @Test
    fun cancel() {
        val out = mutableListOf<String>()
        wires {
            val victim = wire("victim") {
                try {
                    Wire.suspend()
                    out += "not reached"
                } catch (e: WireCancelledException) {
                    out += "cancelled: " + e.message
                    throw e
                } finally {
                    out += "finally"
                }
            }
            wire("killer") {
                victim.cancel()
                out += "cancel sent"
            }
            victim.join()
            assertTrue(victim.isCancelled)
        }
        assertEquals(listOf("cancel sent", "cancelled: wire 'victim' was cancelled", "finally"), out)
    }
}
