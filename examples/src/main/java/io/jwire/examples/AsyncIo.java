package io.jwire.examples;

import io.jwire.WireScheduler;
import io.jwire.io.WireFiles;
import io.jwire.io.WireIo;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * libwire's {@code asyncio}: five wires each work on their own file through {@link WireFiles}
 * (libwire's {@code wio_*}, on {@link WireIo#shared()}'s threads): open, pwrite, truncate, fsync,
 * pread, truncate again, stat, close. Each call runs on one of WireIo's helper threads while the
 * calling wire is suspended, so a slow disk stalls only that wire, never the scheduler. The wires'
 * lines interleave in whatever order the disk answers.
 *
 * <pre>
 * a.1: open
 * a.2: open
 * ...
 * a.1: pwrite
 * ...
 * a.5: done
 * </pre>
 *
 * <p>Arguments: {@code [directory]}, default a fresh temporary directory that is deleted at the end.
 */
public final class AsyncIo {
    /** How many wires, each with its own file {@code a.1} to {@code a.5}. */
    public static final int WIRES = 5;

    private AsyncIo() {
    }

    /** Runs the program in {@code args[0]} or a temporary directory, printing to standard output. */
    public static void main(String[] args) throws IOException {
        boolean temporary = args.length == 0;
        Path dir = temporary ? Files.createTempDirectory("jwire-asyncio") : Path.of(args[0]);
        try (WireScheduler scheduler = WireScheduler.create()) {
            start(scheduler, System.out, dir);
            scheduler.run();
        } finally {
            if (temporary) {
                for (int i = 1; i <= WIRES; i++) {
                    Files.deleteIfExists(dir.resolve("a." + i));
                }
                Files.delete(dir);
            }
        }
    }

    /**
     * Spawns the {@value #WIRES} wires on {@code scheduler}; wire {@code n} creates (or reuses)
     * {@code dir/a.n} and leaves it empty. A wire whose check fails ends with an
     * {@link IllegalStateException}; an I/O failure ends it with an {@link UncheckedIOException}.
     * Scheduler's thread.
     */
    public static void start(WireScheduler scheduler, PrintStream out, Path dir) {
        for (int i = 1; i <= WIRES; i++) {
            Path file = dir.resolve("a." + i);
            scheduler.spawn("io " + i, () -> {
                try {
                    work(out, file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static void work(PrintStream out, Path file) throws IOException {
        WireFiles io = WireIo.shared().files();
        String name = file.getFileName().toString();
        byte[] content = file.toString().getBytes(StandardCharsets.UTF_8);   // libwire writes the file's name

        out.println(name + ": open");
        FileChannel channel = io.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            out.println(name + ": pwrite");
            check(io.pwrite(channel, ByteBuffer.wrap(content), 0) == content.length, name, "pwrite wrote everything");

            out.println(name + ": truncate");
            io.truncate(channel, content.length);

            out.println(name + ": fsync");
            io.force(channel, true);

            out.println(name + ": pread");
            ByteBuffer back = ByteBuffer.allocate(64);
            check(io.pread(channel, back, 0) == content.length, name, "pread read what was written");
            check(back.flip().equals(ByteBuffer.wrap(content)), name, "pread read the same bytes");

            out.println(name + ": truncate");
            io.truncate(channel, 0);

            out.println(name + ": stat");
            check(io.size(channel) == 0, name, "the file is empty after truncate");
            check(io.stat(file).size() == 0, name, "stat sees the empty file");
        } finally {
            out.println(name + ": close");
            io.close(channel);
        }
        out.println(name + ": done");
    }

    private static void check(boolean ok, String file, String what) {
        if (!ok) {
            throw new IllegalStateException(file + ": expected that " + what);
        }
    }
}
