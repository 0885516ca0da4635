/**
 * Synchronisation among the wires of one scheduler (layer 4; libwire's {@code wire_lock},
 * {@code wire_sem}, {@code wire_pool}): {@link io.jwire.sync.WireLock} (fair FIFO hand-off),
 * {@link io.jwire.sync.WireSemaphore}, {@link io.jwire.sync.WirePool} (a bounded set of worker
 * wires, reused last in, first out).
 *
 * <pre>{@code
 * WireLock lock = new WireLock("account");
 * try (var held = lock.hold()) {
 *     balance += amount;       // no other wire holding the lock runs meanwhile
 * }
 * }</pre>
 *
 * <p>Every blocking call parks through the wait layer's one mechanism, so a timed wait allocates
 * nothing; every object is confined to the scheduler that first uses it. <b>Layering:</b> uses
 * {@code io.jwire}, {@code io.jwire.internal} and {@code io.jwire.spi}; not
 * {@code io.jwire.channels} or {@code io.jwire.io}.
 */
package io.jwire.sync;
