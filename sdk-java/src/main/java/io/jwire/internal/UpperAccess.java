package io.jwire.internal;

/**
 * An access point into a layer above this one, which this layer may not import: the upper class
 * installs its implementation from its static initialiser, and the first use here loads that class
 * by name if it has not run yet. Used for the waiter's access to the scheduler layer and the scope
 * hooks' access to {@code WireScope}. Not API.
 *
 * @param <A> the access interface
 */
final class UpperAccess<A> {
    private final String installer;
    private final String what;
    private volatile A access;

    /**
     * @param installer the fully qualified name of the class whose static initialiser installs it
     * @param what what the access is, for messages, e.g. {@code "waiter access"}
     */
    UpperAccess(String installer, String what) {
        this.installer = installer;
        this.what = what;
    }

    /**
     * Installs {@code a}; once only.
     *
     * @throws IllegalStateException when an access is already installed
     */
    synchronized void install(A a) {
        if (access != null) {
            throw new IllegalStateException("jwire's " + what + " is already installed");
        }
        access = a;
    }

    /**
     * The installed access, loading the installer first when it has not run yet. Any thread.
     *
     * @throws IllegalStateException when the installer is missing from the class path
     */
    A get() {
        A a = access;
        return a != null ? a : load();
    }

    private A load() {
        try {
            Class.forName(installer, true, UpperAccess.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("jwire's " + what + " is missing: " + installer + " is not on the class path", e);
        }
        return access;
    }
}
