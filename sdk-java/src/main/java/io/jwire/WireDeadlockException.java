package io.jwire;

/**
 * Thrown by {@link WireScheduler#run()} when no wire can ever run again: some wires are
 * suspended, yet nothing is ready, no timer is armed, no poller wait (such as an fd) is
 * registered, no task is queued and no {@link KeepAlive} is held. The message lists every stuck
 * wire with what it waits on and its stack, in the format of {@link WireScheduler#dump()}, and ends
 * with the tree of open {@link WireScope}s when there are any.
 *
 * <p>Code that resumes wires from another thread must hold a {@link KeepAlive} from
 * {@link WireScheduler#keepAlive()} for as long as it may still do so; otherwise the scheduler
 * cannot know that a wake-up may still come, and reports the program as stuck.
 */
public class WireDeadlockException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param report the stuck report: every stuck wire, what it waits on and its stack
     */
    public WireDeadlockException(String report) {
        super(report);
    }
}
