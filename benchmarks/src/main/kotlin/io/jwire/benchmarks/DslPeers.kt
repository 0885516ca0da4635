package io.jwire.benchmarks

import io.jwire.WireScheduler
import io.jwire.channels.WireChannel
import io.jwire.channels.WireSelect
import io.jwire.kotlin.select
import io.jwire.kotlin.wires
import io.jwire.kotlin.yield
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking

/**
 * The rows of `DslBench`: the same three programs (two wires yielding to each other, a rendezvous
 * ping-pong, a select loop) written with sdk-kotlin-dsl, with the Java API (called from Kotlin:
 * the same bytecode a Java caller gets), and with kotlinx.coroutines in `runBlocking`. Each
 * program creates its scheduler (or `runBlocking` loop), runs to the end and returns a checksum.
 */
object DslPeers {
    /** The token passed back and forth: a cached box, so no row allocates values. */
    private val TOKEN: Int = 1

    // ---------------------------------------------------------------- yield

    /** DSL: two child wires of `wires { }`, each calling `yield()` [each] times. */
    @JvmStatic
    fun yieldDsl(each: Int): Long {
        var count = 0L
        wires {
            wire("a") { repeat(each) { count++; yield() } }
            wire("b") { repeat(each) { count++; yield() } }
        } // returns once both children have ended
        return count
    }

    /** Java API: two wires spawned on a scheduler, each calling `Wire.yieldNow()` [each] times. */
    @JvmStatic
    fun yieldJava(each: Int): Long {
        var count = 0L
        WireScheduler.create().use { s ->
            s.spawn("a") { for (i in 0 until each) { count++; io.jwire.Wire.yieldNow() } }
            s.spawn("b") { for (i in 0 until each) { count++; io.jwire.Wire.yieldNow() } }
            s.run()
        }
        return count
    }

    // ---------------------------------------------------------------- rendezvous ping-pong

    /** DSL: a ponger child wire and the main wire of `wires { }` over two rendezvous channels. */
    @JvmStatic
    fun rendezvousDsl(rounds: Int): Long = wires {
        val ping = io.jwire.kotlin.WireChannel<Int>(name = "ping")
        val pong = io.jwire.kotlin.WireChannel<Int>(name = "pong")
        wire("ponger") { repeat(rounds) { pong.send(ping.receive()) } }
        var sum = 0L
        repeat(rounds) {
            ping.send(TOKEN)
            sum += pong.receive()
        }
        sum
    }

    /** Java API: two wires over two rendezvous channels (RendezvousBench's jwire row, with its own scheduler). */
    @JvmStatic
    fun rendezvousJava(rounds: Int): Long {
        var sum = 0L
        WireScheduler.create().use { s ->
            val ping = WireChannel.rendezvous<Int>("ping")
            val pong = WireChannel.rendezvous<Int>("pong")
            s.spawn("ponger") { for (i in 0 until rounds) pong.send(ping.receive()) }
            s.spawn("pinger") {
                for (i in 0 until rounds) {
                    ping.send(TOKEN)
                    sum += pong.receive()
                }
            }
            s.run()
        }
        return sum
    }

    // ---------------------------------------------------------------- select

    /**
     * DSL: the pinger sends the token on channel a or b in turn (buffered, capacity 1); the ponger
     * takes it with `select { onReceive(a) ...; onReceive(b) ... }` (a new select expression per
     * round, as DSL code is written) and answers over a rendezvous channel.
     */
    @JvmStatic
    fun selectDsl(rounds: Int): Long = wires {
        val a = io.jwire.kotlin.WireChannel<Int>(1, "a")
        val b = io.jwire.kotlin.WireChannel<Int>(1, "b")
        val pong = io.jwire.kotlin.WireChannel<Int>(name = "pong")
        wire("ponger") {
            repeat(rounds) {
                val v = select<Int> {
                    onReceive(a) { it }
                    onReceive(b) { it + 1 }
                }
                pong.send(v)
            }
        }
        var sum = 0L
        for (i in 0 until rounds) {
            (if (i and 1 == 0) a else b).send(TOKEN)
            sum += pong.receive()
        }
        sum
    }

    /** Java API: the same, the ponger awaiting one typed `WireSelectBuilder` built once (as the Java API advises). */
    @JvmStatic
    fun selectJava(rounds: Int): Long {
        var sum = 0L
        WireScheduler.create().use { s ->
            val a = WireChannel.buffered<Int>("a", 1)
            val b = WireChannel.buffered<Int>("b", 1)
            val pong = WireChannel.rendezvous<Int>("pong")
            s.spawn("ponger") {
                val select = WireSelect.builder<Int>()
                    .onReceive(a) { it }
                    .onReceive(b) { it + 1 }
                for (i in 0 until rounds) pong.send(select.await())
            }
            s.spawn("pinger") {
                for (i in 0 until rounds) {
                    (if (i and 1 == 0) a else b).send(TOKEN)
                    sum += pong.receive()
                }
            }
            s.run()
        }
        return sum
    }

    /** kotlinx: the same with `Channel(1)`s, `select { a.onReceive ...; b.onReceive ... }` and a rendezvous reply, in `runBlocking`. */
    @JvmStatic
    fun selectKotlinx(rounds: Int): Long {
        var sum = 0L
        runBlocking {
            val a = Channel<Int>(1)
            val b = Channel<Int>(1)
            val pong = Channel<Int>(Channel.RENDEZVOUS)
            launch {
                repeat(rounds) {
                    val v = kotlinx.coroutines.selects.select<Int> {
                        a.onReceive { it }
                        b.onReceive { it + 1 }
                    }
                    pong.send(v)
                }
            }
            launch {
                for (i in 0 until rounds) {
                    (if (i and 1 == 0) a else b).send(TOKEN)
                    sum += pong.receive()
                }
            }
        }
        return sum
    }
}
