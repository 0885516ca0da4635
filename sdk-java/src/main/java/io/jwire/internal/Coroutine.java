package io.jwire.internal;

/**
 * One wire's execution context, as the switch layer sees it: a body that runs until it
 * {@linkplain SwitchLayer#yieldCurrent(Coroutine) yields} or ends. Not API.
 */
public interface Coroutine {

    /**
     * Runs the body until it yields or ends. Called only by the scheduler's thread.
     *
     * @return true when the body has ended
     */
    boolean resume();

    /** The body's current stack while it is suspended, for dumps and stuck reports. */
    StackTraceElement[] stackTrace();

    /** The thread the coroutine runs on when it has one of its own (the fallback switch), else null. */
    default Thread thread() {
        return null;
    }
}
