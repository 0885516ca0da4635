/**
 * The call shapes that {@code NativeBoundaryBench} compares, each registered with JNA on its own:
 * {@link io.jwire.benchmarks.nativecalls.JnaBufferCalls} ({@code ByteBuffer} parameters) and
 * {@link io.jwire.benchmarks.nativecalls.JnaAddressCalls} (primitive {@code long} addresses).
 */
package io.jwire.benchmarks.nativecalls;
