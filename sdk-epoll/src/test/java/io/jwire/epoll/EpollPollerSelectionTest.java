package io.jwire.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.WireScheduler;
import io.jwire.spi.WirePollerProvider;
import io.jwire.testing.LogCapture;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs in the sdk-java-on-epoll execution too: proves that suite really ran on the epoll poller. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EpollPollerSelectionTest {

    @Test
    void createPicksTheEpollPollerWithoutAnyCodeChange() {
        try (WireScheduler s = WireScheduler.create()) {
            assertEquals("epoll", s.pollerName());
        }
    }

    @Test
    void providerIsRegisteredAsEpollAboveThePortablePoller() {
        WirePollerProvider epoll = ServiceLoader.load(WirePollerProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("epoll"))
                .findFirst().orElseThrow();
        assertTrue(epoll.isSupported());
        assertTrue(epoll.priority() > 0);
        assertInstanceOf(EpollPoller.Provider.class, epoll);
    }

    @Test
    void withoutJnaOnTheClassPathCreateFallsBackToThePortablePollerAndSaysWhy() throws Exception {
        // sdk-java and sdk-epoll, but no JNA: a class loader that sees only the two jwire modules
        URL[] jwireOnly = {
            WireScheduler.class.getProtectionDomain().getCodeSource().getLocation(),
            EpollPoller.class.getProtectionDomain().getCodeSource().getLocation(),
        };
        LogCapture log = LogCapture.matching("io.jwire.epoll", null, r -> true).start();
        try (URLClassLoader noJna = new URLClassLoader(jwireOnly, ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> noJna.loadClass("com.sun.jna.Platform"));
            Class<?> scheduler = noJna.loadClass(WireScheduler.class.getName());
            try (AutoCloseable s = (AutoCloseable) scheduler.getMethod("create").invoke(null)) {
                assertEquals("portable", scheduler.getMethod("pollerName").invoke(s));
            }
            try (AutoCloseable s = (AutoCloseable) scheduler.getMethod("create").invoke(null)) {
                assertEquals("portable", scheduler.getMethod("pollerName").invoke(s));
            }
        } finally {
            log.close();
        }
        List<String> logged = log.records().stream().map(r -> r.getLevel() + " " + r.getMessage()).toList();
        assertEquals(1, logged.size(), "logged once, not per scheduler: " + logged);
        assertTrue(logged.get(0).startsWith("WARNING "), logged.get(0));
        assertTrue(logged.get(0).contains("com/sun/jna"), logged.get(0));
        assertTrue(logged.get(0).contains("net.java.dev.jna:jna"), logged.get(0));
    }

    @Test
    void epollEventLayoutMatchesTheArchitecture() {
        String arch = System.getProperty("os.arch");
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            assertEquals(12, Native.EPOLL_EVENT_SIZE);
            assertEquals(4, Native.EPOLL_DATA_OFFSET);
        } else if (arch.equals("aarch64")) {
            assertEquals(16, Native.EPOLL_EVENT_SIZE);
            assertEquals(8, Native.EPOLL_DATA_OFFSET);
        }
    }
}
