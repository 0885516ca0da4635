package io.jwire.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.WireScheduler;
import io.jwire.spi.WirePollerProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs in the sdk-java-on-epoll execution too: proves that suite really ran on the epoll poller. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EpollPollerSelectionTest {

    @Test
    void createPicksTheEpollPollerWithoutAnyCodeChange() {
        try (WireScheduler s = WireScheduler.create()) {
            assertInstanceOf(EpollPoller.class, s.poller());
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
