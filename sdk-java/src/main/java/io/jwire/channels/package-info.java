/**
 * Channels between the wires of one scheduler (layer 4; libwire's {@code wire_channel}):
 * {@link io.jwire.channels.WireChannel} (rendezvous by default, or buffered; close, try-operations,
 * timeouts) and select, the first ready of several channels, waits and timeouts: typed, with
 * clauses that produce its result ({@link io.jwire.channels.WireSelectBuilder}, from
 * {@link io.jwire.channels.WireSelect#builder()}), or index-based ({@link io.jwire.channels.WireSelect}).
 *
 * <pre>{@code
 * WireChannel<String> ch = WireChannel.rendezvous("lines");
 * scheduler.spawn("producer", () -> { ch.send("hello"); ch.close(); });
 * scheduler.spawn("consumer", () -> { for (String s : ch) System.out.println(s); });
 * }</pre>
 *
 * <p>A hand-off allocates nothing; nothing sent is lost (received exactly once, or the sender
 * learns it was not). <b>Layering:</b> uses {@code io.jwire}, {@code io.jwire.internal} and
 * {@code io.jwire.spi}; not {@code io.jwire.sync} or {@code io.jwire.io}.
 */
package io.jwire.channels;
