package io.jwire;

/**
 * Thrown when a call that only a running wire may make (yield, suspend, sleep, join, and every
 * jwire wait) is made elsewhere: on a plain thread, or in a scheduler callback run by
 * {@link WireScheduler#execute(Runnable)}. The fix is to make the call from a wire body passed to
 * {@link WireScheduler#spawn(String, Runnable)}.
 *
 * <p>Also thrown when a channel, lock, semaphore, pool or wait is used from a thread that runs no
 * scheduler (before the structure's first use too): such structures belong to one scheduler, so
 * the call must come from one of its wires or tasks ({@link WireScheduler#execute(Runnable)}).
 */
public class NotInWireException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the call and the thread, and says what to do
     */
    public NotInWireException(String message) {
        super(message);
    }

    static NotInWireException of(String call) {
        return new NotInWireException(call + " must be called from inside a wire, but was called on thread '"
                + Thread.currentThread().getName() + "' outside any wire; spawn a wire with "
                + "WireScheduler.spawn(name, body) and call it from the body");
    }
}
