package io.jwire.internal;

import java.lang.System.Logger.Level;

/**
 * The bottom layer of jwire (libcoro's place): makes coroutines and switches out of the running
 * one. Two implementations: {@link ContinuationSwitch} over {@code jdk.internal.vm.Continuation}
 * and the portable {@link VirtualThreadSwitch}. Not API.
 */
public interface SwitchLayer {

    /** System property that forces an implementation: {@code continuation} or {@code virtual-thread}. */
    String PROPERTY = "jwire.switch";

    /** The flag that enables the fast path, for messages. */
    String FAST_PATH_FLAG = "--add-exports java.base/jdk.internal.vm=ALL-UNNAMED";

    /** Short name of this implementation, as accepted by {@link #PROPERTY}. */
    String name();

    /**
     * Whether each coroutine runs on a thread of its own (so thread-locals of the scheduler's
     * thread are not visible inside it).
     */
    boolean separateThreads();

    /** Makes a coroutine that will run {@code body} when first resumed. */
    Coroutine create(String name, Runnable body);

    /** Switches out of {@code self}, which must be the running coroutine; returns when resumed. */
    void yieldCurrent(Coroutine self);

    /**
     * Makes a nested coroutine (a generator's body) that will run {@code body} when first resumed.
     * It runs inside whoever resumes it, a wire or any thread, and {@link #yieldNested} returns
     * to that caller, never to a scheduler. A wire that switches out (waits, sleeps, yields) from
     * inside it suspends with the nested coroutine still inside it, and the nested coroutine goes
     * on when the wire runs again. Nested coroutines nest in each other.
     */
    Coroutine createNested(String name, Runnable body);

    /** Switches out of nested {@code self}, back to whoever resumed it; returns when resumed. */
    void yieldNested(Coroutine self);

    /**
     * Whether nested {@code self} is the innermost nested coroutine running on the calling thread:
     * the only place {@link #yieldNested} may be called from.
     */
    boolean isRunningNested(Coroutine self);

    /** The implementation chosen for this JVM: forced by {@link #PROPERTY}, else the fastest available. */
    static SwitchLayer get() {
        SwitchLayer s = Holder.chosen;
        if (s == null) {
            // Not a static initialiser: a misconfiguration throws its own exception at every call,
            // not an ExceptionInInitializerError once and NoClassDefFoundError after.
            s = Holder.choose(System.getProperty(PROPERTY, ""));
            Holder.chosen = s;
        }
        return s;
    }

    /** Holds the chosen switch layer. */
    final class Holder {
        private static volatile SwitchLayer chosen;

        private Holder() {
        }

        static SwitchLayer choose(String forced) {
            boolean exported = Object.class.getModule()
                    .isExported("jdk.internal.vm", SwitchLayer.class.getModule());
            switch (forced) {
                case "continuation":
                    if (!exported) {
                        throw new IllegalStateException("-D" + PROPERTY + "=continuation needs the JVM flag "
                                + FAST_PATH_FLAG + " (on the module path: --add-exports java.base/jdk.internal.vm=io.jwire)"
                                + "; add it, or drop the property to use the portable switch");
                    }
                    return new ContinuationSwitch();
                case "virtual-thread":
                    return new VirtualThreadSwitch();
                case "":
                    if (exported) {
                        return new ContinuationSwitch();
                    }
                    System.getLogger("io.jwire").log(Level.INFO,
                            "jwire uses the portable virtual-thread switch; for the fast Continuation switch "
                                    + "start the JVM with " + FAST_PATH_FLAG);
                    return new VirtualThreadSwitch();
                default:
                    throw new IllegalArgumentException("-D" + PROPERTY + "=" + forced
                            + " is not known; use continuation or virtual-thread");
            }
        }
    }
}
