package io.jwire.kotlin

import io.jwire.sync.WireSemaphore
import kotlin.contracts.ExperimentalContracts
import kotlin.contracts.InvocationKind
import kotlin.contracts.contract
import kotlin.time.Duration

/**
 * Runs [action] holding a permit: acquires one (waiting first come, first served), runs the
 * action, and releases it however the action ends (kotlinx's `Semaphore.withPermit`). Inline:
 * nothing is allocated.
 *
 * ```kotlin
 * val upstream = WireSemaphore("upstream", 4)
 * upstream.withPermit { callUpstream() }     // at most 4 at a time
 * ```
 *
 * @throws io.jwire.NotInWireException outside a wire
 * @throws io.jwire.WireCancelledException when the calling wire is cancelled while it waits
 */
@OptIn(ExperimentalContracts::class)
public inline fun <T> WireSemaphore.withPermit(action: () -> T): T {
    contract { callsInPlace(action, InvocationKind.EXACTLY_ONCE) }
    acquire()
    try {
        return action()
    } finally {
        release()
    }
}

/**
 * Acquires a permit, waiting at most [timeout].
 *
 * ```kotlin
 * if (!permits.tryAcquire(10.milliseconds)) return reject()
 * ```
 *
 * @return true when a permit was taken, false when the timeout passed first
 * @throws IllegalArgumentException when [timeout] is negative
 * @throws io.jwire.NotInWireException outside a wire
 * @throws io.jwire.WireCancelledException when the calling wire is cancelled while it waits
 */
public fun WireSemaphore.tryAcquire(timeout: Duration): Boolean = tryAcquire(timeout.toJava())
