package io.jwire.kotlin

import io.jwire.Wire
import io.jwire.WireCancelledException
import io.jwire.WireScheduler
import io.jwire.internal.Waiter

/**
 * The wires that run coroutine resumptions on one scheduler: each resumption runs in a wire of
 * its own, appended to the back of the ready queue like any wire, so coroutines and wires take
 * turns first come, first served; each starts on a fresh stack, so a chain of coroutines resuming
 * one another never grows a stack; and coroutine code may call blocking jwire APIs (channels,
 * locks, sleep, sockets, WireIo), which then suspend that one wire: only that coroutine waits.
 *
 * Resumer wires are reused: one that has run its resumption parks idle (it neither keeps
 * `run()` going nor counts as stuck) and takes the next one, most recently idle first, so in steady
 * state a resumption allocates nothing. At most [MAX_IDLE] stay idle; they end when the scheduler
 * closes.
 *
 * A resumer that has run its resumption also runs the next one itself when the resumer woken for
 * it is the next wire the scheduler would run anyway (the head of its ready queue): the wake is
 * taken back ([Waiter.unwakeIfNext]) and the resumption runs in the same place in first-come,
 * first-served order, without the two switches. Coroutines that resume each other (a ping-pong
 * over a kotlinx `Channel`) so run back to back on one stack frame at a time. After [MAX_INLINE]
 * in a row the resumer parks anyway, so the scheduler's loop still fires timers and polls events.
 *
 * Used on the scheduler's thread only.
 */
internal class Resumers(
    private val scheduler: WireScheduler,
    /** Kept reachable while any of its resumer wires lives (the scheduler's live wires refer to them). */
    @Suppress("unused") private val dispatcher: WireDispatcher,
) {
    private val idle = ArrayList<Resumer>()
    /** Resumers woken for a resumption they have not started yet, in the order woken (the ready queue's). */
    private val woken = ArrayDeque<Resumer>()
    private var created = 0
    private val idleSite: Any = object {
        override fun toString(): String =
            "a coroutine to resume (idle coroutine resumer of $scheduler; it ends when the scheduler closes)"
    }

    /**
     * Runs [step] in a resumer wire: an idle one, or a new one. Scheduler thread.
     *
     * @throws io.jwire.SchedulerClosedException when the scheduler is closed and no idle resumer is left
     */
    fun start(step: ResumeStep<*>) {
        val n = idle.size
        if (n > 0) {
            val r = idle.removeAt(n - 1)
            r.task = step
            woken.addLast(r)
            r.waiter!!.wake()
            return
        }
        val r = Resumer()
        r.task = step
        val w = scheduler.spawn("coroutine-resumer-" + (++created), r)
        r.wire = w
        Waiter.onEnd(w, r::ended)
    }

    /**
     * The resumption that the next wire to run would run, taken from its resumer (which stays
     * parked idle), or null when the next wire to run is not a woken resumer. Scheduler thread.
     */
    private fun takeNext(): ResumeStep<*>? {
        val r = woken.firstOrNull() ?: return null
        if (!r.waiter!!.unwakeIfNext()) {
            return null
        }
        woken.removeFirst()
        val t = r.task
        r.task = null
        idle.add(r)
        return t
    }

    /** One resumer wire's loop. */
    private inner class Resumer : Runnable {
        /** The resumption to run next; set by [start]. */
        var task: ResumeStep<*>? = null
        /** The wire's waiter, once it runs. */
        var waiter: Waiter? = null
        lateinit var wire: Wire

        override fun run() {
            val me = Waiter.current("coroutine resumer")
            waiter = me
            try {
                while (true) {
                    val t = task
                    if (t == null) {
                        try {
                            me.parkIdle(idleSite)
                        } catch (e: WireCancelledException) {
                            // the scheduler closes: a resumption handed over meanwhile still runs
                            leftWoken()
                            task?.let { runOne(me, it) }
                            return
                        }
                        leftWoken()
                        continue
                    }
                    runOne(me, t)
                    var inline = 0
                    while (inline < MAX_INLINE && !wire.isCancelled) {
                        runOne(me, takeNext() ?: break)
                        inline++
                    }
                    if (wire.isCancelled || idle.size >= MAX_IDLE) {
                        return
                    }
                    idle.add(this)
                }
            } finally {
                idle.remove(this)
                leftWoken()
            }
        }

        /** This resumer runs: it is no longer one woken and waiting to start. */
        private fun leftWoken() {
            woken.remove(this) // usually the first: ArrayDeque removes that in constant time
        }

        private fun runOne(me: Waiter, t: ResumeStep<*>) {
            task = null
            try {
                t.runStep()
            } catch (e: Throwable) {
                // a compiled coroutine passes its own failures to its completion; what escapes came
                // from a completion or a hand-written continuation: report it like a wire failure
                if (!(e is WireCancelledException && wire.isCancelled)) {
                    me.reportFailure(e)
                }
            }
        }

        /**
         * The wire ended. One cancelled before it started (its scheduler closed) never ran its
         * resumption: the coroutine is resumed with the cancellation on this thread, so it is not
         * left suspended forever.
         */
        fun ended() {
            val t = task ?: return
            task = null
            t.failWith(WireCancelledException("a coroutine of $scheduler was to resume in wire '" + wire.name() +
                "', which was cancelled before it started (the scheduler was closed); the coroutine resumes with " +
                "this cancellation on the scheduler's thread instead"))
            t.runStep()
        }
    }

    private companion object {
        /** Idle resumer wires kept for reuse; more end once their resumption has run. */
        const val MAX_IDLE = 64

        /** Resumptions one resumer runs in a row in place of the next woken resumer before it parks. */
        const val MAX_INLINE = 64
    }
}
