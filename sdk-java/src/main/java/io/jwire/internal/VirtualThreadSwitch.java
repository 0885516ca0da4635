package io.jwire.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * The portable switch: each coroutine is a virtual thread, and a strict hand-off lets exactly
 * one of the scheduler's thread and its wires run at a time. Works on any JDK 21+, at a few
 * microseconds per switch. Not API.
 */
final class VirtualThreadSwitch implements SwitchLayer {

    @Override
    public String name() {
        return "virtual-thread";
    }

    @Override
    public boolean separateThreads() {
        return true;
    }

    @Override
    public Coroutine create(String name, Runnable body) {
        return new HandOff(name, body);
    }

    @Override
    public void yieldCurrent(Coroutine self) {
        ((HandOff) self).yieldToScheduler();
    }

    @Override
    public Coroutine createNested(String name, Runnable body) {
        return new HandOff(name, body);
    }

    @Override
    public void yieldNested(Coroutine self) {
        ((HandOff) self).yieldToScheduler();
    }

    @Override
    public boolean isRunningNested(Coroutine self) {
        return ((HandOff) self).runsHere();
    }

    /** How long the scheduler thread spins for a wire to hand back before it parks. */
    static final int SPINS = 1 << 14;

    /**
     * A virtual thread that runs only while the thread that resumed it (the scheduler's, or a
     * generator's caller) waits for it.
     */
    static final class HandOff implements Coroutine {
        private final String name;
        private final Runnable body;
        private Thread thread;
        /**
         * The thread that runs the body now and is unparked on resume: the coroutine's own, or,
         * for a wire that switched out from inside a generator's body (which runs on the
         * generator's thread), that generator's thread. Written before the volatile hand-back.
         */
        private Thread runner;
        private volatile Thread schedulerThread;
        /** True while the wire's turn; the only field both sides write, each only to hand over. */
        private volatile boolean wireTurn;
        private volatile boolean done;

        HandOff(String name, Runnable body) {
            this.name = name;
            this.body = body;
        }

        @Override
        public boolean resume() {
            schedulerThread = Thread.currentThread();
            wireTurn = true;
            if (thread == null) {
                thread = Thread.ofVirtual().name("jwire:" + name).unstarted(this::main);
                runner = thread;
                thread.start();
            } else {
                LockSupport.unpark(runner);
            }
            // The wire usually hands back within microseconds: spin first, so the scheduler thread
            // is not put to sleep and woken (two futex calls) on every switch.
            for (int i = 0; i < SPINS && wireTurn; i++) {
                Thread.onSpinWait();
            }
            while (wireTurn) {
                LockSupport.park(this);
            }
            return done;
        }

        private void main() {
            try {
                body.run();
            } finally {
                done = true;
                wireTurn = false;
                LockSupport.unpark(schedulerThread);
            }
        }

        void yieldToScheduler() {
            // A set interrupt status would make park return at once (a spin that starves the
            // scheduler): keep it aside while the wire waits for its turn, and restore it after.
            boolean interrupted = Thread.interrupted();
            runner = Thread.currentThread();
            wireTurn = false;
            LockSupport.unpark(schedulerThread);
            while (!wireTurn) {
                LockSupport.park(this);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** Whether the body runs now, on the calling thread. */
        boolean runsHere() {
            return wireTurn && runner == Thread.currentThread();
        }

        @Override
        public Thread thread() {
            return thread;
        }

        @Override
        public StackTraceElement[] stackTrace() {
            Thread t = thread;
            return t == null || done ? new StackTraceElement[0] : t.getStackTrace();
        }
    }
}
