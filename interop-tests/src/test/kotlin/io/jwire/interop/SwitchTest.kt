package io.jwire.interop

import io.jwire.WireScheduler
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test

/** The suite runs twice (see the pom): each run uses the switch it expects. */
class SwitchTest {
    @Test
    fun schedulersUseTheSwitchThisTestRunExpects() {
        val expected = System.getProperty("jwire.test.expectSwitch")
        assumeTrue(expected != null, "run by Maven, which sets jwire.test.expectSwitch")
        WireScheduler.create().use { assertEquals(expected, it.switchImplementation()) }
    }
}
