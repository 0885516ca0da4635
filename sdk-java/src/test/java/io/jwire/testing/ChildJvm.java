package io.jwire.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a small program in a fresh JVM (the one running the tests) and returns what it printed. */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** The output (stdout and stderr) of {@code java args...}; fails the test on a non-zero exit or after 60 s. */
    public static String run(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM did not end in 60 s: " + cmd);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError("child JVM exited with " + p.exitValue() + ": " + cmd + "\n" + text);
        }
        return text;
    }
}
