package io.jwire.docs.samples;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.jwire.WireScheduler;
import io.jwire.epoll.EventFd;
import io.jwire.epoll.WireServerSocket;
import io.jwire.epoll.WireSink;
import io.jwire.epoll.WireSocket;
import io.jwire.epoll.WireSource;
import io.jwire.io.WireFiles;
import io.jwire.io.WireIo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** The guide's "I/O" page. */
public final class IoSamples {
    private IoSamples() {
    }

    public static void delegate(Path config, List<String> log) {
        // region wireio-call
        try (WireScheduler scheduler = WireScheduler.create()) {
            scheduler.spawn("reader", () -> {
                try {
                    // Files.readString blocks: it runs on a WireIo thread while this wire waits
                    String text = WireIo.shared().call(() -> Files.readString(config));
                    log.add("read " + text.length() + " chars");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            scheduler.spawn("ticker", () -> log.add("ticker runs meanwhile"));
            scheduler.run();
        }
        // endregion
    }

    public static void files(Path file, List<String> log) {
        // region files
        try (WireScheduler scheduler = WireScheduler.create()) {
            scheduler.spawn("db", () -> {
                WireFiles files = WireIo.shared().files();
                try {
                    FileChannel ch = files.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                            StandardOpenOption.WRITE);
                    try {
                        files.pwrite(ch, ByteBuffer.wrap("hello wires".getBytes(UTF_8)), 0);
                        ByteBuffer page = ByteBuffer.allocate(5);
                        files.pread(ch, page, 6);          // reads "wires" at offset 6
                        log.add(new String(page.array(), UTF_8));
                        files.force(ch, false);           // fdatasync
                    } finally {
                        files.close(ch);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            scheduler.run();
        }
        // endregion
    }

    public static void echo(List<String> log) {
        // region echo
        try (WireScheduler scheduler = WireScheduler.create()) {   // the epoll poller, from jwire-sdk-epoll
            scheduler.spawn("main", () -> {
                try (WireServerSocket server = WireServerSocket.bind("127.0.0.1", 0)) {
                    scheduler.spawn("echo", () -> {
                        try (WireSocket conn = server.accept()) {
                            ByteBuffer buf = ByteBuffer.allocateDirect(4096);
                            while (conn.read(buf) > 0) {            // suspends this wire, not the thread
                                buf.flip();
                                conn.writeAll(buf);
                                buf.clear();
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                    try (WireSocket client = WireSocket.connect("127.0.0.1", server.port())) {
                        ByteBuffer out = ByteBuffer.allocateDirect(64).put("ping".getBytes(UTF_8)).flip();
                        client.writeAll(out);
                        ByteBuffer in = ByteBuffer.allocateDirect(4);
                        client.readFully(in);
                        byte[] reply = new byte[4];
                        in.flip().get(reply);
                        log.add("echoed " + new String(reply, UTF_8));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            scheduler.run();
        }
        // endregion
    }

    public static void streams(List<String> log) {
        // region streams
        try (WireScheduler scheduler = WireScheduler.create()) {
            scheduler.spawn("main", () -> {
                try (WireServerSocket server = WireServerSocket.bind("127.0.0.1", 0)) {
                    scheduler.spawn("shouter", () -> {
                        try (WireSocket conn = server.accept()) {
                            WireSource in = WireSource.of(conn);   // buffered, Okio-style
                            WireSink out = WireSink.of(conn);
                            for (String line; (line = in.readLine()) != null; ) {
                                out.writeUtf8(line.toUpperCase()).writeUtf8("\n").flush();
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                    try (WireSocket client = WireSocket.connect("127.0.0.1", server.port())) {
                        // plain java.io over the socket: reads and writes suspend this wire only
                        BufferedReader in = new BufferedReader(new InputStreamReader(client.inputStream(), UTF_8));
                        Writer out = new OutputStreamWriter(client.outputStream(), UTF_8);
                        out.write("hello\n");
                        out.flush();
                        log.add(in.readLine());                    // HELLO
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            scheduler.run();
        }
        // endregion
    }

    public static void eventFd(List<String> log) {
        // region eventfd
        try (WireScheduler scheduler = WireScheduler.create()) {
            scheduler.spawn("consumer", () -> {
                try (EventFd wakeups = EventFd.open()) {
                    Thread.ofPlatform().start(() -> {
                        try {
                            wakeups.signal(3);            // from a plain thread: safe
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                    log.add("counter " + wakeups.await()); // suspends until the counter is above 0
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            scheduler.run();
        }
        // endregion
    }
}
