package io.jwire.benchmarks;

import io.jwire.WireScheduler;
import io.jwire.benchmarks.nativecalls.JnaAddressCalls;
import io.jwire.benchmarks.nativecalls.JnaBufferCalls;
import io.jwire.epoll.EpollPoller;
import io.jwire.epoll.WireServerSocket;
import io.jwire.epoll.WireSocket;
import io.jwire.spi.WirePoller;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventArray;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The native boundary (issue 16): what one system call costs through jwire's JNA boundary, through
 * the cheapest JNA forms, and through Netty's JNI, on the same fds. One operation is one
 * {@code call} (average time; {@value #OPS} operations per invocation):
 *
 * <ul>
 *   <li>{@code epollWait}: {@code epoll_wait(timeout 0)} on an epoll set holding one idle eventfd
 *       (level-triggered {@code EPOLLIN}, the shape of jwire's wake-up fd): returns 0 events.
 *       One system call.</li>
 *   <li>{@code wakeup}: a wake-up round: add 1 to that eventfd, {@code epoll_wait(0)} (1 event),
 *       read the counter back to 0. Three system calls.</li>
 *   <li>{@code tcpWriteRead}: 64 bytes sent on one end of a loopback TCP connection
 *       ({@code TCP_NODELAY}) and read at the other. Two system calls; the kernel's TCP path
 *       dominates.</li>
 * </ul>
 *
 * Forms (methods):
 * <ul>
 *   <li>{@code jwire}: sdk-epoll itself through its public API: {@link EpollPoller#poll(long)} and
 *       {@link EpollPoller#wakeup()} on a poller of its own (the JMH thread plays the scheduler), and
 *       {@link WireSocket#writeAll(ByteBuffer)} / {@link WireSocket#readFully(ByteBuffer)} in a
 *       wire that never has to wait (the kernel has the bytes before the read), so the figure is
 *       the boundary plus jwire's bookkeeping around it, not a switch.</li>
 *   <li>{@code jnaBuffer}: JNA direct mapping with {@code ByteBuffer} parameters
 *       ({@link JnaBufferCalls}, the shape of sdk-epoll's boundary before issue 16).</li>
 *   <li>{@code jnaAddress}: JNA direct mapping with primitive {@code long} addresses resolved once
 *       ({@link JnaAddressCalls}): the cheapest form JNA has.</li>
 *   <li>{@code jnaAddressPerCall}: the same, with the address looked up on every call through
 *       {@code Native.getDirectBufferPointer} (shows whether an address cache is worth it).</li>
 *   <li>{@code netty}: Netty's JNI ({@code io.netty.channel.unix.Socket#sendAddress},
 *       {@code FileDescriptor#readAddress}, {@code io.netty.channel.epoll.Native}'s eventfd calls
 *       and its {@code epollWait(fd, events, timeout)}, which its event loop uses; reached through
 *       a method handle because it is package-private).</li>
 * </ul>
 *
 * Every form reads errno only when a call fails. The peers share one epoll fd, eventfd and TCP
 * connection per fork; the jwire row uses its own poller (same shape) and the same connection.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED"})
@OperationsPerInvocation(NativeBoundaryBench.OPS)
public class NativeBoundaryBench {
    /** Operations per invocation. */
    public static final int OPS = 10_000;
    private static final int MESSAGE = 64;
    private static final int MAX_EVENTS = 512;
    private static final int EPOLL_EVENT_SIZE = 16; // room for either layout (12 packed on x86, 16 elsewhere)

    /** The fds and buffers of a fork: a loopback TCP connection made by jwire, an epoll set with an eventfd. */
    @State(Scope.Thread)
    public abstract static class Fds {
        /** Which call one operation makes; see the class comment. */
        @Param({"epollWait", "wakeup", "tcpWriteRead"})
        public String call;

        WireScheduler scheduler;
        WireSocket sender;
        WireSocket receiver;
        int senderFd;
        int receiverFd;
        int epfd = -1;
        int eventFd = -1;
        final ByteBuffer events = ByteBuffer.allocateDirect(MAX_EVENTS * EPOLL_EVENT_SIZE).order(ByteOrder.nativeOrder());
        final ByteBuffer out = ByteBuffer.allocateDirect(MESSAGE);
        final ByteBuffer in = ByteBuffer.allocateDirect(MESSAGE);
        final ByteBuffer one = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder()).putLong(0, 1);
        final ByteBuffer counter = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
        long eventsAddress;
        long outAddress;
        long inAddress;
        long oneAddress;
        long counterAddress;

        void open() throws IOException {
            scheduler = WireScheduler.create(new EpollPoller.Provider());
            WireServerSocket[] server = new WireServerSocket[1];
            scheduler.spawn("bind", () -> {
                try {
                    server[0] = WireServerSocket.bind("127.0.0.1", 0);
                    scheduler.spawn("accept", () -> {
                        try (WireServerSocket s = server[0]) {
                            receiver = s.accept();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                    sender = WireSocket.connect("127.0.0.1", server[0].port());
                    sender.setNoDelay(true);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            scheduler.run();
            senderFd = sender.fd().fd();
            receiverFd = receiver.fd().fd();
            epfd = JnaAddressCalls.epoll_create1(0);
            eventFd = JnaAddressCalls.eventfd(0, JnaAddressCalls.EFD_FLAGS);
            ByteBuffer ev = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
            ev.putInt(0, JnaAddressCalls.EPOLLIN).putInt(4, eventFd).putInt(8, eventFd); // data at 4 (x86) or 8
            if (epfd < 0 || eventFd < 0
                    || JnaAddressCalls.epoll_ctl(epfd, JnaAddressCalls.EPOLL_CTL_ADD, eventFd, JnaAddressCalls.address(ev)) < 0) {
                throw new IOException("epoll/eventfd setup failed: errno " + com.sun.jna.Native.getLastError());
            }
            eventsAddress = JnaAddressCalls.address(events);
            outAddress = JnaAddressCalls.address(out);
            inAddress = JnaAddressCalls.address(in);
            oneAddress = JnaAddressCalls.address(one);
            counterAddress = JnaAddressCalls.address(counter);
        }

        /** Closes everything this fork opened. */
        @TearDown(Level.Trial)
        public void close() {
            closeMore();
            scheduler.close(); // closes the connection's fds with its poller
            JnaAddressCalls.close(eventFd);
            JnaAddressCalls.close(epfd);
        }

        /** What a subclass opened besides; nothing here. */
        void closeMore() {
        }
    }

    /** The peers' fds: {@link Fds} and Netty's views of them. */
    public static class PeerFds extends Fds {
        FileDescriptor nettyEpfd;
        Socket nettySender;
        Socket nettyReceiver;
        EpollEventArray nettyEvents;

        /**
         * Opens the fds and Netty's views of them.
         *
         * @throws Exception when a setup call fails
         */
        @Setup(Level.Trial)
        public void setUp() throws Exception {
            open();
            Epoll.ensureAvailability();
            nettyEpfd = new FileDescriptor(epfd);
            nettySender = new Socket(senderFd);
            nettyReceiver = new Socket(receiverFd);
            nettyEvents = NettyEpoll.newEvents(MAX_EVENTS);
        }
    }

    /** jwire's fds: {@link Fds}, a poller of its own, and the wire loop of {@code tcpWriteRead}. */
    public static class JwireFds extends Fds {
        WirePoller poller;
        long received;
        final Runnable writeRead = () -> {
            try {
                for (int i = 0; i < OPS; i++) {
                    sender.writeAll(out.clear());
                    receiver.readFully(in.clear());
                }
                received += OPS;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };

        /**
         * Opens the fds after {@link JwireState} chose the switch, and an epoll poller.
         *
         * @param jwire the switch of this row
         * @throws IOException when a setup call fails
         */
        @Setup(Level.Trial)
        public void setUp(JwireState jwire) throws IOException {
            open();
            poller = new EpollPoller.Provider().open();
        }

        @Override
        void closeMore() {
            poller.close();
        }
    }

    /** Netty's package-private epoll entry points, reached once through reflection. */
    private static final class NettyEpoll {
        private static final MethodHandle EPOLL_WAIT;

        static {
            try {
                Method m = io.netty.channel.epoll.Native.class.getDeclaredMethod("epollWait", FileDescriptor.class,
                        EpollEventArray.class, int.class);
                m.setAccessible(true);
                EPOLL_WAIT = MethodHandles.lookup().unreflect(m);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        static EpollEventArray newEvents(int length) throws ReflectiveOperationException {
            Constructor<EpollEventArray> c = EpollEventArray.class.getDeclaredConstructor(int.class);
            c.setAccessible(true);
            return c.newInstance(length);
        }

        static int epollWait(FileDescriptor epfd, EpollEventArray events) {
            try {
                return (int) EPOLL_WAIT.invokeExact(epfd, events, 0);
            } catch (Throwable t) {
                throw new IllegalStateException("netty epollWait", t);
            }
        }
    }

    /**
     * jwire's sdk-epoll.
     *
     * @param s the switch (only the wire loop of {@code tcpWriteRead} runs on it)
     * @param f the fds
     * @return a checksum
     * @throws IOException when a call fails
     */
    @Benchmark
    public long jwire(JwireState s, JwireFds f) throws IOException {
        long sum = 0;
        switch (f.call) {
            case "epollWait" -> {
                for (int i = 0; i < OPS; i++) {
                    sum += f.poller.poll(0);
                }
            }
            case "wakeup" -> {
                for (int i = 0; i < OPS; i++) {
                    f.poller.wakeup();
                    sum += f.poller.poll(0) + 1; // poll reports only fds of wires: 0 here, the wake-up was drained
                }
            }
            default -> {
                f.scheduler.spawn("write-read", f.writeRead);
                f.scheduler.run();
                sum = f.received;
            }
        }
        return sum;
    }

    /**
     * JNA with {@code ByteBuffer} parameters.
     *
     * @param f the fds
     * @return a checksum
     * @throws IOException when a call fails
     */
    @Benchmark
    public long jnaBuffer(PeerFds f) throws IOException {
        long sum = 0;
        switch (f.call) {
            case "epollWait" -> {
                for (int i = 0; i < OPS; i++) {
                    sum += check(JnaBufferCalls.epoll_wait(f.epfd, f.events, MAX_EVENTS, 0), "epoll_wait");
                }
            }
            case "wakeup" -> {
                for (int i = 0; i < OPS; i++) {
                    check(JnaBufferCalls.write(f.eventFd, f.one, 8), "write");
                    sum += check(JnaBufferCalls.epoll_wait(f.epfd, f.events, MAX_EVENTS, 0), "epoll_wait");
                    sum += check(JnaBufferCalls.read(f.eventFd, f.counter, 8), "read");
                }
            }
            default -> {
                for (int i = 0; i < OPS; i++) {
                    sum += check(JnaBufferCalls.send(f.senderFd, f.out, MESSAGE, JnaAddressCalls.MSG_NOSIGNAL), "send");
                    for (int got = 0; got < MESSAGE; ) {
                        got += readOrSpin(JnaBufferCalls.read(f.receiverFd, f.in, MESSAGE - got));
                    }
                }
            }
        }
        return sum;
    }

    /**
     * JNA with {@code long} addresses resolved once.
     *
     * @param f the fds
     * @return a checksum
     * @throws IOException when a call fails
     */
    @Benchmark
    public long jnaAddress(PeerFds f) throws IOException {
        long sum = 0;
        switch (f.call) {
            case "epollWait" -> {
                for (int i = 0; i < OPS; i++) {
                    sum += check(JnaAddressCalls.epoll_wait(f.epfd, f.eventsAddress, MAX_EVENTS, 0), "epoll_wait");
                }
            }
            case "wakeup" -> {
                for (int i = 0; i < OPS; i++) {
                    check(JnaAddressCalls.write(f.eventFd, f.oneAddress, 8), "write");
                    sum += check(JnaAddressCalls.epoll_wait(f.epfd, f.eventsAddress, MAX_EVENTS, 0), "epoll_wait");
                    sum += check(JnaAddressCalls.read(f.eventFd, f.counterAddress, 8), "read");
                }
            }
            default -> {
                for (int i = 0; i < OPS; i++) {
                    sum += check(JnaAddressCalls.send(f.senderFd, f.outAddress, MESSAGE, JnaAddressCalls.MSG_NOSIGNAL), "send");
                    for (int got = 0; got < MESSAGE; ) {
                        got += readOrSpin(JnaAddressCalls.read(f.receiverFd, f.inAddress, MESSAGE - got));
                    }
                }
            }
        }
        return sum;
    }

    /**
     * JNA with {@code long} addresses looked up on every call.
     *
     * @param f the fds
     * @return a checksum
     * @throws IOException when a call fails
     */
    @Benchmark
    public long jnaAddressPerCall(PeerFds f) throws IOException {
        long sum = 0;
        switch (f.call) {
            case "epollWait" -> {
                for (int i = 0; i < OPS; i++) {
                    sum += check(JnaAddressCalls.epoll_wait(f.epfd, JnaAddressCalls.address(f.events), MAX_EVENTS, 0),
                            "epoll_wait");
                }
            }
            case "wakeup" -> {
                for (int i = 0; i < OPS; i++) {
                    check(JnaAddressCalls.write(f.eventFd, JnaAddressCalls.address(f.one), 8), "write");
                    sum += check(JnaAddressCalls.epoll_wait(f.epfd, JnaAddressCalls.address(f.events), MAX_EVENTS, 0),
                            "epoll_wait");
                    sum += check(JnaAddressCalls.read(f.eventFd, JnaAddressCalls.address(f.counter), 8), "read");
                }
            }
            default -> {
                for (int i = 0; i < OPS; i++) {
                    sum += check(JnaAddressCalls.send(f.senderFd, JnaAddressCalls.address(f.out), MESSAGE,
                            JnaAddressCalls.MSG_NOSIGNAL), "send");
                    for (int got = 0; got < MESSAGE; ) {
                        got += readOrSpin(JnaAddressCalls.read(f.receiverFd, JnaAddressCalls.address(f.in), MESSAGE - got));
                    }
                }
            }
        }
        return sum;
    }

    /**
     * Netty's JNI.
     *
     * @param f the fds
     * @return a checksum
     * @throws IOException when a call fails
     */
    @Benchmark
    public long netty(PeerFds f) throws IOException {
        long sum = 0;
        switch (f.call) {
            case "epollWait" -> {
                for (int i = 0; i < OPS; i++) {
                    sum += NettyEpoll.epollWait(f.nettyEpfd, f.nettyEvents);
                }
            }
            case "wakeup" -> {
                for (int i = 0; i < OPS; i++) {
                    io.netty.channel.epoll.Native.eventFdWrite(f.eventFd, 1);
                    sum += NettyEpoll.epollWait(f.nettyEpfd, f.nettyEvents);
                    io.netty.channel.epoll.Native.eventFdRead(f.eventFd);
                }
            }
            default -> {
                for (int i = 0; i < OPS; i++) {
                    sum += f.nettySender.sendAddress(f.outAddress, 0, MESSAGE);
                    for (int got = 0; got < MESSAGE; ) {
                        int n = f.nettyReceiver.readAddress(f.inAddress, got, MESSAGE); // 0: would block, spin
                        if (n < 0) {
                            throw new IOException("end of stream");
                        }
                        got += n;
                    }
                }
            }
        }
        return sum;
    }

    private static long check(long n, String call) throws IOException {
        if (n < 0) {
            throw new IOException(call + ": errno " + com.sun.jna.Native.getLastError());
        }
        return n;
    }

    /** A read's bytes, or 0 when it would block (the bytes are on their way: the caller retries). */
    private static int readOrSpin(long n) throws IOException {
        if (n > 0) {
            return (int) n;
        }
        if (n < 0 && com.sun.jna.Native.getLastError() == JnaAddressCalls.EAGAIN) {
            return 0;
        }
        throw new IOException(n == 0 ? "end of stream" : "read: errno " + com.sun.jna.Native.getLastError());
    }
}
