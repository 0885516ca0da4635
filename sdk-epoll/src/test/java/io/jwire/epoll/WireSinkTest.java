package io.jwire.epoll;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** WireSink: bytes, numbers and UTF-8 collected in a buffer and sent when full or flushed. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WireSinkTest {

    /** Runs {@code writer} on one end of a loopback connection; returns every byte the other end received. */
    private static byte[] received(Wires.IoBodyOn writer) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        Wires.inWire(s -> {
            WireServerSocket listener = WireServerSocket.bind("127.0.0.1", 0);
            s.spawn("writer", Wires.io(() -> {
                try (listener; WireSocket c = listener.accept()) {
                    writer.run(c);
                }
            }));
            s.spawn("reader", Wires.io(() -> {
                try (WireSocket c = WireSocket.connect("127.0.0.1", listener.port())) {
                    byte[] b = new byte[4096];
                    for (int n; (n = c.read(b, 0, b.length)) >= 0; ) {
                        all.write(b, 0, n);
                    }
                }
            }));
        });
        return all.toByteArray();
    }

    @Test
    void writeUtf8EncodesAsTheJdkDoesAndAnUnpairedSurrogateAsQuestionMark() {
        StringBuilder text = new StringBuilder();
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            int cp = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x80);
                case 1 -> 0x80 + random.nextInt(0x800 - 0x80);
                case 2 -> 0xe000 + random.nextInt(0x1000);
                default -> 0x10000 + random.nextInt(0x10000);
            };
            text.appendCodePoint(cp);
        }
        String s = text.toString();
        byte[] got = received(c -> WireSink.of(c, 16).writeUtf8(s).writeUtf8("\uD800x\uDC00").flush());
        byte[] expected = (s + "?x?").getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(expected, got);
    }

    @Test
    void bytesStayBufferedUntilFullOrFlushedAndLargeWritesGoStraightOut() {
        byte[] large = new byte[100];
        new SplittableRandom(5).nextBytes(large);
        byte[] got = received(c -> {
            WireSink out = WireSink.of(c, 32);
            out.writeInt(1).writeLong(2).writeShort(3).writeByte(4);
            assertEquals(15, out.buffered());
            out.write(large);                      // larger than the buffer: flushes, then sends directly
            assertEquals(0, out.buffered());
            for (int i = 0; i < 40; i++) {
                out.writeByte(i);                  // fills the buffer: 32 go out, 8 stay
            }
            assertEquals(8, out.buffered());
            out.flush();
            assertEquals(0, out.buffered());
            out.writeUtf8("end");
            out.close();                           // flushes
            assertFalse(c.isOpen());
            out.close();                           // idempotent
        });
        java.nio.ByteBuffer expected = java.nio.ByteBuffer.allocate(15 + 100 + 40 + 3);
        expected.putInt(1).putLong(2).putShort((short) 3).put((byte) 4).put(large);
        for (int i = 0; i < 40; i++) {
            expected.put((byte) i);
        }
        expected.put("end".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(expected.array(), got);
    }

    @Test
    void aFailedFlushDropsTheBufferAndClosingStillClosesTheSocket() {
        received(c -> {
            WireSink out = WireSink.of(c);
            out.writeUtf8("lost");
            c.close();
            assertThrows(IOException.class, out::flush);
            assertEquals(0, out.buffered());
            out.writeByte(1);
            out.close();                           // the socket is already closed: nothing to flush
            assertFalse(c.isOpen());
            IllegalArgumentException small = assertThrows(IllegalArgumentException.class, () -> WireSink.of(c, 7));
            assertTrue(small.getMessage().contains("at least 8"), small.getMessage());
        });
    }
}
