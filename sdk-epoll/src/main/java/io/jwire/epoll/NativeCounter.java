package io.jwire.epoll;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Eight bytes of native memory in native byte order, with their address resolved once: the value
 * an eventfd or timerfd counter read fills, or an eventfd write adds (see {@link LinuxFd#readCounter}
 * and {@link LinuxFd#addToCounter}). Each user keeps its own (a reader and a writer on different
 * threads never share one). Not API.
 */
final class NativeCounter {
    private final ByteBuffer bytes = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
    /** The address of the eight bytes, for {@link Native#read} and {@link Native#write}. */
    final long address = Native.address(bytes);

    /** The value: unsigned 64-bit, negative as a {@code long} above {@link Long#MAX_VALUE}. */
    long get() {
        return bytes.getLong(0);
    }

    /** Sets the value; returns this. */
    NativeCounter set(long value) {
        bytes.putLong(0, value);
        return this;
    }

    /** Keeps the native memory reachable up to here (call after a native call that used {@link #address}). */
    void keepAlive() {
        java.lang.ref.Reference.reachabilityFence(bytes);
    }
}
