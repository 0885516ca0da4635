@file:JvmName("ChannelKt")

package io.jwire.examples.kotlin

import io.jwire.kotlin.wires
import java.io.PrintStream

/**
 * libwire's `channel` with the Kotlin DSL (`-Dexample=channel.kt`): a producer wire started with
 * `produce` sends 42 over a rendezvous channel; the consumer (the main wire of [wires]) receives
 * it. The send returns only once the consumer has taken the value, so the consumer's line comes
 * first; `produce` closes the channel when its block ends, which ends the consumer's loop:
 *
 * ```
 * Consumer got 42
 * Producer finished
 * ```
 *
 * Call from any thread that is not running wires; rethrows the first failure of either wire.
 */
public fun channel(out: PrintStream) {
    wires {
        val numbers = produce<Int>("producer") {
            send(42)                     // waits until the consumer has taken it
            out.println("Producer finished")
        }
        for (value in numbers) {         // ends when the producer is done and the channel is closed
            out.println("Consumer got $value")
        }
    }
}

/** Runs [channel], printing to standard output. */
public fun main() {
    channel(System.out)
}
