package io.jwire.internal;

import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;

/**
 * The fast switch: each coroutine is a {@code jdk.internal.vm.Continuation} run on the
 * scheduler's own thread. Needs {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}.
 * Not API.
 */
final class ContinuationSwitch implements SwitchLayer {

    static final ContinuationScope SCOPE = new ContinuationScope("jwire");
    /**
     * The scope of nested coroutines (generators): a scope of their own, so that a wire's switch
     * from inside a generator body yields the wire (through the generator) and a generator's yield
     * yields only the innermost generator.
     */
    static final ContinuationScope NESTED = new ContinuationScope("jwire-nested");

    @Override
    public String name() {
        return "continuation";
    }

    @Override
    public boolean separateThreads() {
        return false;
    }

    @Override
    public Coroutine create(String name, Runnable body) {
        return new JwireContinuation(name, body, false);
    }

    @Override
    public void yieldCurrent(Coroutine self) {
        // The carrier's interrupt status belongs to the wire that set it: it leaves with the wire
        // and comes back when the wire runs again.
        boolean interrupted = Thread.interrupted();
        try {
            Continuation.yield(SCOPE);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public Coroutine createNested(String name, Runnable body) {
        return new JwireContinuation(name, body, true);
    }

    @Override
    public void yieldNested(Coroutine self) {
        // No interrupt juggling: a nested coroutine runs for its caller, on its caller's behalf.
        Continuation.yield(NESTED);
    }

    @Override
    public boolean isRunningNested(Coroutine self) {
        return Continuation.getCurrentContinuation(NESTED) == self;
    }

    static String why(Continuation.Pinned reason) {
        return switch (reason) {
            case NATIVE -> "a native frame is on its stack";
            case MONITOR -> "it holds a monitor (a synchronized block or method)";
            case CRITICAL_SECTION -> "it is inside a JDK critical section";
            default -> reason.toString();
        };
    }

    /**
     * A wire's continuation (scope {@link #SCOPE}) or a generator's ({@link #NESTED}); turns a
     * pinned yield into a jwire exception that says why and what to do.
     */
    static final class JwireContinuation extends Continuation implements Coroutine {
        private final String name;
        private final boolean nested;

        JwireContinuation(String name, Runnable body, boolean nested) {
            super(nested ? NESTED : SCOPE, body);
            this.name = name;
            this.nested = nested;
        }

        @Override
        public boolean resume() {
            run();
            if (!isDone()) {
                return false;
            }
            if (!nested) {
                Thread.interrupted(); // an ended wire's interrupt status ends with it
            }
            return true;
        }

        @Override
        public StackTraceElement[] stackTrace() {
            return isDone() ? new StackTraceElement[0] : getStackTrace();
        }

        @Override
        protected void onPinned(Continuation.Pinned reason) {
            throw new PinnedException(nested
                    ? "generator '" + name + "' cannot yield because " + why(reason) + "; release it before yielding"
                    : "cannot switch out because " + why(reason)
                            + "; release it before yielding, suspending or sleeping, or use jwire's WireLock instead of synchronized");
        }
    }
}
