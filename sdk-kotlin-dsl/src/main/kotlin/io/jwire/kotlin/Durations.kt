package io.jwire.kotlin

import kotlin.time.Duration
import kotlin.time.toJavaDuration

/**
 * The last converted duration. The Java core takes `java.time.Duration`, an object; a Kotlin
 * [Duration] is a value. A loop that passes the same timeout on every call (the usual case) finds
 * it here and allocates nothing; a different duration costs one conversion. The holder is
 * immutable, so a racy read from another scheduler's thread sees a consistent pair.
 */
private class ConvertedDuration(val kotlin: Duration, val java: java.time.Duration)

@Volatile
private var lastConverted = ConvertedDuration(Duration.ZERO, java.time.Duration.ZERO)

/** This duration as a `java.time.Duration` for the Java core, without allocating when it repeats. */
internal fun Duration.toJava(): java.time.Duration {
    val last = lastConverted
    if (last.kotlin == this) {
        return last.java
    }
    val converted = toJavaDuration()
    lastConverted = ConvertedDuration(this, converted)
    return converted
}
