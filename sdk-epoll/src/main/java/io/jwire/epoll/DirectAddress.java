package io.jwire.epoll;

import java.nio.ByteBuffer;

/**
 * The native address of the direct buffer last passed in one direction of a socket, looked up
 * once per buffer instead of once per call: a socket's reads (or writes) usually go to the same
 * buffer again and again (an echo loop's, a {@link WireSource}'s), so the common call makes no
 * lookup at all and passes the kernel a plain {@code long} (see {@link Native}).
 *
 * <p>It remembers the buffer itself (to know it again, by identity), so that buffer stays reachable
 * until another one is used or the owner calls {@link #forget()} (a socket does on close).
 * Scheduler thread only, like its socket. Allocates nothing on a hit. Not API.
 */
final class DirectAddress {
    private ByteBuffer buffer;
    private long address;

    /**
     * The address of {@code direct}'s byte at index {@code index}.
     *
     * @param direct a direct buffer
     * @param index an index in it (usually its position)
     */
    long of(ByteBuffer direct, int index) {
        if (direct != buffer) {
            address = Native.address(direct);
            buffer = direct;
        }
        return address + index;
    }

    /** Lets go of the remembered buffer. */
    void forget() {
        buffer = null;
        address = 0;
    }
}
