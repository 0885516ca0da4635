package io.jwire.kotlin

import io.jwire.KeepAlive
import io.jwire.SchedulerClosedException
import io.jwire.WireScheduler
import java.lang.ref.WeakReference
import java.util.IdentityHashMap
import java.util.WeakHashMap
import java.util.concurrent.atomic.AtomicLong
import java.util.function.Supplier
import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.Continuation
import kotlin.coroutines.ContinuationInterceptor

/**
 * Runs Kotlin coroutines on a [WireScheduler]: a `ContinuationInterceptor` built on kotlin-stdlib
 * alone, so it works as the context of kotlinx.coroutines' builders (`launch`, `async`,
 * `withContext`, `runBlocking`, `flowOn`) and of the stdlib's `startCoroutine`. Get the one
 * dispatcher of a scheduler with [asCoroutineContext].
 *
 * ```kotlin
 * val scheduler = WireScheduler.create()
 * val jwire = scheduler.asCoroutineContext()
 * CoroutineScope(jwire).launch {
 *     val page = withContext(Dispatchers.IO) { URL(url).readText() }   // back on the scheduler after the hop
 *     replies.send(page)                                                // a WireChannel: blocks this coroutine only
 * }
 * scheduler.run()                                                       // returns once the coroutine has ended
 * ```
 *
 * **Every resumption runs inside a wire**, its own: it is appended to the back of the scheduler's
 * ready queue like any wire (coroutines and wires take turns first come, first served), starts on
 * a fresh stack (a chain of 10^5 coroutines resuming one another does not grow a stack), and may
 * call blocking jwire APIs — `WireChannel.send`, `WireLock.lock`, `sleep`, sockets, `WireIo` —
 * which suspend only that wire, so only that coroutine waits. (Resumer wires are reused: in steady
 * state a resumption allocates nothing here; and when the next wire to run is a resumer woken for
 * the next resumption, the resumer that just finished runs that resumption itself, in the same FIFO
 * place, so coroutines resuming each other switch no stacks.) A resumption from another thread (kotlinx's timer,
 * `Dispatchers.IO`) goes through the scheduler's inbox and wakes it.
 *
 * **`run()` waits for the coroutines.** Every continuation this dispatcher intercepts and kotlin
 * has not released yet is counted ([liveContinuations]); while the count is above zero the
 * dispatcher holds a `KeepAlive`, so `run()` does not return while a coroutine launched on the
 * scheduler lives, even when it waits for a timer or a thread elsewhere.
 *
 * **What a stdlib interceptor cannot do** (a `CoroutineDispatcher` is kotlinx API, so this is
 * not one; each limit is asserted by the interop tests):
 * - kotlinx's `yield()` does nothing here but check for cancellation: use [yieldToWires].
 * - No prompt cancellation: a coroutine cancelled after its resumption was handed over still runs
 *   that resumption (a value handed to a cancelled receiver is received, not lost); one cancelled
 *   before it first ran still starts. Check `ensureActive()` where that matters.
 * - `delay` and `withTimeout` use kotlinx's own timer thread and come back through the inbox.
 * - Inside a WireLock held by coroutine code, do not suspend: the next resumption may run in
 *   another wire, which does not hold the lock (see [withLockSuspending] for a lock held across
 *   suspensions). `currentWire` likewise may change at every suspension.
 * - A program stuck while coroutines live waits instead of failing with `WireDeadlockException`,
 *   since a wake-up may still come from any thread; `scheduler.dump()` then lists the wires and,
 *   under the dispatcher's `KeepAlive`, each live coroutine ([dump]: its context, with kotlinx's
 *   `CoroutineName`, and where it is suspended).
 *
 * **Closing.** When the scheduler is closed while coroutines still live on it, each is resumed with
 * a `WireCancelledException` at its next resumption (on the resuming thread if no wire can take
 * it), as closing cancels wires; close a scheduler once `run()` has returned and nothing is lost.
 *
 * Any thread may use a dispatcher; it is confined to nothing.
 */
public class WireDispatcher private constructor(
    /**
     * The scheduler whose wires run the coroutines.
     *
     * ```kotlin
     * check(scheduler.asCoroutineContext().scheduler === scheduler)
     * ```
     */
    public val scheduler: WireScheduler,
) : AbstractCoroutineContextElement(ContinuationInterceptor), ContinuationInterceptor {
    private val lock = Any()
    private var live = 0
    private var hold: KeepAlive? = null
    /** Live intercepted continuations, a doubly linked list through the steps (for [dump]). */
    private var head: DispatchedStep<*>? = null
    private val fromOtherThreads = AtomicLong()
    /** What the dispatcher's `KeepAlive` says in `scheduler.dump()`: the live coroutines. */
    private val keepAliveDescription = Supplier { dump() }

    /** The resumer wires; used on the scheduler's thread only. */
    internal val resumers: Resumers = Resumers(scheduler, this)

    /**
     * How many continuations this dispatcher has intercepted that kotlin has not released yet
     * (roughly: suspended frames of live coroutines); while above zero the dispatcher holds a
     * `KeepAlive` on the scheduler. Zero once every coroutine has ended. Any thread.
     *
     * ```kotlin
     * scheduler.run()
     * check(scheduler.asCoroutineContext().liveContinuations == 0)
     * ```
     */
    public val liveContinuations: Int
        get() = synchronized(lock) { live }

    /**
     * How many resumptions came from a thread other than the scheduler's (kotlinx's timer for
     * `delay`, `Dispatchers.IO` after `withContext`, another scheduler): each went through the
     * scheduler's inbox, which costs a wake-up. Any thread.
     *
     * ```kotlin
     * val before = jwire.resumptionsFromOtherThreads
     * delay(1)                                         // kotlinx's timer thread resumes it
     * check(jwire.resumptionsFromOtherThreads == before + 1)
     * ```
     */
    public val resumptionsFromOtherThreads: Long
        get() = fromOtherThreads.get()

    /**
     * Intercepts [continuation]: its resumptions will run in wires of [scheduler], and it counts as
     * live until [releaseInterceptedContinuation]. Called by kotlin when a coroutine on this
     * dispatcher first suspends in a frame, not by user code:
     *
     * ```kotlin
     * suspend { delay(1) }.startCoroutine(Continuation(jwire) { })   // kotlin intercepts here
     * ```
     */
    override fun <T> interceptContinuation(continuation: Continuation<T>): Continuation<T> {
        val step = DispatchedStep(this, continuation)
        synchronized(lock) {
            step.next = head
            head?.prev = step
            head = step
            if (live++ == 0) {
                hold = scheduler.keepAlive(keepAliveDescription)
            }
        }
        return step
    }

    /**
     * Releases a continuation this dispatcher intercepted, once its frame has completed; when none
     * is left, the dispatcher's `KeepAlive` is closed and `run()` may return. Called by kotlin, not
     * by user code:
     *
     * ```kotlin
     * scheduler.run()     // every coroutine ended: kotlin released each continuation
     * check(jwire.liveContinuations == 0)
     * ```
     */
    override fun releaseInterceptedContinuation(continuation: Continuation<*>) {
        val step = continuation as? DispatchedStep<*> ?: return
        synchronized(lock) {
            val p = step.prev
            val n = step.next
            if (p == null) head = n else p.next = n
            n?.prev = p
            step.prev = null
            step.next = null
            if (--live == 0) {
                hold?.close()
                hold = null
            }
        }
    }

    /** Hands [step] to a resumer wire: directly on the scheduler's thread, through its inbox from elsewhere. */
    internal fun dispatch(step: DispatchedStep<*>) {
        if (scheduler.isOwnerThread()) {
            startHere(step)
            return
        }
        fromOtherThreads.incrementAndGet()
        try {
            scheduler.execute(step)
        } catch (e: SchedulerClosedException) {
            resumeClosed(step)
        }
    }

    /** Starts [step] in a resumer wire; the scheduler's thread. */
    internal fun startHere(step: ResumeStep<*>) {
        try {
            resumers.start(step)
        } catch (e: SchedulerClosedException) {
            resumeClosed(step)
        }
    }

    /** The scheduler is closed: the coroutine resumes with a cancellation on this thread, so it can end. */
    private fun resumeClosed(step: ResumeStep<*>) {
        step.resumeCancelledHere("a coroutine of $this")
    }

    /**
     * A text dump of the live coroutines of this dispatcher: for each (by coroutine context), its
     * context (kotlinx shows the coroutine's name and job there) and the frames where it is
     * suspended. With `scheduler.dump()` (the wires) it tells who waits on what in a program that
     * does not end. Best effort from another thread. Any thread.
     *
     * ```kotlin
     * Runtime.getRuntime().addShutdownHook(Thread { System.err.println(scheduler.dump() + jwire.dump()) })
     * ```
     */
    public fun dump(): String {
        val steps = ArrayList<DispatchedStep<*>>()
        synchronized(lock) {
            var s = head
            while (s != null) {
                steps.add(s)
                s = s.next
            }
        }
        // one entry per coroutine context, with the deepest suspended frame chain seen for it
        val byContext = IdentityHashMap<Any, String>()
        for (s in steps) {
            val frames = s.frames()
            val known = byContext[s.context]
            if (known == null || frames.length > known.length) {
                byContext[s.context] = frames
            }
        }
        val sb = StringBuilder()
        sb.append(this).append(": ").append(byContext.size).append(" live coroutine(s), ")
            .append(steps.size).append(" live continuation(s)\n")
        for ((context, frames) in byContext) {
            sb.append("coroutine ").append(context).append('\n').append(frames)
        }
        return sb.toString()
    }

    /** Names the scheduler, for logs and coroutine contexts. */
    override fun toString(): String = "WireDispatcher[$scheduler]"

    internal companion object {
        /** One dispatcher per scheduler, kept while the scheduler or a coroutine context refers to it. */
        private val dispatchers = WeakHashMap<WireScheduler, WeakReference<WireDispatcher>>()

        /** The dispatcher of [scheduler]. Any thread. */
        fun of(scheduler: WireScheduler): WireDispatcher = synchronized(dispatchers) {
            dispatchers[scheduler]?.get() ?: WireDispatcher(scheduler).also { dispatchers[scheduler] = WeakReference(it) }
        }
    }
}

/**
 * The [WireDispatcher] of this scheduler (one per scheduler): a coroutine context under which
 * coroutines run in this scheduler's wires.
 *
 * ```kotlin
 * wires {
 *     val jwire = scheduler.asCoroutineContext()
 *     CoroutineScope(jwire).launch { delay(10); println("in wire ${currentWire.name()}") }
 * }   // wires { } returns once the coroutine has ended
 * ```
 *
 * Any thread.
 */
public fun WireScheduler.asCoroutineContext(): WireDispatcher = WireDispatcher.of(this)

/** A continuation intercepted by a [WireDispatcher]: each resumption runs in a resumer wire. */
internal class DispatchedStep<T>(private val dispatcher: WireDispatcher, delegate: Continuation<T>) :
    ResumeStep<T>(delegate) {
    @JvmField var prev: DispatchedStep<*>? = null
    @JvmField var next: DispatchedStep<*>? = null

    override fun dispatch() {
        dispatcher.dispatch(this)
    }

    /** Through the inbox: now on the scheduler's thread. */
    override fun run() {
        dispatcher.startHere(this)
    }
}
