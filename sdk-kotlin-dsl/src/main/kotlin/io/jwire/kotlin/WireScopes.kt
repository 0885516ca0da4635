package io.jwire.kotlin

import io.jwire.Wire

/**
 * Runs [block] in the calling wire with a new fail-fast [WireScope], waits until every wire it
 * started has ended, and returns the block's value (kotlinx's `coroutineScope`, JDK's
 * `StructuredTaskScope` with "shut down on failure"). Callable from any wire, also one started
 * through the Java API.
 *
 * ```kotlin
 * val (user, orders) = wireScope {
 *     val user = async("user") { loadUser(id) }
 *     val orders = async("orders") { loadOrders(id) }
 *     user.await() to orders.await()
 * }
 * ```
 *
 * The first child that fails cancels the other children; `wireScope` then throws that failure
 * (later ones suppressed). The block itself runs in the calling wire and is not interrupted (a
 * jwire cancel cannot be taken back, and the caller lives on after the scope): it meets the failure
 * when it awaits or joins a child, and at its end. When the calling wire is cancelled, the children
 * are cancelled and awaited, and the `WireCancelledException` is rethrown.
 *
 * @throws io.jwire.NotInWireException outside a wire
 */
public fun <T> wireScope(block: WireScope.() -> T): T = runScope(false, block)

/**
 * Like [wireScope], but a child's failure touches nobody else: the siblings and the block go on,
 * and the scope completes once every child has ended (kotlinx's `supervisorScope`). A failed
 * [WireScope.wire] child is reported like a wire nobody joins (logged, passed to the scheduler's
 * exception handler, and rethrown by [wires] at its end); a failed [WireScope.async] child only
 * through its [WireDeferred.await].
 *
 * ```kotlin
 * supervisorScope {
 *     for (c in connections) wire("conn ${c.remoteAddress()}") { c.use { serve(it) } }   // one failing connection does not close the others
 * }
 * ```
 *
 * @throws io.jwire.NotInWireException outside a wire
 */
public fun <T> supervisorScope(block: WireScope.() -> T): T = runScope(true, block)

private fun <T> runScope(supervisor: Boolean, block: WireScope.() -> T): T {
    val scope = ScopeImpl(Wire.current(), false, supervisor)
    return scope.runBody { scope.block() }
}
