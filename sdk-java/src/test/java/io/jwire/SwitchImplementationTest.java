package io.jwire;

import io.jwire.testing.WireTestHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class SwitchImplementationTest {

    @Test
    void schedulerUsesTheSwitchThisTestRunExpects() {
        String expected = System.getProperty("jwire.test.expectSwitch");
        assumeTrue(expected != null, "run by Maven, which sets jwire.test.expectSwitch");
        String[] seen = new String[1];
        WireTestHarness.run(s -> {
            assertEquals(expected, s.switchImplementation());
            s.spawn("probe", () -> seen[0] = Wire.current().scheduler().switchImplementation());
        });
        assertEquals(expected, seen[0]);
    }
}
