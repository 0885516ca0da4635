package io.jwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.internal.ParkingPoller;
import io.jwire.spi.WirePoller;
import io.jwire.spi.WirePollerProvider;
import io.jwire.testing.LogCapture;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How a scheduler picks its poller among the providers found: by priority, by name, past broken ones. */
class ChoosePollerTest {
    @RegisterExtension
    final LogCapture log = LogCapture.warnings("poller");
    private final List<String> warnings = log.messages();

    private static class Fake implements WirePollerProvider {
        private final String name;
        private final int priority;
        private final boolean supported;

        Fake(String name, int priority, boolean supported) {
            this.name = name;
            this.priority = priority;
            this.supported = supported;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public boolean isSupported() {
            return supported;
        }

        @Override
        public WirePoller open() {
            throw new UnsupportedOperationException("not opened by these tests");
        }
    }

    /** The providers in order; a supplier may throw, as a broken service entry does. */
    @SafeVarargs
    private static Iterator<WirePollerProvider> providers(Supplier<WirePollerProvider>... entries) {
        Iterator<Supplier<WirePollerProvider>> it = List.of(entries).iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public WirePollerProvider next() {
                return it.next().get();
            }
        };
    }

    private static Supplier<WirePollerProvider> p(String name, int priority, boolean supported) {
        Fake f = new Fake(name, priority, supported);
        return () -> f;
    }

    @Test
    void theSupportedProviderOfHighestPriorityWinsTheFirstOfEqualOnes() {
        Fake low = new Fake("low", 1, true);
        Fake three = new Fake("three", 3, true);
        Fake alsoThree = new Fake("also-three", 3, true);
        WirePollerProvider chosen = WireScheduler.choosePoller("", providers(() -> low, p("unsupported", 9, false), () -> three,
                () -> alsoThree));
        assertSame(three, chosen);
        assertSame(low, WireScheduler.choosePoller("", providers(p("unsupported", 9, false), () -> low)));
    }

    @Test
    void withoutASupportedProviderThePortablePollerIsUsed() {
        assertEquals(ParkingPoller.Provider.class, WireScheduler.choosePoller("", providers()).getClass());
        assertEquals("portable", WireScheduler.choosePoller("", providers(p("epoll", 10, false))).name());
    }

    @Test
    void aForcedNameWinsOverPriorityAndMustBeSupportedAndKnown() {
        Fake low = new Fake("low", 1, true);
        assertSame(low, WireScheduler.choosePoller("low", providers(p("high", 10, true), () -> low, p("other", 5, true))));
        UnsupportedOperationException u = assertThrows(UnsupportedOperationException.class,
                () -> WireScheduler.choosePoller("epoll", providers(p("low", 1, true), p("epoll", 10, false))));
        assertEquals("-Djwire.poller=epoll is not supported on this platform", u.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
                () -> WireScheduler.choosePoller("kqueue", providers(p("low", 1, true), p("epoll", 10, false))));
        assertEquals("-Djwire.poller=kqueue names no poller; found [low, epoll]", a.getMessage());
    }

    @Test
    void aProviderThatFailsToLoadIsSkippedWithAWarning() {
        Fake low = new Fake("low", 1, true);
        WirePollerProvider chosen = WireScheduler.choosePoller("", providers(() -> {
            throw new ServiceConfigurationError("io.jwire.spi.WirePollerProvider: Provider x.Broken could not be instantiated");
        }, () -> low, () -> new Fake("epoll", 20, true) {
            @Override
            public boolean isSupported() {
                throw new NoClassDefFoundError("com/sun/jna/Native"); // sdk-epoll without JNA
            }
        }));
        assertSame(low, chosen, "the broken providers are skipped");
        assertEquals(List.of("a jwire poller could not be loaded and is skipped: java.util.ServiceConfigurationError: "
                        + "io.jwire.spi.WirePollerProvider: Provider x.Broken could not be instantiated",
                "a jwire poller could not be loaded and is skipped: java.lang.NoClassDefFoundError: com/sun/jna/Native"
                        + " (jwire-sdk-epoll needs net.java.dev.jna:jna on the class path)"), warnings);
    }
}
