package io.jwire.internal;

/**
 * What builders layered over {@code io.jwire.WireScope} (the Kotlin DSL's scopes) may set on a
 * scope beyond its public API. Not API: exported only to jwire's own modules.
 *
 * <p><b>Opening for another wire.</b> {@link #openFor} opens a scope owned by a given wire rather
 * than the calling one, so a builder can open a block's scope only once the block starts a child.
 *
 * <p><b>Deferred owner cancel.</b> By default a cancel of a scope's owner wire cancels the
 * scope's children at once, so a child forked but not started yet ends without running its body.
 * A scope with the owner's cancel deferred leaves its children running until the owner meets its
 * {@code WireCancelledException} and reaches the scope: the owner's {@code join()} or
 * {@code close()} then cancels them (so does its {@code cancel()}), and waits for them; children
 * that the scope had cancelled already (a failure, a deadline) get no second cancel while they
 * clean up. Children started meanwhile run their bodies, and get the cancel in them. A DSL scope whose block ends
 * with its wire stops the block that way first, then its children: cancellation travels down the
 * tree wire by wire, as the block's code meets it.
 *
 * <p><b>Failures left unobserved.</b> A scope gathers its children's failures for its
 * {@code join()} and so takes them over: {@code WireScheduler.run()} does not throw one even when
 * it was also reported to the scheduler ({@link Waiter#reportFailure}). A scope that leaves them
 * unobserved still gathers them, but a failure reported that way counts as for a spawned wire:
 * {@code run()} throws it unless something joins the failed child. The DSL's supervisor scope
 * reports a failed {@code wire { }} child like a wire nobody joins.
 */
public final class ScopeAccess {
    /** Installed once by the scope layer ({@code io.jwire.WireScope}'s class initialisation). */
    private static final UpperAccess<Access> ACCESS = new UpperAccess<>("io.jwire.WireScope", "scope access");

    private ScopeAccess() {
    }

    /** How this layer reaches the scope layer above it. */
    public interface Access {
        /** Sets {@code scope} (an {@code io.jwire.WireScope}) to defer its owner's cancel. */
        void deferOwnerCancel(Object scope);

        /** Sets {@code scope} (an {@code io.jwire.WireScope}) to leave its children's failures unobserved. */
        void leaveFailuresUnobserved(Object scope);

        /** Opens a scope owned by {@code owner} (an {@code io.jwire.Wire}); a supervisor one if {@code supervisor}. */
        Object openFor(Object owner, boolean supervisor);
    }

    /**
     * Installs the scope layer's access; called once from its class initialisation.
     *
     * @param a the access
     * @throws IllegalStateException when an access is already installed
     */
    public static void install(Access a) {
        ACCESS.install(a);
    }

    /**
     * Makes a cancel of {@code scope}'s owner reach its children only through the owner (see the
     * class comment). Call it right after opening the scope, before its first fork. Scheduler thread.
     *
     * @param scope an open {@code io.jwire.WireScope}
     */
    public static void deferOwnerCancel(Object scope) {
        ACCESS.get().deferOwnerCancel(scope);
    }

    /**
     * Makes {@code scope} leave its children's failures unobserved (see the class comment). Call it
     * right after opening the scope, before its first fork. Scheduler thread.
     *
     * @param scope an open {@code io.jwire.WireScope}
     */
    public static void leaveFailuresUnobserved(Object scope) {
        ACCESS.get().leaveFailuresUnobserved(scope);
    }

    /**
     * Opens a scope owned by {@code owner}, which need not be the calling wire: a builder whose
     * block runs in {@code owner} opens the block's scope only when a child is first started, and
     * that may be done from another wire or a task of the same scheduler. Scheduler thread.
     *
     * @param owner the owner, an {@code io.jwire.Wire} that has not ended
     * @param supervisor whether to open a supervisor scope rather than a fail-fast one
     * @return the open {@code io.jwire.WireScope}
     * @throws IllegalStateException off the owner's scheduler thread, or when the owner has ended
     */
    public static Object openFor(Object owner, boolean supervisor) {
        return ACCESS.get().openFor(owner, supervisor);
    }
}
