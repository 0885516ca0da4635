package io.jwire.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.testing.WireTestHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AsyncIoTest {

    @Test
    void eachWireRunsEveryFileCallInOrderAndLeavesItsFileEmpty(@TempDir Path dir) throws IOException {
        Output o = new Output();
        // The wires check what they read back; a failed check or an IOException fails the test.
        WireTestHarness.run(s -> AsyncIo.start(s, o.out, dir));
        List<String> lines = o.lines();
        List<String> steps = List.of("open", "pwrite", "truncate", "fsync", "pread", "truncate", "stat", "close", "done");
        for (int i = 1; i <= AsyncIo.WIRES; i++) {
            String prefix = "a." + i + ": ";
            List<String> mine = lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
            assertEquals(steps, mine, o.toString());
            Path file = dir.resolve("a." + i);
            assertTrue(Files.isRegularFile(file));
            assertEquals(0, Files.size(file));
        }
        assertEquals(AsyncIo.WIRES * steps.size(), lines.size());
    }
}
