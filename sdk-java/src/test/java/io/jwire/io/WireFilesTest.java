package io.jwire.io;

import io.jwire.Wire;
import io.jwire.WireCancelledException;
import io.jwire.WireWait;
import io.jwire.testing.WireTestHarness;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** WireIo's file operations (libwire wio_*) and name resolution, including libwire's asyncio program. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WireFilesTest {
    @TempDir
    Path dir;

    /** A pattern unique to each wire and offset, so a misplaced byte shows. */
    static byte[] pattern(int seed, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i * 7 + (i >>> 8));
        }
        return b;
    }

    /**
     * libwire test/asyncio.c: five wires, each on its own file, on a pool of 16 threads: open,
     * fallocate, pwrite, ftruncate, fsync, pread (verified byte by byte), ftruncate to 0, fstat, close.
     */
    @Test
    void libwireAsyncioProgram() {
        List<String> log = new ArrayList<>();
        int length = 64 * 1024 + 17;
        try (WireIo pool = WireIo.create(16)) {
            WireTestHarness.run(s -> {
                WireFiles io = pool.files();
                for (int i = 1; i <= 5; i++) {
                    int n = i;
                    Path file = dir.resolve("a." + n);
                    s.spawn("io " + n, () -> {
                        try {
                            log.add(n + ":open");
                            FileChannel ch = io.open(file, CREATE, READ, WRITE);
                            log.add(n + ":fallocate");
                            io.preallocate(ch, 0, length);
                            assertEquals(length, io.size(ch));
                            log.add(n + ":pwrite");
                            byte[] data = pattern(n, length);
                            assertEquals(length, io.pwrite(ch, ByteBuffer.wrap(data), 0));
                            log.add(n + ":ftruncate");
                            io.truncate(ch, length);
                            log.add(n + ":fsync");
                            io.force(ch, true);
                            log.add(n + ":pread");
                            ByteBuffer buf = ByteBuffer.allocate(length + 64);
                            int got = 0;
                            int r;
                            while ((r = io.pread(ch, buf, got)) > 0) {
                                got += r;
                            }
                            assertEquals(length, got);
                            byte[] back = new byte[got];
                            buf.flip().get(back);
                            for (int k = 0; k < length; k++) {
                                if (back[k] != data[k]) {
                                    throw new AssertionError("wire " + n + ": byte " + k + " is " + back[k] + ", wrote " + data[k]);
                                }
                            }
                            log.add(n + ":ftruncate 0");
                            io.truncate(ch, 0);
                            log.add(n + ":fstat");
                            assertEquals(0, io.size(ch));
                            assertEquals(0, io.stat(file).size());
                            log.add(n + ":close");
                            io.close(ch);
                            assertFalse(ch.isOpen());
                            log.add(n + ":done");
                        } catch (IOException e) {
                            throw new AssertionError(e);
                        }
                    });
                }
            });
        }
        // FIFO: every wire issued its open before any open completed, so the calls overlapped
        assertEquals(List.of("1:open", "2:open", "3:open", "4:open", "5:open"), log.subList(0, 5));
        List<String> steps = List.of("open", "fallocate", "pwrite", "ftruncate", "fsync", "pread", "ftruncate 0", "fstat",
                "close", "done");
        for (int n = 1; n <= 5; n++) {
            String prefix = n + ":";
            assertEquals(steps, log.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(2)).toList());
        }
    }

    /** Five wires share one file: each pwrites its own interleaved blocks, then every wire checks every block. */
    @Test
    void fiveWiresShareOneFile() throws IOException {
        int block = 4096;
        int rounds = 40;
        Path file = dir.resolve("shared");
        List<String> verified = new ArrayList<>();
        FileChannel[] ch = new FileChannel[1];
        try (WireIo pool = WireIo.create(16)) {
            WireTestHarness.run(s -> {
                WireFiles io = pool.files();
                WireWait[] written = new WireWait[5];
                int[] writers = {5};
                s.spawn("opener", () -> {
                    try {
                        ch[0] = io.open(file, CREATE_NEW, READ, WRITE);
                        for (int w = 0; w < 5; w++) {
                            int me = w;
                            written[w] = new WireWait("all written");
                            s.spawn("writer " + w, () -> {
                                try {
                                    for (int r = 0; r < rounds; r++) {
                                        long pos = (long) (r * 5 + me) * block;
                                        assertEquals(block, io.pwrite(ch[0], ByteBuffer.wrap(pattern(r * 5 + me, block)), pos));
                                    }
                                    if (--writers[0] == 0) {
                                        io.force(ch[0], false);
                                        for (WireWait each : written) {
                                            each.resume();
                                        }
                                    }
                                    written[me].await();
                                    ByteBuffer buf = ByteBuffer.allocate(block);
                                    for (int b = 0; b < rounds * 5; b++) {
                                        buf.clear();
                                        assertEquals(block, io.pread(ch[0], buf, (long) b * block));
                                        assertArrayEquals(pattern(b, block), buf.array(), "block " + b);
                                    }
                                    assertEquals((long) rounds * 5 * block, io.stat(file).size());
                                    verified.add("writer " + me);
                                } catch (IOException e) {
                                    throw new AssertionError(e);
                                }
                            });
                        }
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                });
            });
            ch[0].close();
        }
        assertEquals(5, verified.size());
        assertArrayEquals(pattern(7, block), Arrays.copyOfRange(Files.readAllBytes(file), 7 * block, 8 * block));
    }

    @Test
    void readAndWriteAtThePositionTruncateGrowsWithZerosPreallocateKeepsData() throws IOException {
        Path file = dir.resolve("f");
        List<String> out = new ArrayList<>();
        try (WireIo pool = WireIo.create(2)) {
            WireTestHarness.run(s -> {
                WireFiles io = pool.files();
                s.spawn("files", () -> {
                    try (FileChannel ch = io.open(file, CREATE_NEW, READ, WRITE)) {
                        out.add("write " + io.write(ch, ByteBuffer.wrap("hello ".getBytes(StandardCharsets.US_ASCII))));
                        out.add("write " + io.write(ch, ByteBuffer.wrap("world".getBytes(StandardCharsets.US_ASCII))));
                        out.add("position " + ch.position());
                        ch.position(0);
                        ByteBuffer buf = ByteBuffer.allocate(64);
                        out.add("read " + io.read(ch, buf) + " " + new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII));
                        out.add("read at end " + io.read(ch, buf.clear()));
                        out.add("pread past end " + io.pread(ch, buf.clear(), 100));
                        io.truncate(ch, 20); // grows: the new bytes read as zeros
                        out.add("size " + io.size(ch));
                        buf.clear();
                        io.pread(ch, buf, 0);
                        out.add("tail zeros " + (buf.get(11) == 0 && buf.get(19) == 0) + ", head kept " + (buf.get(0) == 'h'));
                        io.truncate(ch, 5);
                        out.add("size " + io.size(ch));
                        io.preallocate(ch, 2, 8); // beyond the end: zeros; inside: untouched
                        out.add("size " + io.size(ch));
                        buf.clear();
                        io.pread(ch, buf, 0);
                        out.add(new String(buf.array(), 0, 5, StandardCharsets.US_ASCII) + " " + (buf.get(9) == 0));
                        io.preallocate(ch, 0, 3); // inside the file: nothing changes
                        out.add("size " + io.size(ch));
                        io.preallocate(ch, 200_000, 100_000); // past the end: the gap stays a hole
                        out.add("size " + io.size(ch));
                        BasicFileAttributes a = io.stat(file);
                        out.add("stat " + a.size() + " " + a.isRegularFile());
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                });
            });
        }
        assertEquals(List.of("write 6", "write 5", "position 11", "read 11 hello world", "read at end -1",
                "pread past end -1", "size 20", "tail zeros true, head kept true", "size 5", "size 10", "hello true",
                "size 10", "size 300000", "stat 300000 true"), out);
        assertEquals(300_000, Files.size(file));
    }

    @Test
    void listAndDelete() throws IOException {
        Files.writeString(dir.resolve("x"), "x");
        Files.writeString(dir.resolve("y"), "y");
        Files.createDirectory(dir.resolve("sub"));
        List<String> out = new ArrayList<>();
        try (WireIo pool = WireIo.create(2)) {
            WireTestHarness.run(s -> {
                WireFiles io = pool.files();
                s.spawn("dir", () -> {
                    try {
                        out.add(io.list(dir).stream().map(p -> p.getFileName().toString()).sorted().collect(Collectors.joining(",")));
                        io.delete(dir.resolve("x"));
                        io.delete(dir.resolve("sub"));
                        out.add(io.list(dir).stream().map(p -> p.getFileName().toString()).sorted().collect(Collectors.joining(",")));
                        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> io.delete(dir.resolve("x")));
                        out.add("missing " + e.getFile().endsWith("x"));
                        assertThrows(NoSuchFileException.class, () -> io.stat(dir.resolve("nope")));
                        assertThrows(NoSuchFileException.class, () -> io.open(dir.resolve("nope"), READ));
                        try (FileChannel y = io.open(dir.resolve("y"))) {
                            IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                                    () -> io.pread(y, ByteBuffer.allocate(1), -1));
                            out.add("negative " + e2.getMessage().contains("wire 'dir'"));
                        }
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                });
            });
        }
        assertEquals(List.of("sub,x,y", "y", "missing true", "negative true"), out);
    }

    /** A wire cancelled while its open runs: the channel opened too late is closed, not leaked. */
    @Test
    void cancelledOpenClosesTheLateChannel() throws Exception {
        Path file = dir.resolve("late");
        Files.writeString(file, "late");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<FileChannel> opened = new AtomicReference<>();
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        try (WireIo pool = WireIo.create(1)) {
            WireTestHarness.run(s -> {
                WireFiles io = pool.files();
                Wire opener = s.spawn("opener", () -> {
                    try {
                        pool.call(() -> {
                            started.countDown();
                            WireIoTest.await(release);
                            FileChannel ch = FileChannel.open(file, READ);
                            opened.set(ch);
                            return ch;
                        });
                    } catch (WireCancelledException e) {
                        out.add("cancelled");
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                });
                s.spawn("killer", () -> {
                    while (started.getCount() > 0) {
                        Wire.sleep(Duration.ofMillis(1));
                    }
                    opener.cancel();
                });
            });
            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((opened.get() == null || opened.get().isOpen()) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
        assertEquals(List.of("cancelled"), out);
        assertFalse(opened.get().isOpen(), "the late channel was left open");
    }

    @Test
    void resolveNamesThroughThePool() {
        List<String> out = new ArrayList<>();
        try (WireIo pool = WireIo.create(2)) {
            WireTestHarness.run(s -> {
                WireFiles io = pool.files();
                s.spawn("resolver", () -> {
                    try {
                        InetAddress[] local = pool.resolve("localhost");
                        out.add("localhost loopback " + (local.length > 0 && local[0].isLoopbackAddress()));
                        InetAddress[] numeric = pool.resolve("127.0.0.1");
                        out.add("numeric " + numeric.length + " " + numeric[0].getHostAddress());
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                });
            });
        }
        assertEquals(List.of("localhost loopback true", "numeric 1 127.0.0.1"), out);
    }

    @Test
    void negativePositionsSizesAndRangesAreRefusedBeforeAnyCall() throws IOException {
        Path file = dir.resolve("args");
        Files.writeString(file, "12345");
        List<String> out = new ArrayList<>();
        try (WireIo pool = WireIo.create(1)) {
            WireTestHarness.run(s -> s.spawn("checker", () -> {
                WireFiles io = pool.files();
                try (FileChannel ch = io.open(file, READ, WRITE)) {
                    out.add(assertThrows(IllegalArgumentException.class,
                            () -> io.pwrite(ch, ByteBuffer.wrap(new byte[1]), -1)).getMessage());
                    out.add(assertThrows(IllegalArgumentException.class, () -> io.truncate(ch, -1)).getMessage());
                    out.add(assertThrows(IllegalArgumentException.class, () -> io.preallocate(ch, -1, 1)).getMessage());
                    out.add(assertThrows(IllegalArgumentException.class, () -> io.preallocate(ch, 0, -1)).getMessage());
                    out.add(assertThrows(IllegalArgumentException.class, () -> io.preallocate(ch, Long.MAX_VALUE, 1)).getMessage());
                    io.preallocate(ch, 0, 0); // an empty range is fine and changes nothing
                    io.truncate(ch, 5); // the same size changes nothing
                    assertEquals(5, io.size(ch));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }));
        }
        assertEquals(List.of(
                "WireFiles.pwrite() got position -1 in wire 'checker': the position must be at least 0",
                "WireFiles.truncate() got size -1 in wire 'checker': the size must be at least 0",
                "WireFiles.preallocate() got offset -1 in wire 'checker': the offset must be at least 0",
                "WireFiles.preallocate() got length -1 in wire 'checker': the length must be at least 0",
                "WireFiles.preallocate(offset 9223372036854775807, length 1) in wire 'checker': the end overflows a long"), out);
        assertEquals("12345", Files.readString(file), "nothing was written");
    }
}
