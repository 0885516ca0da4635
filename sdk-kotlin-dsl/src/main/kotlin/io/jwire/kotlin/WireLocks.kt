package io.jwire.kotlin

import io.jwire.sync.WireLock
import kotlin.contracts.ExperimentalContracts
import kotlin.contracts.InvocationKind
import kotlin.contracts.contract
import kotlin.time.Duration

/**
 * Runs [action] holding the lock: takes it (waiting first come, first served), runs the action,
 * and releases it however the action ends (kotlinx's `Mutex.withLock`). Inline: nothing is
 * allocated.
 *
 * ```kotlin
 * val writer = WireLock("socket writer")
 * writer.withLock { socket.writeAll(frame) }     // other writers queue up meanwhile
 * ```
 *
 * @throws IllegalStateException when the calling wire already holds the lock (not reentrant)
 * @throws io.jwire.NotInWireException outside a wire
 * @throws io.jwire.WireCancelledException when the calling wire is cancelled while it waits
 */
@OptIn(ExperimentalContracts::class)
public inline fun <T> WireLock.withLock(action: () -> T): T {
    contract { callsInPlace(action, InvocationKind.EXACTLY_ONCE) }
    lock()
    try {
        return action()
    } finally {
        unlock()
    }
}

/**
 * Takes the lock, waiting at most [timeout].
 *
 * ```kotlin
 * if (lock.tryLock(50.milliseconds)) try { work() } finally { lock.unlock() }
 * ```
 *
 * @return true when the calling wire now holds the lock, false when the timeout passed first
 * @throws IllegalArgumentException when [timeout] is negative
 * @throws IllegalStateException when the calling wire already holds the lock
 * @throws io.jwire.NotInWireException outside a wire
 * @throws io.jwire.WireCancelledException when the calling wire is cancelled while it waits
 */
public fun WireLock.tryLock(timeout: Duration): Boolean = tryLock(timeout.toJava())
