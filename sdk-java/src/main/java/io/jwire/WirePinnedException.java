package io.jwire;

/**
 * Thrown, with the Continuation switch, when a wire tries to switch out while it is pinned to
 * the scheduler's thread. The message names the wire and the reason. What pins a wire depends on
 * the JDK:
 * <ul>
 *   <li>a native frame on its stack, or a JDK critical section: always, on every JDK;</li>
 *   <li>a held monitor ({@code synchronized}): on JDK 21 to 23 only. On JDK 24 and newer the JVM
 *       lets the wire switch out holding the monitor, and this exception is <em>not</em> thrown;
 *       the next wire that enters the same monitor then blocks the carrier for good. The stall
 *       detector ({@link WireScheduler#setStallThreshold}) reports that, naming the wire;
 *       {@code -Djwire.checkLocks=true} refuses such a switch with this exception instead;</li>
 *   <li>a held {@code java.util.concurrent} lock never pins: on the Continuation switch the other
 *       wires run on the same thread, so a {@code ReentrantLock} held across a switch silently
 *       stops excluding them. {@code -Djwire.checkLocks=true} refuses that switch too (at the cost
 *       of a JVM thread snapshot per switch: for tests and debugging).</li>
 * </ul>
 * Release monitors and locks before waiting, or use {@code WireLock}, which is wire-aware.
 */
public class WirePinnedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the wire and the reason it is pinned
     */
    public WirePinnedException(String message) {
        super(message);
    }
}
