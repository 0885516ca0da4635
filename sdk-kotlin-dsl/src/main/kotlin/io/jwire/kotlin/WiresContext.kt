package io.jwire.kotlin

import io.jwire.Wire
import io.jwire.WireScheduler
import java.util.IdentityHashMap
import java.util.concurrent.ConcurrentHashMap
import java.util.function.BiConsumer

/**
 * The failures of one [wires] run, in the order they happened. It is the scheduler's exception
 * handler for the run, so it hears of every wire that ends with an exception (and of every failed
 * scheduler task and pool task). A failure that a fail-fast scope has taken over (it cancels the
 * scope's wires and is rethrown by the scope) is not counted again here: whoever catches it there
 * has handled it. Everything else is uncaught, and [wires] rethrows it at the end.
 *
 * Used on the scheduler's thread only.
 */
internal class WiresContext(private val scheduler: WireScheduler) : BiConsumer<Wire?, Throwable> {
    /** Failures in the order they happened; [wires] throws the first with the rest suppressed. */
    val failures: ArrayList<Throwable> = ArrayList(2)
    private val taken = IdentityHashMap<Throwable, Boolean>()

    /** A scope took [failure] over: it is rethrown by the scope, so the handler must not count it too. */
    fun take(failure: Throwable) {
        taken[failure] = true
    }

    override fun accept(wire: Wire?, failure: Throwable) {
        if (taken.remove(failure) == null) {
            add(failure)
        }
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
        active[scheduler] = this
    }

    fun unregister() {
        active.remove(scheduler, this)
        scheduler.setExceptionHandler(null)
    }

    companion object {
        private val active = ConcurrentHashMap<WireScheduler, WiresContext>()

        /** The context of the [wires] run that [scheduler] belongs to, or null for a scheduler run by hand. */
        fun of(scheduler: WireScheduler): WiresContext? = active[scheduler]
    }
}
