package io.jwire.benchmarks;

import io.jwire.KeepAlive;
import io.jwire.WireScheduler;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Submit round trip from a platform thread: the benchmark thread hands a tiny job to another
 * thread and waits for its result. One operation is one submit plus one {@code get}.
 *
 * <ul>
 *   <li>{@code jwire}: {@link WireScheduler#submit} to a scheduler running on its own thread
 *       (held open by a {@link KeepAlive}): the job runs in a new wire, the future completes when
 *       it ends.</li>
 *   <li>{@code platformThread}: {@link ExecutorService#submit(Callable)} to a single-thread
 *       executor.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"})
public class SubmitBench {
    private static final Callable<Integer> JOB = () -> 42;

    /** The scheduler of {@link JwireState}, run on its own thread from the first invocation on. */
    @State(Scope.Thread)
    public static class Runner {
        private Thread thread;
        private KeepAlive hold;

        void startOnce(WireScheduler scheduler) {
            if (thread == null) {
                hold = scheduler.keepAlive();
                thread = scheduler.startThread("jwire-scheduler", 0);
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            if (thread != null) {
                hold.close();
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
        }
    }

    /** The single-thread executor of the peer row. */
    @State(Scope.Thread)
    public static class Executor {
        ExecutorService executor;

        @Setup(Level.Trial)
        public void setUp() {
            executor = Executors.newSingleThreadExecutor();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            executor.shutdownNow();
        }
    }

    @Benchmark
    public int jwire(JwireState s, Runner r) {
        r.startOnce(s.scheduler);
        return s.scheduler.submit("job", JOB).join();
    }

    @Benchmark
    public int platformThread(Executor e) throws InterruptedException, ExecutionException {
        return e.executor.submit(JOB).get();
    }
}
