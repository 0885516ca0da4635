/**
 * Delegated blocking I/O (layer 5; libwire's {@code wire_io} and {@code wio_*}): a bounded pool
 * of platform threads runs a blocking call while the calling wire is suspended, and the result
 * comes back through the scheduler's inbox. {@link io.jwire.io.WireIo} is the pool with the
 * generic {@link io.jwire.io.WireIo#call call} and name resolution; {@link io.jwire.io.WireFiles}
 * the file operations.
 *
 * <pre>{@code
 * long size = WireIo.shared().call(() -> Files.size(path));   // this wire waits, the others run
 * }</pre>
 *
 * <p>I/O failures are the {@link java.io.IOException}s the JDK threw, unchanged. <b>Layering:</b>
 * uses {@code io.jwire}, {@code io.jwire.internal} and {@code io.jwire.spi}; not
 * {@code io.jwire.sync} or {@code io.jwire.channels}.
 */
package io.jwire.io;
