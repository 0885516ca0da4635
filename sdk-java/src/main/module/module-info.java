/**
 * jwire's core: cooperative wires on one OS thread, their scheduler, waits, channels, locks,
 * semaphores, pools, timers, delegated blocking I/O and the poller SPI. JDK only.
 *
 * <p>The fast switch ({@code jdk.internal.vm.Continuation}) needs
 * {@code --add-exports java.base/jdk.internal.vm=io.jwire} on the module path
 * ({@code =ALL-UNNAMED} on the class path); without it jwire uses a portable virtual-thread switch.
 */
module io.jwire {
    requires java.management; // the stall detector names the owner of a monitor a stalled wire waits for
    exports io.jwire;
    exports io.jwire.sync;
    exports io.jwire.channels;
    exports io.jwire.io;
    exports io.jwire.spi;
    // Not API: only jwire's own modules reach the wait layer and the switch layer.
    exports io.jwire.internal to io.jwire.epoll, io.jwire.kotlin;

    uses io.jwire.spi.WirePollerProvider;
    provides io.jwire.spi.WirePollerProvider with io.jwire.internal.ParkingPoller.Provider;
}
