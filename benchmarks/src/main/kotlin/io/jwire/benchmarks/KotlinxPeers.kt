package io.jwire.benchmarks

import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.yield
import kotlin.coroutines.resume

/**
 * The kotlinx.coroutines peer of each benchmark, written in Kotlin because the peers are suspend
 * code. Every one runs inside `runBlocking`, whose event loop is single-threaded on the calling
 * (JMH) thread: the same shape as a jwire scheduler on its owner thread. The Java benchmark
 * classes call these; each returns a value that the benchmark hands to JMH so nothing is dead code.
 */
object KotlinxPeers {

    /** Switch: two coroutines each calling `yield()` [perCoroutine] times. */
    @JvmStatic
    fun yieldPingPong(perCoroutine: Int): Long {
        var count = 0L
        runBlocking {
            launch { repeat(perCoroutine) { count++; yield() } }
            launch { repeat(perCoroutine) { count++; yield() } }
        }
        return count // runBlocking returns once both children have ended
    }

    /** Spawn and complete: [tasks] children launched from `runBlocking`, which returns once all ended. */
    @JvmStatic
    fun launchAll(tasks: Int): Long {
        var done = 0L
        runBlocking {
            repeat(tasks) { launch { done++ } }
        }
        return done
    }

    /**
     * Structured concurrency: [children] children `launch`ed in one `coroutineScope`, each storing
     * its number; the scope returns once all have ended. Returns their sum.
     */
    @JvmStatic
    fun scopeLaunchAll(children: Int): Long {
        val values = LongArray(children)
        return runBlocking {
            coroutineScope {
                for (i in 0 until children) {
                    launch { values[i] = i.toLong() }
                }
            }
            values.sum()
        }
    }

    /**
     * Memory: `slots.size` coroutines suspended in `suspendCancellableCoroutine`, each keeping its
     * continuation in its slot of [slots] (allocated by the caller, so it is not measured). Once all
     * are suspended, [measure] runs on the event loop thread; then all are resumed and end.
     * Returns what [measure] returned.
     */
    @JvmStatic
    fun suspendAll(slots: Array<Any?>, measure: java.util.function.LongSupplier): Long {
        var measured = 0L
        runBlocking {
            for (i in slots.indices) {
                launch { suspendCancellableCoroutine<Unit> { slots[i] = it } }
            }
            yield() // every child queued before this coroutine runs to its suspension first
            for (i in slots.indices) {
                check(slots[i] != null) { "coroutine $i did not suspend" }
            }
            measured = measure.asLong
            for (i in slots.indices) {
                @Suppress("UNCHECKED_CAST")
                (slots[i] as CancellableContinuation<Unit>).resume(Unit)
                slots[i] = null
            }
        }
        return measured
    }

    /** Timers: one coroutine per deadline, each `delay`s for its deadline in milliseconds. */
    @JvmStatic
    fun delayAll(delaysMillis: IntArray): Long {
        var woke = 0L
        runBlocking {
            for (d in delaysMillis) {
                launch { delay(d.toLong()); woke++ }
            }
        }
        return woke
    }

    /** Rendezvous: [rounds] round trips of one token over two `Channel(RENDEZVOUS)`s. */
    @JvmStatic
    fun rendezvousPingPong(rounds: Int): Long {
        var sum = 0L
        runBlocking {
            val ping = Channel<Int>(Channel.RENDEZVOUS)
            val pong = Channel<Int>(Channel.RENDEZVOUS)
            launch { repeat(rounds) { pong.send(ping.receive()) } }
            launch { repeat(rounds) { ping.send(1); sum += pong.receive() } }
        }
        return sum
    }

    /** Buffered channel: one producer sends [values] values into a `Channel(capacity)`, one consumer receives them. */
    @JvmStatic
    fun bufferedThroughput(values: Int, capacity: Int): Long {
        var sum = 0L
        runBlocking {
            val channel = Channel<Int>(capacity)
            launch { repeat(values) { channel.send(1) } }
            launch { repeat(values) { sum += channel.receive() } }
        }
        return sum
    }

    /**
     * Lock: [contenders] coroutines each take a `Mutex` [each] times; with [yieldWhileHeld] they
     * `yield()` while holding it, so the others queue up.
     */
    @JvmStatic
    fun mutexTurns(contenders: Int, each: Int, yieldWhileHeld: Boolean): Long {
        var held = 0L
        runBlocking {
            val mutex = Mutex()
            repeat(contenders) {
                launch {
                    repeat(each) {
                        mutex.lock()
                        held++
                        if (yieldWhileHeld) {
                            yield()
                        }
                        mutex.unlock()
                    }
                }
            }
        }
        return held
    }
}
