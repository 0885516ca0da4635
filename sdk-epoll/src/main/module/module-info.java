/**
 * jwire on Linux epoll: the epoll poller (found by {@link io.jwire.WireScheduler#create()} through
 * {@link java.util.ServiceLoader}), fd waits, eventfd, timerfd and TCP sockets, over JNA.
 */
module io.jwire.epoll {
    requires transitive io.jwire;
    requires com.sun.jna;

    exports io.jwire.epoll;

    provides io.jwire.spi.WirePollerProvider with io.jwire.epoll.EpollPoller.Provider;
}
