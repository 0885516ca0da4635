package io.jwire.kotlin

import io.jwire.sync.WirePool

/**
 * Runs [task] on one of the pool's workers, named [name] while it runs; waits first come, first
 * served while every worker is busy (libwire's `wire_pool_alloc_block`, `WirePool.start`). A task
 * that throws frees its slot and is reported like a wire nobody joins (logged, passed to the
 * scheduler's exception handler; inside [wires], rethrown at its end).
 *
 * ```kotlin
 * wires {
 *     WirePool(scheduler, "handlers", 4).use { pool ->
 *         for (i in 1..10) pool.launch("request $i") { handle(i) }
 *     }                                  // closing lets the running tasks finish
 * }
 * ```
 *
 * @throws IllegalStateException when the pool is or gets closed before a worker was free, or
 *         from a wire of another scheduler
 * @throws io.jwire.NotInWireException outside a wire
 * @throws io.jwire.WireCancelledException when the calling wire is cancelled before a worker was free
 */
public fun WirePool.launch(name: String, task: () -> Unit) {
    start(name, task)
}

/**
 * Runs [task] on a worker if one is free now and nobody waits in [launch]; never waits (libwire's
 * `wire_pool_alloc`, `WirePool.tryStart`).
 *
 * ```kotlin
 * if (!pool.tryLaunch("request") { handle() }) reply503()
 * ```
 *
 * @return true when a worker took the task, false when every worker is busy
 * @throws IllegalStateException when the pool is closed, or off its scheduler's thread
 */
public fun WirePool.tryLaunch(name: String, task: () -> Unit): Boolean = tryStart(name, task) != null
