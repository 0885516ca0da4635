package io.jwire.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.testing.WireTestHarness;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PoolTest {

    @Test
    void neverMoreTasksRunThanSlotsAndTheSecondRoundReusesTheWorkers() {
        Output o = new Output();
        WireTestHarness.run(s -> Pool.start(s, o.out, Duration.ofMillis(5)));
        List<String> lines = o.lines();

        assertEquals(List.of("wire started 0", "wire started 1", "wire started 2", "wire started 3"), lines.subList(0, 4));
        Set<String> running = new HashSet<>();
        int started = 0;
        int done = 0;
        int mostAtOnce = 0;
        for (String line : lines.subList(0, lines.size() - 1)) {
            String task = line.substring(line.lastIndexOf(' ') + 1);
            if (line.startsWith("wire started ")) {
                assertTrue(running.add(task), "task " + task + " started twice at once: " + o);
                started++;
            } else {
                assertTrue(line.startsWith("wire done "), line);
                assertTrue(running.remove(task), "task " + task + " done before it started: " + o);
                done++;
            }
            mostAtOnce = Math.max(mostAtOnce, running.size());
        }
        assertEquals(Pool.SIZE, mostAtOnce, o.toString());
        assertEquals(2 * Pool.TASKS, started);
        assertEquals(2 * Pool.TASKS, done);
        assertEquals("16 tasks ran on 4 worker wires", lines.get(lines.size() - 1));
    }
}
