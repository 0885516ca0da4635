package io.jwire.kotlin

import io.jwire.Wire
import io.jwire.WireCancelledException
import io.jwire.WireFailedException
import io.jwire.WireScheduler
import io.jwire.WireTask
import io.jwire.channels.WireChannel
import io.jwire.internal.ScopeAccess
import java.util.concurrent.Callable
import io.jwire.WireScope as CoreScope

/**
 * The one implementation of [WireScope]: a thin layer over the core's [io.jwire.WireScope], owned
 * by the wire that runs the block and opened when the block starts its first child (a block that
 * starts none costs nothing). The core keeps the children, forks them, cancels them (fail-fast,
 * the owner's cancel), joins them and gathers their failures, and shows them in
 * `WireScheduler.dump()`. This class adds what is Kotlin's: the receivers, the names of unnamed
 * children, the phase of the block (a completed scope starts nothing), rethrowing the first
 * failure itself (later ones suppressed) rather than wrapped, and the rule below.
 *
 * @param owner the wire that runs the block
 * @param ownerEndsWithScope whether [owner] runs nothing but this scope's block (the block of
 *        [wires], of a child wire, of [withTimeout]); only then may the scope cancel it to stop
 *        the block when a child fails, because a jwire cancel cannot be taken back.
 */
internal open class ScopeImpl(
    final override val owner: Wire,
    private val ownerEndsWithScope: Boolean,
    final override val isSupervisor: Boolean,
) : WireScope {
    final override val scheduler: WireScheduler get() = owner.scheduler()
    /** The core scope once a child has been started (see [openCore]). */
    private var core: CoreScope? = null
    private var phase = ACTIVE
    /** A child has failed (fail-fast scopes): the block learns it when it awaits a child or ends. */
    private var childFailed = false
    /** The owner's cancel that arrived while the scope waited for its children, rethrown by [complete]. */
    private var ownerCancel: WireCancelledException? = null
    private var started = 0

    // ---------------------------------------------------------------- builders

    final override fun wire(name: String, block: WireScope.() -> Unit): Wire =
        start(name, PlainChild(this, block)).wire()

    final override fun wire(block: WireScope.() -> Unit): Wire = wire(childName("wire"), block)

    final override fun <T> async(name: String, block: WireScope.() -> T): WireDeferred<T> {
        val child = AsyncChild(this, block)
        start(name, child)
        return WireDeferred(child)
    }

    final override fun <T> async(block: WireScope.() -> T): WireDeferred<T> = async(childName("async"), block)

    final override fun <E> produce(name: String, capacity: Int, block: ProducerScope<E>.() -> Unit): WireChannel<E> {
        val channel: WireChannel<E> = if (capacity == 0) WireChannel.rendezvous(name) else WireChannel.buffered(name, capacity)
        start(name, ProducerChild(this, channel, block))
        return channel
    }

    final override fun <E> produce(capacity: Int, block: ProducerScope<E>.() -> Unit): WireChannel<E> =
        produce(childName("producer"), capacity, block)

    private fun childName(kind: String): String = owner.name() + "/" + kind + "-" + (started + 1)

    private fun <T> start(name: String, child: ChildBody<T>): WireTask<T> {
        check(scheduler.isOwnerThread()) {
            "cannot start '$name' in the scope of wire '${owner.name()}' from thread '${Thread.currentThread().name}': " +
                "a scope belongs to its scheduler's thread; start it from one of its wires"
        }
        check(phase != DONE) {
            "cannot start '$name': the scope of wire '${owner.name()}' has completed, and a child cannot outlive " +
                "its scope; start it in a scope that is still running"
        }
        val scope = core ?: openCore(owner, isSupervisor).also { core = it }
        val body: Callable<T> = child // (it is the wire's end hook too, a Runnable: not that overload)
        val task = scope.fork(name, body) // in a cancelled scope it ends without running
        child.started(task)
        started++
        return task
    }

    // ---------------------------------------------------------------- the block's life

    /**
     * Runs the scope's block, then waits for every child; throws the scope's outcome: the first
     * child failure (fail-fast scopes), else what the block threw, else the owner's cancellation.
     */
    inline fun <R> runBody(block: () -> R): R {
        val value = try {
            block()
        } catch (t: Throwable) {
            throw abort(t)
        }
        complete()
        return value
    }

    /** The block threw [thrown]: cancel and join the children; returns what the scope throws. */
    fun abort(thrown: Throwable): Throwable {
        val failedBefore = childFailed
        val scope = core
        if (scope == null) {
            phase = DONE
            return thrown
        }
        phase = COMPLETING
        if (!scope.isCancelled) {
            scope.cancel() // not when they already had their cancel: a child cleaning up must not get a second one
        }
        val failure = finish(scope) ?: return thrown // a cancel of the owner meanwhile: the block's own exception wins
        if (failedBefore) {
            // the block stopped because of it (cancelled, awaiting the failed child, or receiving from the
            // channel a failed producer closed with it): report the cause
            if (thrown !== failure && thrown !is WireCancelledException && thrown.cause !== failure) {
                failure.addSuppressed(thrown)
            }
            return failure
        }
        if (failure !== thrown) {
            if (thrown is WireCancelledException) {
                return failure // a real failure outranks a cancellation
            }
            thrown.addSuppressed(failure)
        }
        return thrown
    }

    /** The block returned: wait for the children, then throw the first failure or a cancellation of the owner. */
    fun complete() {
        val scope = core
        if (scope == null) {
            phase = DONE
            return
        }
        phase = COMPLETING
        finish(scope)?.let { throw it }
        ownerCancel?.let { throw it }
    }

    /**
     * Joins and closes the core scope. Returns the first child failure of a fail-fast scope, the
     * same instance with later failures suppressed, or null; a cancel of the owner meanwhile (the
     * core cancels the children and waits for them first) is kept in [ownerCancel]. The failures of
     * a supervisor scope's children are not the scope's: [ChildBody] has reported them.
     */
    private fun finish(core: CoreScope): Throwable? {
        try {
            core.join()
            return null
        } catch (e: WireFailedException) {
            return if (isSupervisor) null else unwrap(e.cause!!, e.suppressed)
        } catch (e: WireCancelledException) {
            ownerCancel = e
            val failures = e.suppressed // the core attaches the children's failures, the first first
            return if (isSupervisor || failures.isEmpty()) null else unwrap(failures[0], failures)
        } finally {
            phase = DONE
            core.close()
        }
    }

    private fun unwrap(first: Throwable, later: Array<Throwable>): Throwable {
        for (f in later) {
            if (f !== first) {
                first.addSuppressed(f)
            }
        }
        return first
    }

    /**
     * A child of this fail-fast scope has failed; called on the scheduler's thread as its wire
     * ends, before the core cancels its siblings. While the block runs in a wire that ends with it,
     * that wire is cancelled too, so a block waiting for something the failed child would have
     * done stops waiting.
     */
    fun childFailed() {
        if (!childFailed) {
            childFailed = true
            if (phase == ACTIVE && ownerEndsWithScope) {
                owner.cancel()
            }
        }
    }

    override fun toString(): String =
        (if (isSupervisor) "supervisor scope" else "scope") + " of wire '" + owner.name() + "'"

    companion object {
        private const val ACTIVE = 0
        private const val COMPLETING = 1
        private const val DONE = 2

        /**
         * Opens a core scope owned by [owner] (from any wire or task of its scheduler) whose
         * owner's cancel reaches the children through the block: when it meets the cancel the scope
         * cancels them, each once, and waits for them. A supervisor leaves its children's failures
         * unobserved: a failed `wire { }` that [ChildBody] reports counts as a wire nobody joins.
         */
        private fun openCore(owner: Wire, supervisor: Boolean): CoreScope {
            val scope = ScopeAccess.openFor(owner, supervisor) as CoreScope
            ScopeAccess.deferOwnerCancel(scope)
            if (supervisor) {
                ScopeAccess.leaveFailuresUnobserved(scope)
            }
            return scope
        }
    }
}
