package io.jwire.examples;

import io.jwire.Wire;
import io.jwire.WireScheduler;
import io.jwire.io.WireIo;
import io.jwire.sync.WireSemaphore;
import java.io.PrintStream;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ResourceBundle;

/**
 * A {@link System.Logger} for the wires of one scheduler that never blocks the scheduler's thread
 * (libwire's {@code wire_log_init_stdout}): a log call puts its line into a bounded ring and
 * returns; a logger wire drains the ring and writes the lines through {@link WireIo}, so the
 * actual (possibly slow) write happens on a helper thread. A {@link WireSemaphore} with one permit
 * per ring slot bounds the ring: when every slot holds a line not yet written, a log call suspends
 * its wire (only that wire) until the logger wire has written some, first come, first served.
 *
 * <pre>{@code
 * RingLogger log = RingLogger.start(scheduler, "app", System.out, 16);
 * scheduler.spawn("worker", () -> log.log(System.Logger.Level.INFO, "working in {0}", "worker"));
 * scheduler.run();    // ends once the wires have ended and the logger is closed
 * }</pre>
 *
 * <p>Lines look like libwire's: {@code 2025-01-31 12:00:00.123456789 <INFO> [worker] working in worker}.
 *
 * <p><b>Threads.</b> The log methods work anywhere: from a wire of the logger's scheduler they go
 * through the ring; from any other thread or scheduler they write directly and may block the
 * caller (as libwire's logging before {@code wire_log_init}). {@link #close()} from a wire or a
 * task of the logger's scheduler.
 */
public final class RingLogger implements System.Logger, AutoCloseable {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.nnnnnnnnn").withZone(ZoneId.systemDefault());

    private final WireScheduler scheduler;
    private final String name;
    private final PrintStream out;
    /** Lines logged and not yet written: slots {@code [head, head + size)}, modulo the capacity. */
    private final String[] ring;
    private int head;
    private int size;
    /** One permit per free slot: taken by a log call, given back once its line is written. */
    private final WireSemaphore freeSlots;
    private final Wire writer;
    /** The logger wire is suspended for want of lines (not in the middle of a write). */
    private boolean writerIdle;
    private boolean closed;
    private long waits;
    private int highWater;

    private RingLogger(WireScheduler scheduler, String name, PrintStream out, int capacity) {
        this.scheduler = scheduler;
        this.name = name;
        this.out = out;
        this.ring = new String[capacity];
        this.freeSlots = new WireSemaphore("free slots of logger '" + name + "'", capacity);
        this.writer = scheduler.spawn("logger " + name, this::drain);
    }

    /**
     * Creates a logger and spawns its logger wire on {@code scheduler}; lines go to {@code out}.
     * Scheduler's thread (before or during {@code run()}).
     *
     * @param capacity how many lines may wait to be written before log calls wait
     * @throws IllegalArgumentException when {@code capacity} is not positive
     */
    public static RingLogger start(WireScheduler scheduler, String name, PrintStream out, int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("RingLogger '" + name + "': capacity " + capacity + " must be positive");
        }
        return new RingLogger(scheduler, name, out, capacity);
    }

    @Override
    public String getName() {
        return name;
    }

    /** Every level but {@link Level#OFF} is logged. */
    @Override
    public boolean isLoggable(Level level) {
        return level != Level.OFF;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        if (isLoggable(level)) {
            submit(level, thrown == null ? msg : msg + ": " + thrown);
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (isLoggable(level)) {
            submit(level, params == null || params.length == 0 ? format : MessageFormat.format(format, params));
        }
    }

    /** How many log calls so far found the ring full and waited for a slot. */
    public long waits() {
        return waits;
    }

    /** The most lines the ring held at once (at most its capacity). */
    public int highWater() {
        return highWater;
    }

    /**
     * Stops the logger: the logger wire writes the lines still in the ring, then ends. Later log
     * calls from wires write directly. Idempotent. Scheduler's thread.
     */
    @Override
    public void close() {
        closed = true;
        wakeWriter();
    }

    private void submit(Level level, String message) {
        Instant now = Instant.now();
        if (closed || !Wire.inWire() || Wire.current().scheduler() != scheduler) {
            out.print(format(now, level, threadOrWire(), message));   // not ours to queue: write directly
            return;
        }
        String line = format(now, level, Wire.current().name(), message);
        if (!freeSlots.tryAcquire()) {
            waits++;
            freeSlots.acquire();        // suspends this wire only; the others go on
        }
        ring[(head + size) % ring.length] = line;
        highWater = Math.max(highWater, ++size);
        wakeWriter();
    }

    private void wakeWriter() {
        if (writerIdle) {
            writerIdle = false;
            writer.resume();
        }
    }

    /** The logger wire: writes what the ring holds, in one delegated write per batch, until closed and empty. */
    private void drain() {
        StringBuilder batch = new StringBuilder();
        for (;;) {
            while (size == 0) {
                if (closed) {
                    return;
                }
                writerIdle = true;
                Wire.suspend("lines for logger '" + name + "'");
            }
            int n = size;
            batch.setLength(0);
            for (int i = 0; i < n; i++) {
                int slot = (head + i) % ring.length;
                batch.append(ring[slot]);
                ring[slot] = null;
            }
            String text = batch.toString();
            WireIo.shared().call(() -> {
                out.print(text);        // on a helper thread: a slow terminal or pipe stalls no wire
                out.flush();
                return null;
            });
            head = (head + n) % ring.length;
            size -= n;
            for (int i = 0; i < n; i++) {
                freeSlots.release();    // a waiting log call gets the slot
            }
        }
    }

    private static String threadOrWire() {
        return Wire.inWire() ? Wire.current().name() : Thread.currentThread().getName();
    }

    private static String format(Instant time, Level level, String source, String message) {
        return TIME.format(time) + " <" + level.getName() + "> [" + source + "] " + message + System.lineSeparator();
    }
}
