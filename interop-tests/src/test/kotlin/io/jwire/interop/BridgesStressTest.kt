package io.jwire.interop

import io.jwire.channels.WireChannel
import io.jwire.kotlin.joinSuspending
import io.jwire.kotlin.runSuspending
import io.jwire.kotlin.sendSuspending
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.launch
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout
import java.util.BitSet

/**
 * 10^5 messages across 100 coroutines and 100 wires, through a jwire channel and a kotlinx channel,
 * in both directions of the bridge, with exact checksums: every message arrives exactly once.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BridgesStressTest {

    @Test
    fun aHundredThousandMessagesCrossBetweenCoroutinesAndWiresExactlyOnce() {
        val producers = 50
        val consumers = 50
        val forwarders = 100
        val perProducer = 2_000
        val total = producers * perProducer
        val result = onScheduler { s ->
            val toWires = WireChannel.buffered<Int>("to wires", 64)
            val toCoroutines = Channel<Int>(capacity = 64)
            // 50 producer coroutines: the even ones on the scheduler send directly (blocking jwire send in
            // their wire), the odd ones on Dispatchers.Default through sendSuspending (a wire per message)
            val producerJobs = (0 until producers).map { p ->
                launch(if (p % 2 == 0) kotlin.coroutines.EmptyCoroutineContext else Dispatchers.Default) {
                    for (j in 0 until perProducer) {
                        val v = p * perProducer + j
                        if (p % 2 == 0) toWires.send(v) else toWires.sendSuspending(v, s)
                    }
                }
            }
            // 100 forwarder wires: jwire channel in, kotlinx channel out, each send awaited with runSuspending
            val forwarderWires = (0 until forwarders).map { f ->
                s.spawn("forwarder $f") {
                    while (true) {
                        val v = toWires.receiveOrNull() ?: break
                        runSuspending { toCoroutines.send(2 * v + 1) }
                    }
                }
            }
            // 50 consumer coroutines on the scheduler
            val seen = BitSet(2 * total + 1)
            var count = 0
            var sum = 0L
            var xor = 0
            var duplicates = 0
            val consumerJobs = (0 until consumers).map {
                launch {
                    for (m in toCoroutines) {
                        if (seen.get(m)) duplicates++ else seen.set(m)
                        count++
                        sum += m
                        xor = xor xor m
                    }
                }
            }
            producerJobs.forEach { it.join() }
            toWires.close()
            forwarderWires.forEach { it.joinSuspending() }
            toCoroutines.close()
            consumerJobs.forEach { it.join() }
            listOf(count.toLong(), sum, xor.toLong(), duplicates.toLong(), seen.cardinality().toLong())
        }
        var expectedSum = 0L
        var expectedXor = 0
        for (v in 0 until total) {
            expectedSum += 2 * v + 1
            expectedXor = expectedXor xor (2 * v + 1)
        }
        assertEquals(listOf(total.toLong(), expectedSum, expectedXor.toLong(), 0L, total.toLong()), result)
    }
}
