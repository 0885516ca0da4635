package io.jwire.docs.samples

// region kotlin-imports
import io.jwire.kotlin.*
import kotlin.time.Duration.Companion.milliseconds
// endregion
import io.jwire.channels.WireChannel

/** The guide's Kotlin pages. */
object KotlinSamples {
    fun firstProgram(log: MutableList<String>) {
        // region kotlin-first-program
        wires {                                   // a scheduler on this thread; returns when all wires end
            wire("ping") {
                repeat(3) { log += "ping ${it + 1}"; yield() }
            }
            wire("pong") {
                repeat(3) { log += "pong ${it + 1}"; sleep(10.milliseconds) }
            }
        }
        // endregion
    }

    fun scope(): Int {
        // region kotlin-scope
        val total = wires {
            wireScope {                              // fail-fast: a failing child cancels its siblings
                val a = async("a") { sleep(5.milliseconds); 20 }
                val b = async("b") { sleep(1.milliseconds); 22 }
                a.await() + b.await()                // 42, after about 5 ms: a and b ran side by side
            }
        }
        // endregion
        return total
    }

    fun selectAndTimeout(log: MutableList<String>) {
        // region kotlin-select
        wires {
            val replies = WireChannel<String>()      // rendezvous; WireChannel(capacity = 8) buffers
            wire("server") { sleep(5.milliseconds); replies.send("pong") }
            repeat(2) {
                log += select<String> {
                    onReceive(replies) { "reply $it" }
                    onTimeout(50.milliseconds) { "timeout" }
                }
            }
            log += withTimeoutOrNull(10.milliseconds) { sleep(1_000.milliseconds); "slow" } ?: "gave up"
        }
        // log: reply pong, timeout, gave up
        // endregion
    }

    fun producer(): List<Int> {
        // region kotlin-produce
        val squares = wires {
            val numbers = produce<Int>("numbers") { for (i in 1..5) send(i) }   // closed when the block ends
            numbers.map { it * it }                                          // a WireChannel is Iterable
        }
        // endregion
        return squares
    }

    fun failingProducer(log: MutableList<String>) {
        // region kotlin-produce-failure
        wires {
            try {
                wireScope {
                    val records = produce<String>("records") {
                        send("r1")
                        error("bad record 2")             // closes the channel with this failure
                    }
                    while (true) {
                        val r = records.receiveCatching()
                        if (r.isClosed) {
                            log += "closed: ${r.exceptionOrNull()?.message}"   // null after a normal end
                            break
                        }
                        log += r.getOrThrow()
                    }
                }
            } catch (e: IllegalStateException) {
                log += "scope failed: ${e.message}"       // the scope rethrows the producer's failure
            }
        }
        // log: r1, closed: bad record 2, scope failed: bad record 2
        // endregion
    }

    fun blockingCall(): Int {
        // region kotlin-blocking
        val length = wires {
            val text = blocking { java.io.File("/proc/self/status").readText() }   // on a WireIo thread
            text.length
        }
        // endregion
        return length
    }

    fun moduleOverview(replies: WireChannel<String>): Int {
        // region module-overview
        val answer = wires {                              // a scheduler on this thread, closed at the end
            val numbers = produce<Int>("numbers") { for (i in 1..3) send(i) }
            val doubled = async("doubler") { numbers.map { it * 2 }.sum() }
            val reply = select<String> {
                onReceive(replies) { "reply $it" }
                onTimeout(100.milliseconds) { "idle" }
            }
            doubled.await()
        }
        // endregion
        return answer
    }
}
