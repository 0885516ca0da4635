package io.jwire.benchmarks

import io.jwire.WireScheduler
import io.jwire.channels.WireChannel
import io.jwire.kotlin.asCoroutineContext
import io.jwire.kotlin.runSuspending
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking

/**
 * The suspend code of the coroutine-bridge benchmarks (`CoroutinePingPongBench`,
 * `CoroutineToWireBench`): kotlinx.coroutines on jwire's `WireDispatcher` and on kotlinx's own
 * dispatchers, and coroutines and wires exchanging a token. Each returns the sum of the tokens
 * received, which the benchmark hands to JMH.
 */
object CoroutineBridgePeers {

    /**
     * [rounds] round trips of one token over two kotlinx `Channel(RENDEZVOUS)`s between two
     * coroutines on [scheduler]'s dispatcher; `scheduler.run()` returns once both have ended.
     */
    @JvmStatic
    fun pingPongOnJwire(scheduler: WireScheduler, rounds: Int): Long {
        var sum = 0L
        val scope = CoroutineScope(scheduler.asCoroutineContext())
        val ping = Channel<Int>(Channel.RENDEZVOUS)
        val pong = Channel<Int>(Channel.RENDEZVOUS)
        scope.launch { repeat(rounds) { pong.send(ping.receive()) } }
        scope.launch { repeat(rounds) { ping.send(1); sum += pong.receive() } }
        scheduler.run()
        return sum
    }

    /**
     * The same ping-pong with both coroutines on [dispatcher] (a single-threaded one); the calling
     * thread waits in `runBlocking` for both to end.
     */
    @JvmStatic
    fun pingPongOn(dispatcher: CoroutineDispatcher, rounds: Int): Long {
        var sum = 0L
        runBlocking {
            val ping = Channel<Int>(Channel.RENDEZVOUS)
            val pong = Channel<Int>(Channel.RENDEZVOUS)
            val a = launch(dispatcher) { repeat(rounds) { pong.send(ping.receive()) } }
            val b = launch(dispatcher) { repeat(rounds) { ping.send(1); sum += pong.receive() } }
            a.join()
            b.join()
        }
        return sum
    }

    /**
     * Coroutine-to-wire: a coroutine on [scheduler]'s dispatcher sends a token to a wire and takes it
     * back, over two kotlinx `Channel(RENDEZVOUS)`s; the wire awaits each receive and send with one
     * `runSuspending { }` per round trip.
     */
    @JvmStatic
    fun coroutineToWire(scheduler: WireScheduler, rounds: Int): Long {
        var sum = 0L
        val toWire = Channel<Int>(Channel.RENDEZVOUS)
        val toCoroutine = Channel<Int>(Channel.RENDEZVOUS)
        scheduler.spawn("wire") {
            repeat(rounds) {
                runSuspending { toCoroutine.send(toWire.receive()) }
            }
        }
        CoroutineScope(scheduler.asCoroutineContext()).launch {
            repeat(rounds) {
                toWire.send(1)
                sum += toCoroutine.receive()
            }
        }
        scheduler.run()
        return sum
    }

    /**
     * Coroutine-to-wire over jwire channels: a coroutine on [scheduler]'s dispatcher calls the
     * blocking `WireChannel.send` and `receive` (in its resumer wire), a wire answers.
     */
    @JvmStatic
    fun coroutineOverWireChannels(scheduler: WireScheduler, rounds: Int): Long {
        var sum = 0L
        val toWire = WireChannel.rendezvous<Int>("to wire")
        val toCoroutine = WireChannel.rendezvous<Int>("to coroutine")
        scheduler.spawn("wire") {
            repeat(rounds) { toCoroutine.send(toWire.receive()) }
        }
        CoroutineScope(scheduler.asCoroutineContext()).launch {
            repeat(rounds) {
                toWire.send(1)
                sum += toCoroutine.receive()
            }
        }
        scheduler.run()
        return sum
    }
}
