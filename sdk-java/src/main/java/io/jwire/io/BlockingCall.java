package io.jwire.io;

/**
 * Blocking code for {@link WireIo#call(BlockingCall)}: like {@link java.util.concurrent.Callable},
 * but with the checked exception it throws as a type parameter, so the call throws exactly that
 * type.
 *
 * <pre>{@code
 * long size = WireIo.shared().call(() -> Files.size(path));   // throws IOException
 * }</pre>
 *
 * @param <T> the result type
 * @param <E> the checked exception the code may throw ({@link RuntimeException} when none)
 */
@FunctionalInterface
public interface BlockingCall<T, E extends Exception> {
    /**
     * Runs the blocking code on a pool thread.
     *
     * @return the result that {@link WireIo#call(BlockingCall)} returns to the wire
     * @throws E the failure that {@link WireIo#call(BlockingCall)} rethrows in the wire, unchanged
     */
    T call() throws E;
}
