package io.jwire.kotlin

import io.jwire.Wire
import io.jwire.WireWait
import io.jwire.channels.ChannelClosedException
import io.jwire.channels.WireChannel
import io.jwire.channels.WireSelect
import kotlin.time.Duration

/**
 * Waits for the first of several clauses that can complete, completes it, and returns what its
 * handler returns (Go's `select`, kotlinx's `select`), over the core's `WireSelect`.
 *
 * ```kotlin
 * val event: String = select {
 *     onReceive(orders) { o -> "order $o" }
 *     onReceiveCatching(cancels) { r -> if (r.isClosed) "no more cancels" else "cancel ${r.getOrThrow()}" }
 *     onSend(audit, "tick") { "audited" }
 *     onTimeout(100.milliseconds) { "idle" }
 * }
 * ```
 *
 * When several clauses can complete, the first one registered wins (the core's chain order), as
 * kotlinx's biased `select`. Only the chosen clause's operation happens: no other value is taken
 * or sent. The block only registers clauses; it runs once, and the handlers after the wait.
 *
 * **Cost.** A `select { }` in a loop allocates nothing of its own in steady state: the builder
 * and its `WireSelect` are reused (a few per thread) while the same clause kinds on the same
 * channels and waits are registered in the same order as last time; a different set rebuilds the
 * `WireSelect` (a few small objects). Handler lambdas that capture variables are allocated by
 * Kotlin at each call, as for any lambda; non-capturing ones are not. A reused builder keeps
 * references to the channels and waits of its last select until it is used again.
 *
 * @throws ChannelClosedException when an [SelectBuilder.onReceive] channel is closed and drained
 *         (use `onReceiveCatching` to handle that), or an `onSend` channel is closed; its cause is
 *         the channel's close cause, if any
 * @throws IllegalStateException when no clause was registered
 * @throws io.jwire.NotInWireException outside a wire
 * @throws io.jwire.WireCancelledException when the calling wire is cancelled meanwhile
 */
public inline fun <R> select(builder: SelectBuilder<R>.() -> Unit): R {
    val b = SelectBuilder.obtain<R>()
    try {
        b.builder()
        return b.await()
    } finally {
        b.release()
    }
}

/**
 * The clauses of one [select]; each `on...` registers one, in order. Only inside the `select { }`
 * block: builders are reused by later selects.
 *
 * ```kotlin
 * select<Unit> {
 *     onReceive(a) { println("a: $it") }
 *     onReceive(b) { println("b: $it") }
 * }
 * ```
 *
 * @param R the type the handlers return, the value of the select
 */
@SelectDsl
public class SelectBuilder<R> @PublishedApi internal constructor() {
    // The shape: the WireSelect built for the members registered so far, and what each member is
    // (a kind and the channel or wait), kept across selects so that a select registering the same
    // members again reuses it.
    private var select: WireSelect? = null
    private var shapeKinds = IntArray(INITIAL)
    private var shapeKeys = arrayOfNulls<Any>(INITIAL)
    private var shapeSize = 0

    // This select's clauses, by member index.
    private var count = 0
    private var kinds = IntArray(INITIAL)
    private var handlers = arrayOfNulls<Any>(INITIAL)
    private var sendValues = arrayOfNulls<Any>(INITIAL)
    private var hasTimeout = false
    private var timeout: Duration = Duration.ZERO
    private var onTimeout: (() -> R)? = null

    private var inUse = false

    /**
     * A clause that receives a value from [channel] and passes it to [handler].
     *
     * ```kotlin
     * select<Int> { onReceive(numbers) { n -> n * 2 } }
     * ```
     *
     * When the channel is closed and drained, the select throws `ChannelClosedException` (with the
     * channel's close cause as its cause); use [onReceiveCatching] to handle the close as a clause.
     */
    public fun <T> onReceive(channel: WireChannel<T>, handler: (T) -> R) {
        register(MEMBER_RECEIVE, channel, null, RECEIVE, handler)
    }

    /**
     * A clause that receives from [channel] and passes a [ChannelResult] to [handler]: a value, or
     * closed once the channel is closed and drained (with the channel's close cause,
     * [ChannelResult.exceptionOrNull]).
     *
     * ```kotlin
     * select<Boolean> { onReceiveCatching(events) { r -> r.getOrNull()?.let(::handle) != null } }
     * ```
     */
    public fun <T> onReceiveCatching(channel: WireChannel<T>, handler: (ChannelResult<T>) -> R) {
        register(MEMBER_RECEIVE, channel, null, RECEIVE_CATCHING, handler)
    }

    /**
     * A clause that sends [value] on [channel], then runs [handler]. It completes when a receiver
     * waits in `receive` (rendezvous) or the buffer has room; a select's send does not yield to the
     * receiver, and two selects on the two ends of one rendezvous channel never meet.
     *
     * ```kotlin
     * select<Unit> { onSend(out, line) { sent++ } }
     * ```
     *
     * @throws NullPointerException when [value] is null
     */
    public fun <T> onSend(channel: WireChannel<T>, value: T, handler: () -> R) {
        if (value == null) {
            throw NullPointerException("a select cannot send null on channel '" + channel.name() + "'")
        }
        register(MEMBER_SEND, channel, value, SEND, handler)
    }

    /**
     * A clause that completes when [wait] is triggered (a [WireWait], such as an fd readiness or a
     * `WireTimeout`'s wait); the select does not reset it.
     *
     * ```kotlin
     * select<String> { onWait(shutdown) { "stopping" }; onReceive(jobs) { "job $it" } }
     * ```
     *
     * @throws IllegalStateException when [wait] is chained to another wait list, or is already a
     *         clause of this select
     */
    public fun onWait(wait: WireWait, handler: () -> R) {
        register(MEMBER_WAIT, wait, null, WAIT, handler)
    }

    /**
     * A clause that completes when [timeout] has passed and no other clause could complete. With
     * several, the shortest counts.
     *
     * ```kotlin
     * select<String?> { onReceive(replies) { it }; onTimeout(1.seconds) { null } }
     * ```
     *
     * @throws IllegalArgumentException when [timeout] is negative
     */
    public fun onTimeout(timeout: Duration, handler: () -> R) {
        checkInUse()
        require(!timeout.isNegative()) { "select's onTimeout($timeout): the timeout must not be negative" }
        if (!hasTimeout || timeout < this.timeout) {
            hasTimeout = true
            this.timeout = timeout
            this.onTimeout = handler
        }
    }

    /** Registers member `count`: reuses the shape's member when it is the same, else rebuilds from here. */
    private fun register(memberKind: Int, key: Any, sendValue: Any?, kind: Int, handler: Any) {
        checkInUse()
        val i = count
        if (i == 0 && !shapeStartsWith(memberKind, key)) {
            adoptShapeStartingWith(memberKind, key)
        }
        ensureCapacity(i + 1)
        if (i < shapeSize && shapeKinds[i] == memberKind && shapeKeys[i] === key) {
            if (memberKind == MEMBER_SEND) {
                select!!.setSendValue(i, sendValue!!)
            }
        } else {
            rebuild(i, memberKind, key, sendValue)
        }
        kinds[i] = kind
        handlers[i] = handler
        sendValues[i] = sendValue
        count = i + 1
    }

    private fun checkInUse() {
        check(inUse) {
            "a select's clauses can only be registered inside its select { } block, while it runs; the builder is " +
                "reused by later selects"
        }
    }

    private fun shapeStartsWith(memberKind: Int, key: Any): Boolean =
        shapeSize > 0 && shapeKinds[0] == memberKind && shapeKeys[0] === key

    /** Another select of this thread used a shape that starts with this member last: take it over (swap shapes). */
    private fun adoptShapeStartingWith(memberKind: Int, key: Any) {
        val idle = pool()
        for (j in idle.indices) {
            val other = idle[j]
            if (other.shapeStartsWith(memberKind, key)) {
                val s = select
                val k = shapeKinds
                val ks = shapeKeys
                val n = shapeSize
                select = other.select
                shapeKinds = other.shapeKinds
                shapeKeys = other.shapeKeys
                shapeSize = other.shapeSize
                other.select = s
                other.shapeKinds = k
                other.shapeKeys = ks
                other.shapeSize = n
                return
            }
        }
    }

    /** A new `WireSelect` with this select's members 0 until [i], then the given one as member [i]. */
    private fun rebuild(i: Int, memberKind: Int, key: Any, sendValue: Any?) {
        val old = select
        select = null
        shapeSize = 0 // while building: if a registration throws, the next select rebuilds
        val s = WireSelect()
        for (j in 0 until i) {
            addMember(s, shapeKinds[j], shapeKeys[j]!!, sendValues[j])
        }
        addMember(s, memberKind, key, sendValue)
        shapeKinds[i] = memberKind
        shapeKeys[i] = key
        for (j in i + 1 until shapeKeys.size) {
            shapeKeys[j] = null
        }
        select = s
        shapeSize = i + 1
        old?.close()
    }

    /** Drops the shape's members from [n] on: a new `WireSelect` with the first [n]. */
    private fun truncate(n: Int) {
        if (n == 0) {
            select?.close()
            select = null
            shapeSize = 0
            shapeKeys.fill(null)
            return
        }
        rebuild(n - 1, shapeKinds[n - 1], shapeKeys[n - 1]!!, sendValues[n - 1])
    }

    @Suppress("UNCHECKED_CAST")
    private fun addMember(s: WireSelect, memberKind: Int, key: Any, sendValue: Any?) {
        when (memberKind) {
            MEMBER_RECEIVE -> s.onReceive(key as WireChannel<*>)
            MEMBER_SEND -> s.onSend(key as WireChannel<Any>, sendValue!!)
            else -> s.onWait(key as WireWait)
        }
    }

    private fun ensureCapacity(n: Int) {
        if (shapeKinds.size < n) {
            val size = maxOf(n, shapeKinds.size * 2)
            shapeKinds = shapeKinds.copyOf(size)
            shapeKeys = shapeKeys.copyOf(size)
        }
        if (kinds.size < n) {
            val size = maxOf(n, kinds.size * 2)
            kinds = kinds.copyOf(size)
            handlers = handlers.copyOf(size)
            sendValues = sendValues.copyOf(size)
        }
    }

    /** Waits for the first clause and runs its handler. */
    @PublishedApi
    internal fun await(): R {
        val n = count
        if (n == 0) {
            check(hasTimeout) {
                "wire '" + Wire.current().name() + "' runs a select without clauses, which would wait forever; add " +
                    "onReceive/onReceiveCatching/onSend/onWait/onTimeout"
            }
            Wire.sleep(timeout.toJava()) // only a timeout: kotlinx allows that too
            return onTimeout!!()
        }
        if (n < shapeSize) {
            truncate(n)
        }
        val s = select!!
        val i = if (hasTimeout) s.await(timeout.toJava()) else s.await()
        if (i < 0) {
            return onTimeout!!()
        }
        return complete(i, s.value())
    }

    @Suppress("UNCHECKED_CAST")
    private fun complete(i: Int, value: Any?): R {
        val handler = handlers[i]
        return when (kinds[i]) {
            RECEIVE -> {
                if (value == null) {
                    val channel = shapeKeys[i] as WireChannel<*>
                    val cause = channel.closeCause()
                    throw ChannelClosedException("select's onReceive in wire '" + Wire.current().name() + "': channel '" +
                        channel.name() + "' is closed and drained" + (if (cause == null) "" else " with cause $cause") +
                        "; use onReceiveCatching to handle the close", cause)
                }
                (handler as (Any?) -> R)(value)
            }
            RECEIVE_CATCHING -> (handler as (ChannelResult<Any?>) -> R)(
                if (value == null) ChannelResult.closed((shapeKeys[i] as WireChannel<*>).closeCause()) else ChannelResult(value))
            else -> (handler as () -> R)()
        }
    }

    /** Forgets this select's clauses (not the shape) and returns the builder to its thread's pool. */
    @PublishedApi
    internal fun release() {
        for (j in 0 until count) {
            handlers[j] = null
            sendValues[j] = null
        }
        count = 0
        hasTimeout = false
        timeout = Duration.ZERO
        onTimeout = null
        inUse = false
        // this thread's pool: a wire may have moved to another thread while it waited (run() on another thread)
        val idle = pool()
        if (idle.size < MAX_IDLE) {
            idle.add(this)
        }
    }

    /** One thread's idle builders, knowing its thread. */
    private class Pool(@JvmField val thread: Thread) : ArrayList<SelectBuilder<*>>(MAX_IDLE)

    /** Builders in use right now, in nested or concurrent selects, are out of the pool. */
    @PublishedApi
    internal companion object {
        private const val INITIAL = 4
        /** Idle builders kept per thread (with the Continuation switch: per scheduler thread). */
        private const val MAX_IDLE = 8
        const val MEMBER_RECEIVE = 0
        const val MEMBER_SEND = 1
        const val MEMBER_WAIT = 2
        const val RECEIVE = 0
        const val RECEIVE_CATCHING = 1
        const val SEND = 2
        const val WAIT = 3

        private val pools = ThreadLocal.withInitial { Pool(Thread.currentThread()) }

        /**
         * The pool found last, by any thread: a select on the same thread as the previous one (the
         * common case: one scheduler thread) skips the `ThreadLocal` lookup. A racy read is safe:
         * a pool's thread is final, and a pool of another thread is never used.
         */
        private var last: Pool? = null

        /** This thread's pool. */
        private fun pool(): Pool {
            val p = last
            if (p != null && p.thread === Thread.currentThread()) {
                return p
            }
            val q = pools.get()
            last = q
            return q
        }

        /** An idle builder of this thread (the one used last), or a new one. */
        @PublishedApi
        @Suppress("UNCHECKED_CAST")
        internal fun <R> obtain(): SelectBuilder<R> {
            val idle = pool()
            val n = idle.size
            val b = if (n > 0) idle.removeAt(n - 1) as SelectBuilder<R> else SelectBuilder()
            b.inUse = true
            return b
        }
    }
}
