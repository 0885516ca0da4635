package io.jwire.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.WireScheduler;
import io.jwire.testing.ChildJvm;
import io.jwire.testing.ModulePaths;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sdk-epoll as module {@code io.jwire.epoll}: a program on the module path gets the epoll poller and echoes over a socket. */
class EpollModulePathTest {

    @Test
    void aProgramOnTheModulePathUsesTheEpollPollerAndSockets(@TempDir Path dir) throws Exception {
        String modulePath = String.join(File.pathSeparator,
                ModulePaths.of(WireScheduler.class, dir.resolve("jwire")).toString(),
                ModulePaths.of(EpollPoller.class, dir.resolve("epoll")).toString(),
                Path.of(com.sun.jna.Native.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("app"));
        Files.writeString(src.resolve("module-info.java"), "module app { requires io.jwire.epoll; }");
        Files.writeString(src.resolve("app/Main.java"), """
                package app;
                import io.jwire.WireScheduler;
                import io.jwire.epoll.WireServerSocket;
                import io.jwire.epoll.WireSocket;
                import java.nio.ByteBuffer;
                public class Main {
                    public static void main(String[] args) throws Exception {
                        try (WireScheduler s = WireScheduler.create()) {
                            System.out.println("poller " + s.pollerName());
                            s.spawn("main", () -> {
                                try (WireServerSocket server = WireServerSocket.bind("127.0.0.1", 0);
                                     WireSocket c = WireSocket.connect("127.0.0.1", server.port());
                                     WireSocket a = server.accept()) {
                                    c.writeAll(ByteBuffer.allocateDirect(5).put("hello".getBytes()).flip());
                                    ByteBuffer in = ByteBuffer.allocateDirect(5);
                                    a.readFully(in);
                                    System.out.println("echoed " + in.flip().remaining());
                                } catch (java.io.IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            });
                            s.run();
                        }
                    }
                }
                """);
        Path out = dir.resolve("app");
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--module-path", modulePath,
                "-d", out.toString(), src.resolve("module-info.java").toString(), src.resolve("app/Main.java").toString());
        assertEquals(0, rc, "the app module compiles against io.jwire.epoll");
        String printed = ChildJvm.run(List.of("--enable-native-access=com.sun.jna",
                "--module-path", modulePath + File.pathSeparator + out, "-m", "app/app.Main"));
        assertTrue(printed.contains("poller epoll"), printed);
        assertTrue(printed.contains("echoed 5"), printed);
    }
}
