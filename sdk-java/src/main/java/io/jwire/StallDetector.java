package io.jwire;

import io.jwire.internal.Coroutine;

import java.lang.System.Logger.Level;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The watchdog behind {@link WireScheduler#setStallThreshold}: one daemon thread for the whole
 * JVM (Vert.x's blocked-thread checker is the model) that looks at every running scheduler a few
 * times per threshold. A scheduler whose current wire has not switched out for longer than its
 * threshold is stalled: every other wire of it waits. The detector logs it once per stall through
 * {@link System.Logger} (logger {@code io.jwire}, level WARNING) with the scheduler, the wire, its
 * stack, the carrier's state and the likely cause. The cost on the scheduler's side is the switch
 * counter it keeps anyway. The thread ends when no scheduler runs and starts again with the next.
 */
final class StallDetector implements Runnable {
    private static final System.Logger LOG = System.getLogger("io.jwire");
    private static final Set<WireScheduler> RUNNING = ConcurrentHashMap.newKeySet();
    private static Thread thread;

    private StallDetector() {
    }

    /** Watches {@code s} while it runs. Owner thread of {@code s}. */
    static void watch(WireScheduler s) {
        if (s.stallThresholdNanos() <= 0) {
            return;
        }
        RUNNING.add(s);
        synchronized (StallDetector.class) {
            if (thread == null) {
                thread = new Thread(new StallDetector(), "jwire-stall-detector");
                thread.setDaemon(true);
                thread.start();
            }
        }
    }

    /** Stops watching {@code s}. */
    static void unwatch(WireScheduler s) {
        RUNNING.remove(s);
    }

    @Override
    public void run() {
        for (;;) {
            long sleep = Long.MAX_VALUE;
            for (WireScheduler s : RUNNING) {
                sleep = Math.min(sleep, check(s));
            }
            synchronized (StallDetector.class) {
                if (RUNNING.isEmpty()) {
                    thread = null;
                    return;
                }
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(sleep, TimeUnit.SECONDS.toNanos(1))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Samples one scheduler; returns how long until it is worth looking again. */
    private static long check(WireScheduler s) {
        return check(s, s.stallWatch, s.stallThresholdNanos(), System.nanoTime(), s.switchCountOpaque(), s.currentOpaque());
    }

    /**
     * One sample of {@code s}, given what the detector read: its threshold, the time, its switch
     * count and its running wire. Logs a stall the first time the same wire has run without a
     * switch for {@code threshold} nanoseconds; returns how long until it is worth looking again.
     */
    static long check(WireScheduler s, StallWatch w, long threshold, long now, long switches, Wire running) {
        if (running == null || switches != w.switches || running != w.wire) {
            w.switches = switches;
            w.wire = running;
            w.since = now;
            w.reported = false;
            return threshold / 2;
        }
        long stalled = now - w.since;
        if (stalled < threshold) {
            return Math.max(threshold - stalled, threshold / 4);
        }
        if (!w.reported) {
            w.reported = true;
            LOG.log(Level.WARNING, report(s, running, stalled));
        }
        return threshold / 2;
    }

    /** The text of a stall report. */
    static String report(WireScheduler s, Wire running, long stalledNanos) {
        Coroutine c = running.coroutine; // set on the owner thread before the wire became the running one
        Thread own = c == null ? null : c.thread();
        Thread carrier = own != null ? own : s.ownerThread(); // the fallback runs each wire on its own thread
        Thread.State state = carrier == null ? null : carrier.getState();
        StackTraceElement[] stack = running.stackTrace();
        if (stack.length == 0 && carrier != null) {
            stack = carrier.getStackTrace();
        }
        StringBuilder sb = new StringBuilder();
        sb.append("jwire: ").append(s).append(" is stalled: wire '").append(running.name())
                .append("' has run for ").append(TimeUnit.NANOSECONDS.toMillis(stalledNanos))
                .append(" ms without switching, so every other wire of the scheduler waits. Carrier thread '")
                .append(carrier == null ? "?" : carrier.getName()).append("' is ").append(state).append(".\n")
                .append("Likely cause: ").append(cause(state, stack, carrier)).append('\n');
        for (StackTraceElement e : stack) {
            sb.append("\tat ").append(e).append('\n');
        }
        return sb.toString();
    }

    static String cause(Thread.State state, StackTraceElement[] stack, Thread carrier) {
        for (StackTraceElement e : stack) {
            String c = e.getClassName();
            String m = e.getMethodName();
            if (c.equals("java.lang.Thread") && m.startsWith("sleep")) {
                return "Thread.sleep inside a wire blocks the carrier; use Wire.sleep(Duration)";
            }
            if (c.startsWith("kotlinx.coroutines.") && (c.contains("Blocking") || m.contains("runBlocking"))) {
                return "runBlocking inside a wire blocks the carrier; suspend or use the wire bridges instead";
            }
            if (c.startsWith("sun.nio.ch.") || c.startsWith("java.net.Socket") || c.startsWith("sun.net.")) {
                return "a blocking socket call inside a wire; use io.jwire.epoll.WireSocket or delegate it with WireIo.call";
            }
            if (c.startsWith("java.io.File") || c.startsWith("sun.nio.fs.")) {
                return "a blocking file call inside a wire; delegate it with WireIo";
            }
            if (c.startsWith("io.jwire.") || c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.")) {
                continue; // the JDK's and jwire's own frames: look further down for the call that blocks
            }
            break;
        }
        if (state == Thread.State.BLOCKED) {
            return "the wire waits to enter a monitor (synchronized)" + monitorOwner(carrier)
                    + "; a wire that switched out while holding it cannot release it while this one blocks the "
                    + "carrier; never hold a monitor across a switch, use WireLock";
        }
        if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
            return "the carrier waits in a blocking JDK call (a java.util.concurrent lock, Object.wait, a future's get);"
                    + " a lock held by a suspended wire of the same scheduler can never be released this way; use "
                    + "jwire's WireLock, WireSemaphore or WireIo.call";
        }
        return "a long computation or loop without a switch; call Wire.yieldNow() now and then, or move the work "
                + "to another thread with WireIo.call";
    }

    static String monitorOwner(Thread carrier) {
        if (carrier == null) {
            return "";
        }
        try {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            ThreadInfo info = mx.getThreadInfo(carrier.threadId());
            if (info == null) {
                return "";
            }
            LockInfo lock = info.getLockInfo();
            String owner = info.getLockOwnerName();
            return (lock == null ? "" : " " + lock) + (owner == null ? ", held by no running thread (likely a suspended wire)"
                    : ", held by '" + owner + "'" + (info.getLockOwnerId() == carrier.threadId() ? " (this carrier: a suspended wire holds it)" : ""));
        } catch (RuntimeException | LinkageError e) {
            return "";
        }
    }

    /** The detector's memory of one scheduler, kept in the scheduler. Only the detector thread touches it. */
    static final class StallWatch {
        long switches = -1;
        Wire wire;
        long since;
        boolean reported;
    }
}
