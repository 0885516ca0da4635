package io.jwire.kotlin

import org.junit.jupiter.api.Assertions.assertEquals
import kotlin.time.Duration.Companion.milliseconds
import org.junit.jupiter.api.Test

/** The Kotlin sample of README.md, verbatim apart from the assertion, so it cannot rot. */
class ReadmeSampleTest {
    @Test
    fun readmeSampleSumsWhatTheProducerSent() {
        val ticks = mutableListOf<String>()
        val total = wires {
            val numbers = produce<Int>(capacity = 0) {     // a wire that sends, then closes the channel
                for (i in 1..3) send(i)
            }
            wire("ticker") { sleep(10.milliseconds); ticks += "tick" }
            var sum = 0
            for (n in numbers) sum += n                    // suspends this wire, not the thread
            sum
        }
        assertEquals(6, total)
        assertEquals(listOf("tick"), ticks)
    }
}
