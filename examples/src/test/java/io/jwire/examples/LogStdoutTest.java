package io.jwire.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.testing.WireTestHarness;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LogStdoutTest {
    private static final String LINE = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{9} <(INFO|WARNING)> \\[([^]]+)] (.*)";

    @Test
    void everyLineIsWrittenOnceInOrderOffTheSchedulersThreadThroughABoundedRing() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Set<String> writers = ConcurrentHashMap.newKeySet();
        String[] schedulerThread = new String[1];
        PrintStream out = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                writers.add(Thread.currentThread().getName());
                bytes.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8);
        RingLogger[] logger = new RingLogger[1];

        WireTestHarness.run(s -> {
            logger[0] = LogStdout.start(s, out, 2);
            s.spawn("thread probe", () -> schedulerThread[0] = Thread.currentThread().getName());
        });

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2 + 2 * LogStdout.WIRES, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).matches("\\S+ \\S+ <INFO> \\[" + Thread.currentThread().getName()
                + "] Do not crash on logging before the logger wire runs"), lines.get(0));
        for (int i = 0; i < LogStdout.WIRES; i++) {
            int start = indexOfOnly(lines, "] Start of wire log " + i);
            String end = lines.get(indexOfOnly(lines, "] End of wire log " + i));
            assertTrue(start < lines.indexOf(end));
            assertTrue(lines.get(start).matches(LINE) && lines.get(start).contains("<INFO> [log " + i + "]"), lines.get(start));
            assertTrue(end.contains("<WARNING> [log " + i + "]"), end);
        }
        String summary = lines.get(lines.size() - 1);
        assertTrue(summary.matches(".*<INFO> \\[init] 32 lines from 16 wires through a ring of 2: \\d+ log calls waited for a free slot"),
                summary);

        // The ring of 2 filled up (log calls waited) but never held more than 2 lines.
        assertTrue(logger[0].waits() > 0, "waits " + logger[0].waits());
        assertEquals(2, logger[0].highWater());
        // Only the line logged before run() was written by the calling thread; the rest went through WireIo.
        writers.remove(Thread.currentThread().getName());
        assertTrue(writers.stream().allMatch(t -> t.startsWith("jwire-io-")), writers.toString());
        assertTrue(!writers.contains(schedulerThread[0]), schedulerThread[0]);
    }

    /** The index of the one line that ends with {@code suffix}. */
    private static int indexOfOnly(List<String> lines, String suffix) {
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith(suffix)) {
                assertEquals(-1, found, "two lines end with '" + suffix + "'");
                found = i;
            }
        }
        assertTrue(found >= 0, "no line ends with '" + suffix + "'");
        return found;
    }
}
