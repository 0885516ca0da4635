/**
 * Wires and their scheduler: jwire's layers 2 and 3 (libwire's {@code wire_thread}, {@code wire}
 * and {@code wire_wait}).
 *
 * <p>{@link io.jwire.WireScheduler} runs {@link io.jwire.Wire}s on one OS thread, strictly first
 * in, first out: ready queue, suspend and resume, yield, cancel, join, timers (one heap per
 * scheduler), the idle poller call, a thread-safe inbox for other threads, the stall detector.
 * {@link io.jwire.WireWait}, {@link io.jwire.WireWaitList} and {@link io.jwire.WireTimeout} are
 * the waits: a wake-up bound to a wire, the first of many, a timeout as a member.
 * {@link io.jwire.WireTask} is a wire that returns a value, {@link io.jwire.WireScope} structured
 * concurrency (fail-fast or supervisor, with a deadline), {@link io.jwire.WireFutures} the bridge
 * to {@link java.util.concurrent.CompletionStage} (and {@code WireScheduler.submit} the other
 * way). A wire failure that nobody observes makes {@code run()} throw.
 * {@link io.jwire.WireGenerator} is a generator (libfringe's): an iterator whose values a body
 * yields on a coroutine of its own, inside a wire or in plain Java code.
 *
 * <pre>{@code
 * try (WireScheduler scheduler = WireScheduler.create()) {
 *     scheduler.spawn("hello", () -> System.out.println("hello from " + Wire.current().name()));
 *     scheduler.run();
 * }
 * }</pre>
 *
 * <p><b>Layering.</b> This package uses only {@code io.jwire.internal} (the switch layer, the
 * timer heap, the one park mechanism) and {@code io.jwire.spi} (the poller). The layers above
 * it, {@code io.jwire.sync}, {@code io.jwire.channels} and {@code io.jwire.io}, use it; it never
 * uses them.
 */
package io.jwire;
