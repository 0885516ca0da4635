/**
 * Linux epoll for jwire (libwire's {@code wire_fd} and {@code wire_net}): the
 * {@linkplain io.jwire.epoll.EpollPoller epoll poller} that {@link io.jwire.WireScheduler#create()}
 * picks by itself when this module is on the class path, fd readiness waits
 * ({@link io.jwire.epoll.WireFd}), {@link io.jwire.epoll.TimerFd} and {@link io.jwire.epoll.EventFd},
 * and TCP sockets ({@link io.jwire.epoll.WireServerSocket}, {@link io.jwire.epoll.WireSocket})
 * whose calls suspend the calling wire instead of blocking the scheduler's thread.
 *
 * <pre>{@code
 * try (WireScheduler scheduler = WireScheduler.create()) {      // epoll, found through ServiceLoader
 *     scheduler.spawn("server", () -> {
 *         try (WireServerSocket server = WireServerSocket.bind("127.0.0.1", 0)) {
 *             scheduler.spawn("client", () -> {
 *                 try (WireSocket c = WireSocket.connect("127.0.0.1", server.port())) {
 *                     c.writeAll(ByteBuffer.allocateDirect(5).put("hello".getBytes()).flip());
 *                 }
 *             });
 *             try (WireSocket peer = server.accept()) {
 *                 ByteBuffer in = ByteBuffer.allocateDirect(5);
 *                 peer.readFully(in);
 *             }
 *         }
 *     });
 *     scheduler.run();
 * }
 * }</pre>
 *
 * <p>I/O outcomes are unchecked exceptions under {@link io.jwire.epoll.WireIoException}; the native
 * calls go through JNA direct mapping in one internal class.
 */
package io.jwire.epoll;

import io.jwire.WireScheduler;
