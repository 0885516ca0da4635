package io.jwire.kotlin

import io.jwire.channels.ChannelClosedException
import io.jwire.Wire
import io.jwire.WireCancelledException
import io.jwire.channels.WireChannel

/**
 * The body of a wire started by a [WireScope] builder: it runs the user's block in a scope of its
 * own, reports how it ended to the parent scope, and is a node of the parent's list of children.
 */
internal abstract class ChildWire(@JvmField val parent: ScopeImpl) : Runnable {
    lateinit var wire: Wire
    @JvmField var prev: ChildWire? = null
    @JvmField var next: ChildWire? = null
    @JvmField var linked: Boolean = false
    /** Whether the scope has cancelled this child (once only). */
    @JvmField var cancelSent: Boolean = false
    /** Whether the wire ran this body; a wire cancelled before it started never does. */
    @JvmField var ran: Boolean = false

    /** Whether the wire ends with the block's failure (so `Wire.join()` and the scheduler's handler see it). */
    protected abstract val rethrows: Boolean

    /** Runs the block in [me]; throws what it threw. */
    protected abstract fun body(me: Wire)

    /** The block ended, with [thrown] or normally; returns the failure to report (null: none). */
    protected open fun ended(thrown: Throwable?): Throwable? = thrown

    /** The wire ended without running this body (cancelled before it started). */
    open fun neverRan() {}

    final override fun run() {
        ran = true
        val me = wire
        var thrown: Throwable? = null
        try {
            body(me)
        } catch (t: Throwable) {
            thrown = t
        }
        val failure = ended(thrown)
        val counted = if (failure is WireCancelledException && me.isCancelled) null else failure
        parent.childEnded(this, counted, rethrows && counted != null)
        if (failure != null && rethrows) {
            throw failure
        }
    }
}

/** A `wire { }` child: its failure ends its wire too, as a plain jwire wire's would. */
internal class PlainChild(parent: ScopeImpl, private val block: WireScope.() -> Unit) : ChildWire(parent) {
    override val rethrows: Boolean get() = true

    override fun body(me: Wire) {
        val scope = parent.childScope(me)
        scope.runBody { scope.block() }
    }
}

/** An `async { }` child: its outcome is kept for [WireDeferred.await]; the wire itself always ends normally. */
internal class AsyncChild<T>(parent: ScopeImpl, private val block: WireScope.() -> T) : ChildWire(parent) {
    override val rethrows: Boolean get() = false
    private var value: T? = null
    private var failure: Throwable? = null
    private var done = false

    override fun body(me: Wire) {
        val scope = parent.childScope(me)
        value = scope.runBody { scope.block() }
    }

    override fun ended(thrown: Throwable?): Throwable? {
        failure = thrown
        done = true
        return thrown
    }

    /** The value, or the failure thrown; only once the wire has ended. */
    @Suppress("UNCHECKED_CAST")
    fun outcome(): T {
        failure?.let { throw it }
        if (!done) {
            throw WireCancelledException("async '" + wire.name() + "' was cancelled before it started, so it has no value")
        }
        return value as T
    }
}

/**
 * A `produce { }` child: closes its channel once it has ended, with the block's failure as the
 * close cause when it failed (or was cancelled), so consumers learn it; a consumer's close ends it
 * quietly.
 */
internal class ProducerChild<E>(
    parent: ScopeImpl,
    val channel: WireChannel<E>,
    private val block: ProducerScope<E>.() -> Unit,
) : ChildWire(parent) {
    private var scope: ProducerScopeImpl<E>? = null
    override val rethrows: Boolean get() = true

    override fun body(me: Wire) {
        val s = ProducerScopeImpl(parent, me, channel)
        scope = s
        s.runBody { s.block() }
    }

    override fun neverRan() {
        channel.close(WireCancelledException("producer '" + wire.name() + "' was cancelled before it started (its " +
            "scope was failing or cancelled), so it sent nothing"))
    }

    override fun ended(thrown: Throwable?): Throwable? {
        if (thrown is ChannelClosedException && scope?.consumerClosed == true) {
            channel.close()
            return null // the consumer closed the channel: nobody wants more values
        }
        if (thrown == null) channel.close() else channel.close(thrown)
        return thrown
    }
}

/** The scope of a producer's block: a child scope that also sends on the produced channel. */
internal class ProducerScopeImpl<E>(parent: ScopeImpl, me: Wire, override val channel: WireChannel<E>) :
    ScopeImpl(parent.scheduler, me, true, false, parent.context), ProducerScope<E> {
    /** A send of this producer found the channel closed by someone else. */
    var consumerClosed: Boolean = false

    override fun send(value: E) {
        try {
            channel.send(value)
        } catch (e: ChannelClosedException) {
            consumerClosed = true
            throw e
        }
    }
}
