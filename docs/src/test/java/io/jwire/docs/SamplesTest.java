package io.jwire.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.docs.samples.Channels;
import io.jwire.docs.samples.Concepts;
import io.jwire.docs.samples.Debugging;
import io.jwire.docs.samples.GettingStarted;
import io.jwire.docs.samples.IoSamples;
import io.jwire.docs.samples.Pitfalls;
import io.jwire.docs.samples.Sync;
import io.jwire.docs.samples.Values;
import io.jwire.docs.samples.Waits;
import io.jwire.testing.LogCapture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs the guide's Java samples and checks that they do what the guide says. */
@Timeout(60)
class SamplesTest {

    @Test
    void firstProgramInterleavesPingAndPong() {
        String out = captureOut(() -> GettingStarted.main(new String[0]));
        assertEquals(List.of("ping 1", "pong 1", "ping 2", "ping 3", "pong 2", "pong 3"), out.lines().toList());
    }

    @Test
    void wiresRunFirstInFirstOut() {
        List<String> log = new ArrayList<>();
        Concepts.fifo(log);
        assertEquals(List.of("a1", "b1", "c1", "a2", "b2", "c2"), log);
        assertTrue(Concepts.describe().matches("(continuation|virtual-thread) on (epoll|portable)"), Concepts.describe());
    }

    @Test
    void rendezvousReceiverRunsBeforeTheSenderContinues() {
        List<String> log = new ArrayList<>();
        Channels.rendezvous(log);
        assertEquals(List.of("got 1", "sent 1", "got 2", "sent 2", "got 3", "sent 3"), log);
    }

    @Test
    void bufferedChannelTrySendAndTimedReceive() {
        List<String> log = new ArrayList<>();
        Channels.buffered(log);
        assertEquals(List.of("trySend a: true", "trySend b: true", "trySend c: false", "receive: a", "timed: b", "timed: null"), log);
    }

    @Test
    void closeWithACauseFailsTheLoopAfterTheValues() {
        List<String> log = new ArrayList<>();
        Channels.closeWithCause(log);
        assertEquals(List.of("first", "reader failed: disk gone"), log);
    }

    @Test
    void typedSelectReportsTheValueThenTheClose() {
        List<String> log = new ArrayList<>();
        Channels.typedSelect(log);
        assertEquals(List.of("order tea", "shop closed"), log);
    }

    @Test
    void selectTakesTheReadyChannelThenTimesOut() {
        List<String> log = new ArrayList<>();
        Channels.select(log);
        assertEquals(List.of("reply pong", "timeout"), log);
    }

    @Test
    void lockIsHandedOverInOrder() {
        List<String> log = new ArrayList<>();
        Sync.lock(log);
        assertEquals(List.of("writer-1 in", "writer-1 out", "writer-2 in", "writer-2 out"), log);
    }

    @Test
    void semaphoreBoundsConcurrency() {
        assertEquals(2, Sync.semaphore());
    }

    @Test
    void poolRunsEveryJob() {
        List<String> log = new ArrayList<>();
        Sync.pool(log);
        assertEquals(List.of("done job-1", "done job-2", "done job-3", "done job-4"), log.stream().sorted().toList());
    }

    @Test
    void waitsWakeTheirWire() {
        List<String> log = new ArrayList<>();
        Waits.waitForOne(log);
        Waits.firstOfMany(log);
        Waits.timedAwait(log);
        assertEquals(List.of("loaded", "config is ready", "done", "no reply within 20 ms"), log);
    }

    @Test
    void scopesTasksAndFutures() throws Exception {
        List<String> log = new ArrayList<>();
        Values.scope(log);
        Values.failFast(log);
        Values.tasksAndFutures(log);
        assertEquals(List.of("sum 42", "slow cancelled", "scope failed: java.io.IOException: not a number: x",
                "submitted: 42", "awaited: hello world"), log);
    }

    @Test
    void valuesFailuresAndCancellation() {
        List<String> log = new ArrayList<>();
        Values.joinChildren(log);
        Values.failure(log);
        Values.cancel(log);
        assertEquals(List.of("sum 14", "handler: parser failed", "join: bad input", "cleaned up", "sleeper is ENDED"), log);
    }

    @Test
    void ioSamples(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.toml");
        Files.writeString(config, "name = \"jwire\"\n");
        List<String> log = new ArrayList<>();
        IoSamples.delegate(config, log);
        assertEquals(List.of("ticker runs meanwhile", "read 15 chars"), log);
        log.clear();
        IoSamples.files(dir.resolve("data.bin"), log);
        IoSamples.echo(log);
        IoSamples.streams(log);
        IoSamples.eventFd(log);
        assertEquals(List.of("wires", "echoed ping", "HELLO", "counter 3"), log);
    }

    @Test
    void dumpShowsEveryWireAndWhatItWaitsOn() {
        String dump = Debugging.dump();
        assertTrue(dump.contains("order-reader") && dump.contains("orders") && dump.contains("inspector"), dump);
    }

    @Test
    void stuckReportNamesTheWireAndItsWait() {
        String report = Debugging.stuck();
        assertTrue(report.contains("client") && report.contains("replies"), report);
    }

    @Test
    void stallDetectorNamesTheWire() {
        List<LogRecord> records;
        try (LogCapture log = LogCapture.warnings("sleepy").start()) {
            Debugging.stall();
            records = log.records();
        }
        assertTrue(records.stream().anyMatch(r -> r.getLevel() == Level.WARNING),
                () -> "no stall warning naming 'sleepy' in " + records.stream().map(LogRecord::getMessage).toList());
    }

    @Test
    void stackOverflowEndsOnlyThatWire() {
        List<String> log = new ArrayList<>();
        Debugging.overflow(log);
        assertEquals(List.of("recurser: StackOverflowError", "joined: StackOverflowError"), log);
    }

    @Test
    void readModifyWriteAcrossASwitchLosesUpdates() {
        assertTrue(Pitfalls.sum(false) < 5050, "the wrong way should lose updates");
        assertEquals(5050, Pitfalls.sum(true));
    }

    @Test
    void wireLockSerializesRefreshes() {
        assertEquals(List.of("refreshed", "refreshed", "refreshed"), Pitfalls.refreshThree());
    }

    private static String captureOut(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
