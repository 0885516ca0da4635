package io.jwire.kotlin

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test

/** The suite runs twice (see the pom): each run uses the switch it expects. */
class SwitchTest {
    @Test
    fun wiresUseTheSwitchThisTestRunExpects() {
        val expected = System.getProperty("jwire.test.expectSwitch")
        assumeTrue(expected != null, "run by Maven, which sets jwire.test.expectSwitch")
        assertEquals(expected, wires { scheduler.switchImplementation() })
    }
}
