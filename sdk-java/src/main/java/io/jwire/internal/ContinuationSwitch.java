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
        return new WireContinuation(name, body);
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
        return new NestedContinuation(name, body);
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

    /** A nested continuation (a generator's body) run on its caller's thread. */
    static final class NestedContinuation extends Continuation implements Coroutine {
        private final String name;

        NestedContinuation(String name, Runnable body) {
            super(NESTED, body);
            this.name = name;
        }

        @Override
        public boolean resume() {
            run();
            return isDone();
        }

        @Override
        public StackTraceElement[] stackTrace() {
            return isDone() ? new StackTraceElement[0] : getStackTrace();
        }

        @Override
        protected void onPinned(Continuation.Pinned reason) {
            throw new PinnedException("generator '" + name + "' cannot yield because " + why(reason)
                    + "; release it before yielding");
        }
    }

    static String why(Continuation.Pinned reason) {
        return switch (reason) {
            case NATIVE -> "a native frame is on its stack";
            case MONITOR -> "it holds a monitor (a synchronized block or method)";
            case CRITICAL_SECTION -> "it is inside a JDK critical section";
            default -> reason.toString();
        };
    }

    /** A continuation that turns a pinned yield into a jwire exception that says why. */
    static final class WireContinuation extends Continuation implements Coroutine {
        private final String name;

        WireContinuation(String name, Runnable body) {
            super(SCOPE, body);
            this.name = name;
        }

        @Override
        public boolean resume() {
            run();
            if (isDone()) {
                Thread.interrupted(); // an ended wire's interrupt status ends with it
                return true;
            }
            return false;
        }

        @Override
        public StackTraceElement[] stackTrace() {
            return isDone() ? new StackTraceElement[0] : getStackTrace();
        }

        @Override
        protected void onPinned(Continuation.Pinned reason) {
            throw new PinnedException("wire '" + name + "' cannot switch out because " + why(reason)
                    + "; release it before yielding, suspending or sleeping, or use jwire's WireLock instead of synchronized");
        }
    }
}
