package io.jwire.examples;

import io.jwire.testing.WireTestHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExamplesTest {
    /** libwire's test programs (its test/*.c), each of which must be runnable by name. */
    private static final List<String> LIBWIRE = List.of("base", "channel", "waiters", "locks", "pool", "wait", "asyncio",
            "log_stdout", "bench", "echo_server", "web", "web_client", "recurser", "cancel");

    @Test
    void everyLibwireProgramHasAName() {
        List<String> names = new ArrayList<>();
        Examples.names().forEach(names::add);
        assertTrue(names.containsAll(LIBWIRE), names.toString());
        assertEquals(List.of("demo", "intro", "base.kt", "channel.kt", "echo_server.kt", "web.kt"), names.stream().filter(n -> !LIBWIRE.contains(n)).toList());
    }

    @Test
    void anUnknownNameListsTheExamplesAndFails() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertFalse(Examples.run(new String[] {"nope"}, new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("no example named 'nope'", lines.get(0));
        assertTrue(lines.get(1).contains("-Dexample=NAME"), lines.get(1));
        for (String name : LIBWIRE) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("  " + name + " ")), name + " in " + lines);
        }
    }

    @Test
    void aNameRunsItsMainWithTheRemainingArguments() throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            // the example creates its own schedulers: a wire failure there fails the test through the log
            assertTrue(WireTestHarness.failOnLoggedWireFailures(() -> Examples.run(new String[] {"bench", "1000"}, System.err)));
        } finally {
            System.setOut(saved);
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(1).startsWith("1000 yields took "), lines.toString());
    }

    @Test
    void aKotlinNameRunsTheKotlinMain() throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            // the example creates its own schedulers: a wire failure there fails the test through the log too
            assertTrue(WireTestHarness.failOnLoggedWireFailures(() -> Examples.run(new String[] {"channel.kt"}, System.err)));
        } finally {
            System.setOut(saved);
        }
        assertEquals(List.of("Consumer got 42", "Producer finished"), bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
