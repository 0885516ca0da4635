package io.jwire.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The intrusive list: order, O(1) removal from anywhere, and removal of what is not there. */
class ChainTest {
    private static final class Node extends Chain.Link<Node> {
        final String name;

        Node(String name) {
            this.name = name;
        }
    }

    private static List<String> names(Chain<Node> c) {
        List<String> out = new ArrayList<>();
        for (Node n = c.first(); n != null; n = n.next()) {
            out.add(n.name);
        }
        return out;
    }

    @Test
    void nodesAreRemovedFromTheHeadTheMiddleAndTheTail() {
        Chain<Node> c = new Chain<>();
        Node a = new Node("a");
        Node b = new Node("b");
        Node d = new Node("d");
        Node e = new Node("e");
        for (Node n : List.of(a, b, d, e)) {
            c.add(n);
        }
        assertEquals(List.of("a", "b", "d", "e"), names(c));
        assertTrue(c.remove(b));
        assertEquals(List.of("a", "d", "e"), names(c));
        assertTrue(c.remove(e));
        assertEquals(List.of("a", "d"), names(c));
        c.add(e); // the tail was relinked: appending still works
        assertEquals(List.of("a", "d", "e"), names(c));
        assertSame(a, c.poll());
        assertEquals(List.of("d", "e"), names(c));
        assertEquals(2, c.size());
        assertNull(a.chain());
    }

    @Test
    void removingANodeThatIsNotThereChangesNothing() {
        Chain<Node> c = new Chain<>();
        Chain<Node> other = new Chain<>();
        Node a = new Node("a");
        Node stranger = new Node("stranger");
        c.add(a);
        other.add(stranger);
        assertFalse(c.remove(stranger), "a node of another chain");
        assertFalse(c.remove(new Node("never added")));
        assertEquals(List.of("a"), names(c));
        assertEquals(List.of("stranger"), names(other));
        assertSame(other, stranger.chain());
        assertTrue(c.remove(a));
        assertFalse(c.remove(a), "already removed");
        assertTrue(c.isEmpty());
        assertEquals(0, c.size());
        assertNull(c.poll());
    }
}
