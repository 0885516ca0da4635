package io.jwire.internal;

/**
 * jwire's one intrusive doubly-linked list: nodes carry their own links (a {@link Chain.Link}), so
 * adding and removing allocate nothing, and a node removes itself in O(1). A node is in at most
 * one chain at a time. Used for a scheduler's live wires, a {@link WaitQueue}'s waiters and a
 * wait list's members. Not thread-safe: a chain belongs to its scheduler's thread. Not API.
 *
 * @param <N> the node type
 */
public final class Chain<N extends Chain.Link<N>> {
    private N head;
    private N tail;
    private int size;

    /** An empty chain. */
    public Chain() {
    }

    /**
     * What a node of a {@link Chain} extends: its links and the chain it is in.
     *
     * @param <N> the node type (the subclass itself)
     */
    public abstract static class Link<N extends Link<N>> {
        N prev;
        N next;
        Chain<N> chain;

        /** For subclasses. */
        protected Link() {
        }

        /** The next node of the chain this one is in, or null. */
        public final N next() {
            return next;
        }

        /** The chain this node is in, or null. */
        public final Chain<N> chain() {
            return chain;
        }
    }

    /** The first node, or null. */
    public N first() {
        return head;
    }

    /** Whether the chain is empty. */
    public boolean isEmpty() {
        return head == null;
    }

    /** The number of nodes. */
    public int size() {
        return size;
    }

    /** Appends {@code n}, which must not be in a chain. */
    @SuppressWarnings("unchecked")
    public void add(N n) {
        Link<N> l = n;
        l.chain = this;
        l.prev = tail;
        l.next = null;
        if (tail == null) {
            head = n;
        } else {
            ((Link<N>) tail).next = n;
        }
        tail = n;
        size++;
    }

    /** Removes {@code n}; returns false when it is not in this chain. */
    @SuppressWarnings("unchecked")
    public boolean remove(N n) {
        Link<N> l = n;
        if (l.chain != this) {
            return false;
        }
        if (l.prev != null) {
            ((Link<N>) l.prev).next = l.next;
        } else {
            head = l.next;
        }
        if (l.next != null) {
            ((Link<N>) l.next).prev = l.prev;
        } else {
            tail = l.prev;
        }
        l.prev = l.next = null;
        l.chain = null;
        size--;
        return true;
    }

    /** Removes and returns the first node, or null when empty. */
    public N poll() {
        N n = head;
        if (n != null) {
            remove(n);
        }
        return n;
    }
}
