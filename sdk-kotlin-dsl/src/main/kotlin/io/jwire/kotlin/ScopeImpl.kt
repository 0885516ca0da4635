package io.jwire.kotlin

import io.jwire.Wire
import io.jwire.WireCancelledException
import io.jwire.channels.WireChannel
import io.jwire.WireFailedException
import io.jwire.WireScheduler

/**
 * The one implementation of [WireScope]: the children of one block, kept in an intrusive list
 * (constant time to add and remove, so a long-lived scope such as an accept loop does not grow),
 * the first failure, and the phase of the block.
 *
 * @param ownerEndsWithScope whether [owner] runs nothing but this scope's block (the block of
 *        [wires], of a child wire, of [withTimeout]); only then may the scope cancel it to stop
 *        the block, because a jwire cancel cannot be taken back.
 */
internal open class ScopeImpl(
    final override val scheduler: WireScheduler,
    final override val owner: Wire,
    private val ownerEndsWithScope: Boolean,
    final override val isSupervisor: Boolean,
    val context: WiresContext?,
) : WireScope {
    private var head: ChildWire? = null
    private var tail: ChildWire? = null
    private var failure: Throwable? = null
    private var phase = ACTIVE
    private var ownerCancelled = false
    /** The scope cancels its children (a failure, or the owner's cancel): children started from now on too. */
    private var cancelling = false
    private var started = 0

    // ---------------------------------------------------------------- builders

    final override fun wire(name: String, block: WireScope.() -> Unit): Wire =
        start(name, PlainChild(this, block)).wire

    final override fun wire(block: WireScope.() -> Unit): Wire = wire(childName("wire"), block)

    final override fun <T> async(name: String, block: WireScope.() -> T): WireDeferred<T> =
        WireDeferred(start(name, AsyncChild(this, block)))

    final override fun <T> async(block: WireScope.() -> T): WireDeferred<T> = async(childName("async"), block)

    final override fun <E> produce(name: String, capacity: Int, block: ProducerScope<E>.() -> Unit): WireChannel<E> {
        val channel: WireChannel<E> = if (capacity == 0) WireChannel.rendezvous(name) else WireChannel.buffered(name, capacity)
        return start(name, ProducerChild(this, channel, block)).channel
    }

    final override fun <E> produce(capacity: Int, block: ProducerScope<E>.() -> Unit): WireChannel<E> =
        produce(childName("producer"), capacity, block)

    private fun childName(kind: String): String = owner.name() + "/" + kind + "-" + (started + 1)

    private fun <C : ChildWire> start(name: String, child: C): C {
        check(scheduler.isOwnerThread()) {
            "cannot start '$name' in the scope of wire '${owner.name()}' from thread '${Thread.currentThread().name}': " +
                "a scope belongs to its scheduler's thread; start it from one of its wires"
        }
        check(phase != DONE) {
            "cannot start '$name': the scope of wire '${owner.name()}' has completed, and a child cannot outlive " +
                "its scope; start it in a scope that is still running"
        }
        child.wire = scheduler.spawn(name, child)
        started++
        link(child)
        if (cancelling) {
            cancel(child) // a fail-fast scope that is failing starts nothing new: it ends without running
        }
        return child
    }

    /** A child scope for a wire that runs nothing but its block. */
    fun childScope(me: Wire): ScopeImpl = ScopeImpl(scheduler, me, true, false, context)

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
        val before = failure
        phase = COMPLETING
        cancelChildren()
        joinChildren()
        phase = DONE
        if (before != null) {
            // the block stopped because of it (cancelled, awaiting the failed child, or receiving from the
            // channel a failed producer closed with it): report the cause
            if (thrown !== before && thrown !is WireCancelledException && thrown.cause !== before) {
                before.addSuppressed(thrown)
            }
            return before
        }
        val later = failure
        if (later != null && later !== thrown) {
            if (thrown is WireCancelledException) {
                return later // a real failure outranks a cancellation
            }
            thrown.addSuppressed(later)
        }
        return thrown
    }

    /** The block returned: wait for the children, then throw the first failure or a cancellation of the owner. */
    fun complete() {
        phase = COMPLETING
        val cancel = joinChildren()
        phase = DONE
        failure?.let { throw it }
        if (cancel != null) {
            throw cancel
        }
    }

    /**
     * Waits until every child has ended. A cancellation of the owner meanwhile cancels the
     * children, and the wait goes on (a cancel is delivered once); it is returned for the caller
     * to rethrow.
     */
    private fun joinChildren(): WireCancelledException? {
        var cancel: WireCancelledException? = null
        while (true) {
            val c = head ?: return cancel
            try {
                c.wire.join()
            } catch (e: WireFailedException) {
                // the child reported its failure to this scope through childEnded
            } catch (e: WireCancelledException) {
                if (cancel == null) {
                    cancel = e
                }
                cancelChildren() // the owner is cancelled: so are its children; keep waiting for them
                continue
            }
            if (!c.ran && c.linked) {
                c.neverRan() // cancelled before it started: its body never reported
            }
            unlink(c)
        }
    }

    /**
     * Cancels every child, each once: a jwire cancel is delivered anew at each `cancel()`, and a
     * child already cleaning up in its `finally` blocks must not get a second one.
     */
    private fun cancelChildren() {
        cancelling = true
        var c = head
        while (c != null) {
            cancel(c)
            c = c.next
        }
    }

    private fun cancel(c: ChildWire) {
        if (!c.cancelSent) {
            c.cancelSent = true
            c.wire.cancel()
        }
    }

    /**
     * Called by a child's wrapper as it ends, before it returns or rethrows. [failure] is null when
     * the child completed or was cancelled. [rethrown]: the child's wire ends with the failure, so
     * the scheduler's exception handler hears of it too.
     */
    fun childEnded(child: ChildWire, failure: Throwable?, rethrown: Boolean) {
        unlink(child)
        if (failure == null || isSupervisor) {
            return
        }
        if (rethrown) {
            context?.take(failure)
        }
        val first = this.failure
        if (first == null) {
            this.failure = failure
            cancelChildren()
            if (phase == ACTIVE && ownerEndsWithScope && !ownerCancelled) {
                ownerCancelled = true
                owner.cancel()
            }
        } else if (first !== failure) {
            first.addSuppressed(failure)
        }
    }

    // ---------------------------------------------------------------- the children list

    private fun link(c: ChildWire) {
        c.prev = tail
        c.next = null
        if (tail == null) {
            head = c
        } else {
            tail!!.next = c
        }
        tail = c
        c.linked = true
    }

    private fun unlink(c: ChildWire) {
        if (!c.linked) {
            return
        }
        c.linked = false
        val p = c.prev
        val n = c.next
        if (p == null) head = n else p.next = n
        if (n == null) tail = p else n.prev = p
        c.prev = null
        c.next = null
    }

    override fun toString(): String =
        (if (isSupervisor) "supervisor scope" else "scope") + " of wire '" + owner.name() + "'"

    private companion object {
        const val ACTIVE = 0
        const val COMPLETING = 1
        const val DONE = 2
    }
}
