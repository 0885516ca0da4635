package io.jwire.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.WireScheduler;
import io.jwire.spi.WirePollerProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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
        List<String> logged = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger("io.jwire.epoll");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r.getLevel() + " " + r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
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
            logger.removeHandler(capture);
        }
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
