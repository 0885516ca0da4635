package io.jwire.epoll;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.NotInWireException;
import io.jwire.Wire;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.EOFException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Heap buffers, arrays and the InputStream/OutputStream views of a WireSocket, over loopback. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WireSocketStreamsTest {

    /** A connected pair: the server side runs {@code server}, the client side {@code client}. */
    private static void pair(Wires.IoBodyOn server, Wires.IoBodyOn client) {
        Wires.inWire(s -> {
            WireServerSocket listener = WireServerSocket.bind("127.0.0.1", 0);
            s.spawn("server", Wires.io(() -> {
                try (listener; WireSocket c = listener.accept()) {
                    server.run(c);
                }
            }));
            s.spawn("client", Wires.io(() -> {
                try (WireSocket c = WireSocket.connect("127.0.0.1", listener.port())) {
                    client.run(c);
                }
            }));
        });
    }

    @Test
    void heapBuffersAndArraysAreCopiedThroughTheSocketsOwnBuffer() {
        int big = 3 * WireSocket.COPY_BUFFER_SIZE + 17;
        byte[] payload = new byte[big];
        new SplittableRandom(1).nextBytes(payload);
        List<String> log = new ArrayList<>();
        pair(server -> {
            ByteBuffer in = ByteBuffer.allocate(32);
            in.position(3).limit(8);                 // reads land between position and limit
            server.readFully(in);
            assertEquals(8, in.position());
            log.add("heap buffer got " + new String(in.array(), 3, 5, StandardCharsets.UTF_8));
            byte[] arr = new byte[10];
            server.readFully(arr, 2, 5);
            log.add("array got " + new String(arr, 2, 5, StandardCharsets.UTF_8));
            byte[] all = new byte[big];
            server.readFully(all, 0, big);
            assertArrayEquals(payload, all);
            ByteBuffer out = ByteBuffer.wrap("xxpongxx".getBytes(StandardCharsets.UTF_8)).position(2).limit(6);
            server.writeAll(out.asReadOnlyBuffer());   // a read-only heap buffer can be written
            server.writeAll("!".getBytes(StandardCharsets.UTF_8), 0, 1);
        }, client -> {
            client.writeAll(ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)));
            client.writeAll("..world..".getBytes(StandardCharsets.UTF_8), 2, 5);
            ByteBuffer heap = ByteBuffer.wrap(payload);
            int first = client.write(heap);
            assertTrue(first > 0 && first <= WireSocket.COPY_BUFFER_SIZE, "one call moves at most the copy buffer: " + first);
            assertEquals(first, heap.position());
            client.writeAll(heap);
            byte[] reply = new byte[5];
            client.readFully(reply, 0, 5);
            log.add("reply " + new String(reply, StandardCharsets.UTF_8));
            assertEquals(-1, client.read(new byte[4], 0, 4));
            assertEquals(0, client.read(new byte[4], 0, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> client.read(new byte[4], 3, 2));
            EOFException eof = assertThrows(EOFException.class, () -> client.readFully(new byte[4], 0, 4));
            assertTrue(eof.getMessage().contains("after 0 of 4 bytes"), eof.getMessage());
        });
        assertEquals(List.of("heap buffer got hello", "array got world", "reply pong!"), log);
    }

    @Test
    void aBufferedReaderOverTheInputStreamReadsAHundredThousandLinesExactly() {
        int lines = 100_000;
        int[] read = {0};
        pair(server -> {
            try (Writer w = new BufferedWriter(new OutputStreamWriter(server.outputStream(), StandardCharsets.UTF_8))) {
                for (int i = 0; i < lines; i++) {
                    w.write("line " + i + " \u00fcber \u2603\n");
                }
            }
        }, client -> {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.inputStream(), StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; read[0]++) {
                assertEquals("line " + read[0] + " \u00fcber \u2603", line);
            }
        });
        assertEquals(lines, read[0]);
    }

    @Test
    void sixtyFourMebibytesThroughTheStreamViewsKeepTheirChecksum() {
        long total = 64L << 20;
        long[] sent = {0};
        long[] received = {0};
        long[] crcs = new long[2];
        pair(server -> {
            CRC32 crc = new CRC32();
            SplittableRandom random = new SplittableRandom(42);
            byte[] chunk = new byte[1 << 16];
            try (OutputStream out = new BufferedOutputStream(server.outputStream(), 1 << 14)) {
                while (sent[0] < total) {
                    int n = (int) Math.min(total - sent[0], 1 + random.nextInt(chunk.length));
                    random.nextBytes(chunk);
                    if (n == 1) {
                        out.write(chunk[0]);            // single bytes too
                    } else {
                        out.write(chunk, 0, n);
                    }
                    crc.update(chunk, 0, n);
                    sent[0] += n;
                }
            }
            crcs[0] = crc.getValue();
        }, client -> {
            CRC32 crc = new CRC32();
            SplittableRandom random = new SplittableRandom(7);
            byte[] buf = new byte[1 << 16];
            InputStream in = client.inputStream();
            for (;;) {
                if (random.nextInt(1000) == 0) {        // now and then a single-byte read
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    crc.update(b);
                    received[0]++;
                    continue;
                }
                int n = in.read(buf, 0, 1 + random.nextInt(buf.length));
                if (n < 0) {
                    break;
                }
                crc.update(buf, 0, n);
                received[0] += n;
            }
            crcs[1] = crc.getValue();
        });
        assertEquals(total, sent[0]);
        assertEquals(total, received[0]);
        assertEquals(crcs[0], crcs[1], "CRC32 of what was sent and what arrived");
    }

    @Test
    void aStreamReadSuspendsTheWireSoOthersRunMeanwhile() {
        List<String> log = new ArrayList<>();
        Wires.inWire(s -> {
            WireServerSocket listener = WireServerSocket.bind("127.0.0.1", 0);
            s.spawn("server", Wires.io(() -> {
                try (listener; WireSocket c = listener.accept()) {
                    log.add("reading");
                    int b = c.inputStream().read();
                    log.add("read " + (char) b);
                }
            }));
            s.spawn("client", Wires.io(() -> {
                try (WireSocket c = WireSocket.connect("127.0.0.1", listener.port())) {
                    for (int i = 0; i < 3; i++) {
                        Wire.yieldNow();
                        log.add("tick " + i);
                    }
                    c.outputStream().write('x');
                    c.outputStream().flush();
                    assertSame(c.outputStream(), c.outputStream());
                    assertSame(c.inputStream(), c.inputStream());
                }
            }));
        });
        assertEquals(List.of("reading", "tick 0", "tick 1", "tick 2", "read x"), log);
    }

    @Test
    void closingAStreamClosesTheSocketAndWaitingOutsideAWireIsMisuse() {
        pair(server -> {
            InputStream in = server.inputStream();
            assertEquals(0, in.skip(0));
            assertEquals(2, in.skip(2));
            assertEquals('c', in.read());
            in.close();
            assertFalse(server.isOpen());
            assertThrows(ClosedChannelException.class, in::read);
            assertThrows(ClosedChannelException.class, () -> server.outputStream().write(1));
        }, client -> {
            Throwable[] outside = new Throwable[1];
            Wire.current().scheduler().execute(() -> {    // a scheduler task is not a wire: it cannot wait
                try {
                    client.inputStream().read();
                } catch (Throwable t) {
                    outside[0] = t;
                }
            });
            Wire.yieldNow();
            assertTrue(outside[0] instanceof NotInWireException, String.valueOf(outside[0]));
            client.outputStream().write("abc".getBytes(StandardCharsets.UTF_8));
            assertEquals(-1, client.inputStream().read());
        });
    }
}
