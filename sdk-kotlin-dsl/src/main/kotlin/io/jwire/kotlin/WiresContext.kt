package io.jwire.kotlin

import io.jwire.Wire
import io.jwire.WireScheduler
import java.util.function.BiConsumer

/**
 * The failures of one [wires] run, in the order they happened. It is the scheduler's exception
 * handler for the run, so it hears of every wire that ends with an exception nobody took over (and
 * of every failed scheduler task and pool task): not of the children of scopes, whose failures the
 * core's scope gathers and the DSL's scope rethrows, but of a failed `wire { }` or `produce { }` of
 * a [supervisorScope], which [ChildBody] reports. [wires] rethrows them at the end.
 *
 * Used on the scheduler's thread only.
 */
internal class WiresContext(private val scheduler: WireScheduler) : BiConsumer<Wire?, Throwable> {
    /** Failures in the order they happened; [wires] throws the first with the rest suppressed. */
    val failures: ArrayList<Throwable> = ArrayList(2)

    override fun accept(wire: Wire?, failure: Throwable) {
        add(failure)
    }

    /** Records a failure, once per instance. */
    fun add(failure: Throwable) {
        for (f in failures) {
            if (f === failure) {
                return
            }
        }
        failures.add(failure)
    }

    /** The first failure with every later one suppressed, or null when there was none. */
    fun combined(): Throwable? {
        val first = failures.firstOrNull() ?: return null
        for (i in 1 until failures.size) {
            val f = failures[i]
            if (f !== first && first.suppressed.none { it === f }) {
                first.addSuppressed(f)
            }
        }
        return first
    }

    fun register() {
        scheduler.setExceptionHandler(this)
    }

    fun unregister() {
        scheduler.setExceptionHandler(null)
    }
}
