package io.jwire;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * The opt-in check behind {@code -Djwire.checkLocks=true}: before a wire switches out, ask the
 * JVM (through {@link ThreadMXBean}) which monitors and {@code java.util.concurrent} locks the
 * carrier thread holds, and throw {@link WirePinnedException} when it holds any. On JDK 24 and
 * newer a wire may otherwise switch out holding a monitor, after which the next wire entering it
 * blocks the carrier for good; and a {@code ReentrantLock} held across a switch silently stops
 * excluding the other wires of the scheduler (they run on the same thread, so it is reentrant
 * for them). The check costs a JVM thread snapshot per switch, so it is meant for tests and
 * debugging; only threads the JVM can inspect (the Continuation switch's platform carrier) are
 * checked.
 */
final class LockCheck {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private LockCheck() {
    }

    static void beforeSwitch(Wire w) {
        Thread t = Thread.currentThread();
        if (t.isVirtual()) {
            return; // the fallback switch: ThreadMXBean does not see virtual threads
        }
        ThreadInfo[] infos = MX.getThreadInfo(new long[] {t.threadId()}, true, true, Integer.MAX_VALUE);
        ThreadInfo info = infos.length == 0 ? null : infos[0];
        if (info == null) {
            return;
        }
        MonitorInfo[] monitors = info.getLockedMonitors();
        LockInfo[] locks = info.getLockedSynchronizers();
        if (monitors.length == 0 && locks.length == 0) {
            return;
        }
        StringBuilder held = new StringBuilder();
        for (MonitorInfo m : monitors) {
            held.append(held.isEmpty() ? "" : ", ").append("monitor ").append(m);
        }
        for (LockInfo l : locks) {
            held.append(held.isEmpty() ? "" : ", ").append("lock ").append(l);
        }
        throw new WirePinnedException("wire '" + w.name() + "' tried to switch out while its carrier holds " + held
                + ": the other wires of the scheduler run on the same thread, so a monitor would block it and a "
                + "java.util.concurrent lock would stop excluding them; release it first, or use WireLock");
    }
}
