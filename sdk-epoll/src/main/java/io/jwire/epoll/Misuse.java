package io.jwire.epoll;

import io.jwire.Wire;

/**
 * Messages for misuse, the unchecked side of sdk-epoll's error rule (see the
 * {@linkplain io.jwire.epoll package comment}): each names the call, who made it (the wire, or
 * the thread when it is not a wire) and what to do instead. Built only when the misuse happens.
 * The I/O side is {@link Errors}. Not API.
 */
final class Misuse {
    private Misuse() {
    }

    /** {@code "wire 'name'"} for the calling wire, or {@code "thread 'name' (not a wire)"}. */
    static String caller() {
        return Wire.inWire() ? "wire '" + Wire.current().name() + "'"
                : "thread '" + Thread.currentThread().getName() + "' (not a wire)";
    }

    /**
     * An {@link IllegalArgumentException} reading {@code "<call> in <caller>: <problemAndFix>"}.
     *
     * @param call the call with its arguments and target, such as {@code "read on socket fd 7 to 127.0.0.1:80"}
     * @param problemAndFix what is wrong with the argument and what to pass instead
     */
    static IllegalArgumentException badArgument(String call, String problemAndFix) {
        return new IllegalArgumentException(call + " in " + caller() + ": " + problemAndFix);
    }
}
