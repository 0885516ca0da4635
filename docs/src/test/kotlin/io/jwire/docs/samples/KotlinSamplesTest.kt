package io.jwire.docs.samples

import io.jwire.channels.WireChannel
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.Timeout

/** Runs the guide's Kotlin samples and checks that they do what the guide says. */
@Timeout(60)
class KotlinSamplesTest {
    @Test
    fun firstProgramInterleavesPingAndPong() {
        val log = mutableListOf<String>()
        KotlinSamples.firstProgram(log)
        assertEquals(listOf("ping 1", "pong 1", "ping 2", "ping 3", "pong 2", "pong 3"), log)
    }

    @Test
    fun scopeAwaitsBothChildren() {
        assertEquals(42, KotlinSamples.scope())
    }

    @Test
    fun selectAndTimeouts() {
        val log = mutableListOf<String>()
        KotlinSamples.selectAndTimeout(log)
        assertEquals(listOf("reply pong", "timeout", "gave up"), log)
    }

    @Test
    fun produceFeedsAnIterableChannel() {
        assertEquals(listOf(1, 4, 9, 16, 25), KotlinSamples.producer())
    }

    @Test
    fun aFailedProducerClosesItsChannelWithTheFailure() {
        val log = mutableListOf<String>()
        KotlinSamples.failingProducer(log)
        assertEquals(listOf("r1", "closed: bad record 2", "scope failed: bad record 2"), log)
    }

    @Test
    fun blockingRunsOnAPoolThread() {
        assertTrue(KotlinSamples.blockingCall() > 0)
    }

    @Test
    fun moduleOverviewDoublesTheNumbers() {
        assertEquals(12, KotlinSamples.moduleOverview(WireChannel.rendezvous("replies")))
    }
}
