package io.jwire.architecture;

import io.jwire.internal.Timer;
import io.jwire.internal.TimerHeap;
import io.jwire.internal.WaitQueue;
import io.jwire.internal.Waiter;
import io.jwire.sync.WireLock;
import java.util.List;

/** Classes that break the layering rules on purpose, to prove that {@link LayeringTest}'s conditions can fail. */
public final class Fixtures {
    private Fixtures() {
    }

    /** Exposes internal types through its superclass, a field, a return type and a type argument of a parameter. */
    public abstract static class Exposing extends Timer {
        public Waiter waiter;
        private WaitQueue hiddenField;

        public TimerHeap heap() {
            return null;
        }

        public void queues(List<WaitQueue> queues) {
        }

        protected WaitQueue copy() {
            return hiddenField;
        }

        void packagePrivate(WaitQueue q) {
        }
    }

    /** Package-private: its public members are not API. */
    abstract static class Hidden extends Timer {
        public Waiter waiter;
    }

    /** Depends on io.jwire.sync. */
    static final class UsesSync {
        WireLock lock;
    }
}
