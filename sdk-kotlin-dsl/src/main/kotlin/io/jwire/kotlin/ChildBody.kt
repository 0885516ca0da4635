package io.jwire.kotlin

import io.jwire.Wire
import io.jwire.WireCancelledException
import io.jwire.WireTask
import io.jwire.channels.ChannelClosedException
import io.jwire.channels.WireChannel
import io.jwire.internal.Waiter
import java.util.concurrent.Callable

/**
 * The body of a wire started by a [WireScope] builder and forked into the parent's core scope: it
 * runs the user's block in a scope of its own, and tells the parent what the core cannot know
 * (a fail-fast parent may have to cancel its owner; a supervisor's failed `wire { }` is reported to
 * the scheduler). It is also the wire's end hook ([Runnable]), which runs however the wire ended,
 * also when it was cancelled before it started.
 */
internal abstract class ChildBody<T>(@JvmField val parent: ScopeImpl) : Callable<T>, Runnable {
    lateinit var task: WireTask<T>
    /** Whether the wire ran this body; a wire cancelled before it started never does. */
    private var ran = false
    /** Whether the wire ends failed (not by its cancellation): the core then counts it for the parent. */
    private var failed = false

    /** Whether a failure in a supervisor scope is reported as a wire nobody joins (`wire`, `produce`; not `async`). */
    protected abstract val reported: Boolean

    /** Runs the block in the child's wire; throws what it threw. */
    protected abstract fun body(): T

    /** The block ended, with [thrown] or normally; returns the failure the wire ends with (null: none). */
    protected open fun ended(thrown: Throwable?): Throwable? = thrown

    /** The wire ended without running this body (cancelled before it started). */
    protected open fun neverRan() {}

    /** The core forked [task] with this body. */
    fun started(task: WireTask<T>) {
        this.task = task
        Waiter.onEnd(task.wire(), this)
    }

    final override fun call(): T {
        ran = true
        var value: T? = null
        var thrown: Throwable? = null
        try {
            value = body()
        } catch (t: Throwable) {
            thrown = t
        }
        val failure = ended(thrown)
        if (failure == null) {
            @Suppress("UNCHECKED_CAST")
            return value as T
        }
        if (failure !is WireCancelledException || !task.wire().isCancelled) {
            failed = true
            if (parent.isSupervisor && reported) {
                Waiter.current("wire { }").reportFailure(failure) // logged, and passed to the exception handler
            }
        }
        throw failure
    }

    /** The wire has ended (scheduler thread). */
    final override fun run() {
        if (!ran) {
            neverRan()
        }
        if (failed && !parent.isSupervisor) {
            parent.childFailed()
        }
    }
}

/** A `wire { }` child: its failure ends its wire too, as a plain jwire wire's would. */
internal class PlainChild(parent: ScopeImpl, private val block: WireScope.() -> Unit) : ChildBody<Unit>(parent) {
    override val reported: Boolean get() = true

    override fun body() {
        val scope = ScopeImpl(task.wire(), true, false)
        scope.runBody { scope.block() }
    }
}

/** An `async { }` child: its outcome is read through its task by [WireDeferred.await]. */
internal class AsyncChild<T>(parent: ScopeImpl, private val block: WireScope.() -> T) : ChildBody<T>(parent) {
    override val reported: Boolean get() = false

    /** The cancellation the block ended with, rethrown by [WireDeferred.await]. */
    var cancel: WireCancelledException? = null

    override fun body(): T {
        val scope = ScopeImpl(task.wire(), true, false)
        return scope.runBody { scope.block() }
    }

    override fun ended(thrown: Throwable?): Throwable? {
        if (thrown is WireCancelledException) {
            cancel = thrown
        }
        return thrown
    }
}

/**
 * A `produce { }` child: closes its channel once it has ended, with the block's failure as the
 * close cause when it failed (or was cancelled), so consumers learn it; a consumer's close ends it
 * quietly.
 */
internal class ProducerChild<E>(
    parent: ScopeImpl,
    private val channel: WireChannel<E>,
    private val block: ProducerScope<E>.() -> Unit,
) : ChildBody<Unit>(parent) {
    private var scope: ProducerScopeImpl<E>? = null
    override val reported: Boolean get() = true

    override fun body() {
        val s = ProducerScopeImpl(task.wire(), channel)
        scope = s
        s.runBody { s.block() }
    }

    override fun neverRan() {
        channel.close(WireCancelledException("producer '" + task.name() + "' was cancelled before it started (its " +
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
internal class ProducerScopeImpl<E>(owner: Wire, override val channel: WireChannel<E>) :
    ScopeImpl(owner, true, false), ProducerScope<E> {
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
