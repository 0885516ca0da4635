package io.jwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class SwitchImplementationTest {

    @Test
    void schedulerUsesTheSwitchThisTestRunExpects() {
        String expected = System.getProperty("jwire.test.expectSwitch");
        assumeTrue(expected != null, "run by Maven, which sets jwire.test.expectSwitch");
        try (WireScheduler s = WireScheduler.create()) {
            assertEquals(expected, s.switchImplementation());
            String[] seen = new String[1];
            s.spawn("probe", () -> seen[0] = Wire.current().scheduler().switchImplementation());
            s.run();
            assertEquals(expected, seen[0]);
        }
    }
}
