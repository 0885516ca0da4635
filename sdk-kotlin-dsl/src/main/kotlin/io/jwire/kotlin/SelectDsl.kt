package io.jwire.kotlin

/**
 * Marks [SelectBuilder], so that the clauses of an inner `select { }` cannot be registered on an
 * outer one by accident. It is a marker of its own, not [WireDsl], so a clause handler may still
 * start wires of the enclosing [WireScope]:
 *
 * ```kotlin
 * wires {
 *     select<Unit> {
 *         onReceive(requests) { r -> wire("handle ${r.id}") { handle(r) } }   // wire { } of the scope
 *         onTimeout(1.seconds) { }
 *     }
 * }
 * ```
 */
@DslMarker
@Target(AnnotationTarget.CLASS, AnnotationTarget.TYPEALIAS, AnnotationTarget.TYPE)
public annotation class SelectDsl
