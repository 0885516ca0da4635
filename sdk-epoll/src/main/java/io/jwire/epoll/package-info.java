/**
 * Linux epoll for jwire (libwire's {@code wire_fd} and {@code wire_net}): the
 * {@linkplain io.jwire.epoll.EpollPoller epoll poller} that {@link io.jwire.WireScheduler#create()}
 * picks by itself when this module is on the class path, fd readiness waits
 * ({@link io.jwire.epoll.WireFd}), {@link io.jwire.epoll.TimerFd} and {@link io.jwire.epoll.EventFd},
 * and TCP sockets ({@link io.jwire.epoll.WireServerSocket}, {@link io.jwire.epoll.WireSocket})
 * whose calls suspend the calling wire instead of blocking the scheduler's thread. A socket takes
 * direct and heap buffers and {@code byte[]}, offers {@link java.io.InputStream} and
 * {@link java.io.OutputStream} views for {@code java.io} code, and buffered reading and writing
 * in the spirit of Okio ({@link io.jwire.epoll.WireSource}, {@link io.jwire.epoll.WireSink}).
 *
 * <pre>{@code
 * try (WireScheduler scheduler = WireScheduler.create()) {      // epoll, found through ServiceLoader
 *     scheduler.spawn("server", () -> {
 *         try (WireServerSocket server = WireServerSocket.bind("127.0.0.1", 0)) {
 *             scheduler.spawn("client", () -> {
 *                 try (WireSocket c = WireSocket.connect("127.0.0.1", server.port())) {
 *                     c.writeAll(ByteBuffer.allocateDirect(5).put("hello".getBytes()).flip());
 *                 } catch (IOException e) {
 *                     throw new UncheckedIOException(e);  // a wire body is a Runnable
 *                 }
 *             });
 *             try (WireSocket peer = server.accept()) {
 *                 ByteBuffer in = ByteBuffer.allocateDirect(5);
 *                 peer.readFully(in);
 *             }
 *         } catch (IOException e) {
 *             throw new UncheckedIOException(e);
 *         }
 *     });
 *     scheduler.run();
 * }
 * }</pre>
 *
 * <h2>Errors: one convention</h2>
 * <p><b>I/O failures are checked {@link java.io.IOException}s</b>, as in {@link io.jwire.io.WireIo}
 * and the JDK's own sockets and channels, using the JDK's subtype wherever one fits; a failed
 * system call names the call, its target and the errno name and number, such as
 * {@code "connect 127.0.0.1:1: ECONNREFUSED (111)"}:
 * <ul>
 *   <li>connection refused, or a connect handshake that failed otherwise:
 *       {@link java.net.ConnectException} ({@link java.net.NoRouteToHostException} when the
 *       network or host is unreachable);</li>
 *   <li>address in use or not local on bind: {@link java.net.BindException};</li>
 *   <li>a jwire deadline or timeout passed (connect timeout, a socket's
 *       {@linkplain io.jwire.epoll.WireSocket#setTimeout timeout}): {@link java.net.SocketTimeoutException};</li>
 *   <li>end of stream: a plain {@link io.jwire.epoll.WireSocket#read read} returns -1, as the JDK's
 *       do; {@link io.jwire.epoll.WireSocket#readFully readFully} and
 *       {@link io.jwire.epoll.WireSocket#readAtLeast readAtLeast} throw {@link java.io.EOFException};</li>
 *   <li>an fd, socket or listener used after {@code close()}: {@link java.nio.channels.ClosedChannelException};
 *       a wire waiting on it when it is closed gets its subtype
 *       {@link java.nio.channels.AsynchronousCloseException};</li>
 *   <li>connection reset ({@code ECONNRESET}), broken pipe ({@code EPIPE}) and the other socket
 *       errnos: {@link java.net.SocketException} with the errno name;</li>
 *   <li>any other failed call: {@link java.io.IOException} with the errno name.</li>
 * </ul>
 * Wire bodies are {@link Runnable}s: catch the {@code IOException} where the outcome is handled,
 * or rethrow it as {@link java.io.UncheckedIOException}, which fails the wire with it.
 *
 * <p><b>Misuse is unchecked</b> and says what to do instead: {@link IllegalArgumentException}
 * (a read-only buffer to read into, a negative timeout, a port out of range) or
 * {@link IllegalStateException} and its subtypes (no epoll poller on the scheduler, an fd used
 * from another scheduler's wire, two wires waiting in one direction on one fd,
 * {@link io.jwire.NotInWireException} outside a wire), with the wire's or thread's name.
 *
 * <p>The native calls go through JNA direct mapping in one internal class; the call sequences
 * (non-blocking connect, accept, read, write, eventfd and timerfd) live in two internal
 * boundary classes that answer "would block" and "in progress" as return values, and errno
 * becomes an exception in exactly one internal class.
 */
package io.jwire.epoll;

import io.jwire.WireScheduler;
