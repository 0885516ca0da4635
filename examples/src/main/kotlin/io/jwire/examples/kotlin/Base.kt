@file:JvmName("BaseKt")

package io.jwire.examples.kotlin

import io.jwire.kotlin.sleep
import io.jwire.kotlin.wires
import io.jwire.kotlin.yield
import java.io.PrintStream
import kotlin.time.Duration.Companion.milliseconds

/**
 * libwire's `base` with the Kotlin DSL (`-Dexample=base.kt`): two wires, "hello" and "bye", take
 * turns five times through [yield], then each sleeps [stepMillis] five times with [sleep] while the
 * other runs. One OS thread (the caller's) runs both; the lines interleave because the scheduler is
 * first in, first out. Prints the same lines as the Java `base`.
 *
 * Call from any thread that is not running wires; returns when both wires have ended and rethrows
 * the first failure of either (see [wires]).
 */
public fun base(out: PrintStream, stepMillis: Long) {
    wires {
        wire("hello") { talk(out, "hello", "world!", stepMillis) }
        wire("bye") { talk(out, "bye", "world!", stepMillis) }
    }
}

private fun talk(out: PrintStream, base: String, msg: String, stepMillis: Long) {
    repeat(5) {
        out.println("$base $msg")
        yield()                          // the other wire runs now
    }
    out.println("Now slowly in $base")
    repeat(5) {
        sleep(stepMillis.milliseconds)   // the other wire runs meanwhile; no OS thread sleeps
        out.println("$base slowly $msg")
    }
}

/** Runs [base] with a one-second step, printing to standard output. */
public fun main() {
    base(System.out, 1000)
}
