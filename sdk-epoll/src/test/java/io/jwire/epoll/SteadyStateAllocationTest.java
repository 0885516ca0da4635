package io.jwire.epoll;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Socket reads and writes, fd waits and epoll dispatch allocate nothing per message once warm. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SteadyStateAllocationTest {

    @Test
    void pingPongOverLoopbackAllocatesNothingPerMessage() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<Long> perMessage = new ArrayList<>();
        Wires.inWire(s -> {
            WireServerSocket server = WireServerSocket.bind("127.0.0.1", 0);
            s.spawn("echo", Wires.io(() -> {
                try (server; WireSocket c = server.accept()) {
                    ByteBuffer buf = ByteBuffer.allocateDirect(64);
                    while (c.read(buf.clear()) >= 0) {
                        c.writeAll(buf.flip());
                    }
                }
            }));
            s.spawn("client", Wires.io(() -> {
                try (WireSocket c = WireSocket.connect("127.0.0.1", server.port())) {
                    c.setNoDelay(true);
                    ByteBuffer out = ByteBuffer.allocateDirect(32);
                    ByteBuffer in = ByteBuffer.allocateDirect(32);
                    for (int round = 0; round < 3; round++) { // the first rounds warm up (JIT, lazy init)
                        int messages = 20_000;
                        long before = threads.getCurrentThreadAllocatedBytes();
                        for (int i = 0; i < messages; i++) {
                            c.writeAll(out.clear());
                            c.readFully(in.clear());
                        }
                        perMessage.add((threads.getCurrentThreadAllocatedBytes() - before) / messages);
                    }
                }
            }));
        });
        assertTrue(perMessage.get(2) < 8, "bytes allocated per echoed message, by round: " + perMessage);
    }

    /** A timed fd wait (the one park mechanism, the wire's own timer) allocates nothing per wait. */
    @Test
    void timedFdWaitAllocatesNothingPerWait() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<Long> perWait = new ArrayList<>();
        java.time.Duration timeout = java.time.Duration.ofSeconds(10);
        Wires.inWire(s -> {
            if (!"continuation".equals(s.switchImplementation())) {
                return; // on the fallback each wire allocates on its own virtual thread, not measured here
            }
            EventFd ev;
            try {
                ev = EventFd.open();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            int waits = 20_000;
            int[] consumed = new int[1];
            s.spawn("signaller", Wires.io(() -> {
                for (int i = 0; i < 3 * waits; i++) {
                    ev.signal(1);
                    while (consumed[0] <= i) { // strict ping-pong: one signal per wait
                        io.jwire.Wire.yieldNow();
                    }
                }
            }));
            s.spawn("waiter", Wires.io(() -> {
                for (int round = 0; round < 3; round++) {
                    long before = threads.getCurrentThreadAllocatedBytes();
                    for (int i = 0; i < waits; i++) {
                        assertTrue(ev.fd().awaitReadable(timeout));
                        ev.await();
                        consumed[0]++;
                    }
                    perWait.add((threads.getCurrentThreadAllocatedBytes() - before) / waits);
                }
                ev.close();
            }));
        });
        if (!perWait.isEmpty()) {
            assertTrue(perWait.get(2) < 8, "bytes allocated per timed fd wait, by round: " + perWait);
        }
    }

    /**
     * A WireSource reading numbers and bytes, fed by a WireSink, allocates nothing per message once
     * warm; readLine allocates only the String it returns. Heap arrays go through the socket's one
     * reused copy buffer.
     */
    @Test
    void bufferedSourceAndSinkAllocateNothingButTheLinesTheyReturn() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<Long> perMessage = new ArrayList<>();
        List<Long> perLine = new ArrayList<>();
        long[] lineCost = new long[1];
        int messages = 50_000;
        String line = "GET /index.html";  // 15 ASCII chars
        Wires.inWire(s -> {
            if (!"continuation".equals(s.switchImplementation())) {
                return; // on the fallback each wire allocates on its own virtual thread, not measured here
            }
            WireServerSocket server = WireServerSocket.bind("127.0.0.1", 0);
            s.spawn("writer", Wires.io(() -> {
                try (server; WireSocket c = server.accept()) {
                    WireSink out = WireSink.of(c);
                    for (int round = 0; round < 3; round++) {
                        for (int i = 0; i < messages; i++) {
                            out.writeInt(i).writeByte(7).writeLong(i).write(BYTES, 0, BYTES.length);
                        }
                        for (int i = 0; i < messages; i++) {
                            out.writeUtf8(line).writeByte('\n');
                        }
                    }
                    out.flush();
                }
            }));
            s.spawn("reader", Wires.io(() -> {
                try (WireSocket c = WireSocket.connect("127.0.0.1", server.port())) {
                    WireSource in = WireSource.of(c);
                    byte[] b = new byte[BYTES.length];
                    for (int round = 0; round < 3; round++) { // the first rounds warm up (JIT, lazy init)
                        long before = threads.getCurrentThreadAllocatedBytes();
                        for (int i = 0; i < messages; i++) {
                            assertTrue(in.readInt() == i & in.readByte() == 7 & in.readLong() == i);
                            in.readFully(b);
                        }
                        perMessage.add((threads.getCurrentThreadAllocatedBytes() - before) / messages);
                        before = threads.getCurrentThreadAllocatedBytes();
                        for (int i = 0; i < messages; i++) {
                            if (in.readLine().length() != line.length()) {
                                throw new AssertionError("line " + i);
                            }
                        }
                        perLine.add((threads.getCurrentThreadAllocatedBytes() - before) / messages);
                    }
                    long before = threads.getCurrentThreadAllocatedBytes();
                    for (int i = 0; i < messages; i++) {
                        KEEP[i & 1] = new String(LINE_BYTES, 0, LINE_BYTES.length, java.nio.charset.StandardCharsets.UTF_8);
                    }
                    lineCost[0] = (threads.getCurrentThreadAllocatedBytes() - before) / messages;
                    assertTrue(in.exhausted());
                }
            }));
        });
        if (!perMessage.isEmpty()) {
            assertTrue(perMessage.get(2) < 1, "bytes allocated per message (int, byte, long, 64 bytes), by round: " + perMessage);
            assertTrue(perLine.get(2) <= lineCost[0], "bytes allocated per readLine, by round: " + perLine
                    + "; a String of the line costs " + lineCost[0]);
        }
    }

    private static final byte[] BYTES = new byte[64];
    private static final byte[] LINE_BYTES = "GET /index.html".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final String[] KEEP = new String[2];
}
