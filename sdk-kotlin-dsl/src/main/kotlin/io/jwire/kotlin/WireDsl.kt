package io.jwire.kotlin

/**
 * Marks the receivers of jwire's builders ([WireScope], [ProducerScope]) so that an inner builder
 * block cannot reach an outer builder's receiver by accident: inside a `wire { }` nested in a
 * `produce { }`, a bare `send(x)` does not compile instead of silently sending on the outer
 * producer's channel. Name the outer receiver explicitly when that is really meant.
 *
 * ```kotlin
 * wires {
 *     val numbers = produce<Int> {
 *         wire("helper") {
 *             // send(1)              // does not compile: send belongs to the outer ProducerScope
 *             this@produce.send(1)    // explicit, so allowed
 *         }
 *     }
 *     println(numbers.receive())
 * }
 * ```
 */
@DslMarker
@Target(AnnotationTarget.CLASS, AnnotationTarget.TYPEALIAS, AnnotationTarget.TYPE)
public annotation class WireDsl
