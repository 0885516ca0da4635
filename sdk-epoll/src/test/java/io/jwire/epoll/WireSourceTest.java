package io.jwire.epoll;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.Wire;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** WireSource: lines, strings, numbers and bytes read from a buffer refilled from a socket. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WireSourceTest {

    /** Runs {@code writer} on one end of a loopback connection and {@code reader} on the other. */
    private static void pair(Wires.IoBodyOn writer, Wires.IoBodyOn reader) {
        Wires.inWire(s -> {
            WireServerSocket listener = WireServerSocket.bind("127.0.0.1", 0);
            s.spawn("writer", Wires.io(() -> {
                try (listener; WireSocket c = listener.accept()) {
                    c.setNoDelay(true);
                    writer.run(c);
                }
            }));
            s.spawn("reader", Wires.io(() -> {
                try (WireSocket c = WireSocket.connect("127.0.0.1", listener.port())) {
                    reader.run(c);
                }
            }));
        });
    }

    /** Writes {@code text} in pieces of {@code piece} bytes, yielding between them, so reads see it split anywhere. */
    private static void dribble(WireSocket c, byte[] text, int piece) throws java.io.IOException {
        for (int off = 0; off < text.length; off += piece) {
            c.writeAll(text, off, Math.min(piece, text.length - off));
            Wire.yieldNow();
        }
    }

    @Test
    void linesEndAtLfOrCrLfAndTheLastMayHaveNoTerminator() {
        List<String> lines = new ArrayList<>();
        String longLine = "x".repeat(100);
        pair(w -> dribble(w, ("one\ntwo\r\n\r\n\n" + longLine + "\r\nsnow \u2603 \uD83D\uDE00\nlast\r").getBytes(StandardCharsets.UTF_8), 3),
                r -> {
                    WireSource in = WireSource.of(r, 16); // smaller than a line: the buffer grows
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                    assertNull(in.readLine());
                    assertTrue(in.exhausted());
                });
        assertEquals(List.of("one", "two", "", "", longLine, "snow \u2603 \uD83D\uDE00", "last\r"), lines);
    }

    @Test
    void numbersStringsAndBytesRoundTripThroughASink() {
        List<Object> got = new ArrayList<>();
        byte[] blob = new byte[20_000];
        for (int i = 0; i < blob.length; i++) {
            blob[i] = (byte) (i * 31);
        }
        String text = "h\u00e9llo \u2603 \uD83D\uDE00 " + "y".repeat(30_000);
        int textBytes = text.getBytes(StandardCharsets.UTF_8).length;
        pair(w -> {
            WireSink out = WireSink.of(w, 64);
            out.writeByte(0xfe).writeShort(0xbeef).writeInt(-2).writeLong(0x0102030405060708L)
                    .writeInt(textBytes).writeUtf8(text)
                    .write(blob)
                    .writeUtf8("tail");
            out.close();
        }, r -> {
            WireSource in = WireSource.of(r, 64);
            got.add(in.readByte());
            got.add(in.readShort());
            got.add(in.readInt());
            got.add(in.readLong());
            got.add(in.readUtf8(in.readInt()).equals(text));   // longer than the buffer
            byte[] b = new byte[blob.length];
            in.readFully(b);
            assertArrayEquals(blob, b);
            assertTrue(in.request(4));
            assertFalse(in.request(5), "only 4 bytes are left");
            assertEquals(4, in.buffered());
            EOFException eof = assertThrows(EOFException.class, () -> in.require(5));
            assertTrue(eof.getMessage().contains("4 of the 5 bytes required"), eof.getMessage());
            got.add(in.readUtf8(4));
            assertTrue(in.exhausted());
            assertEquals(-1, in.read(new byte[8], 0, 8));
            assertThrows(EOFException.class, in::readByte);
        });
        assertEquals(List.of((byte) 0xfe, (short) 0xbeef, -2, 0x0102030405060708L, true, "tail"), got);
    }

    @Test
    void skipAndPartialReads() {
        pair(w -> dribble(w, "0123456789abcdefghij".getBytes(StandardCharsets.UTF_8), 4), r -> {
            WireSource in = WireSource.of(r, 8);
            in.skip(3);
            byte[] b = new byte[4];
            int n = in.read(b, 0, 4);
            assertTrue(n >= 1 && n <= 4, "a read returns what one refill brings: " + n);
            assertEquals("3456".substring(0, n), new String(b, 0, n, StandardCharsets.UTF_8));
            in.skip(7 - n);
            assertEquals("abc", in.readUtf8(3));
            byte[] big = new byte[64];                 // larger than the buffer: straight from the socket
            int m = 0;
            for (int k; (k = in.read(big, m, big.length - m)) > 0; ) {
                m += k;
            }
            assertEquals("defghij", new String(big, 0, m, StandardCharsets.UTF_8));
            assertThrows(EOFException.class, () -> in.skip(1));
        });
    }

    @Test
    void misuse() {
        pair(w -> { }, r -> {
            IllegalArgumentException small = assertThrows(IllegalArgumentException.class, () -> WireSource.of(r, 4));
            assertTrue(small.getMessage().contains("at least 8"), small.getMessage());
            WireSource in = WireSource.of(r);
            assertThrows(IllegalArgumentException.class, () -> in.require(-1));
            assertThrows(IllegalArgumentException.class, () -> in.skip(-1));
            assertThrows(IndexOutOfBoundsException.class, () -> in.read(new byte[2], 1, 2));
            assertTrue(in.exhausted());
            in.close();
            assertFalse(r.isOpen());
        });
    }
}
