package io.jwire.io;

import io.jwire.KeepAlive;
import io.jwire.Wire;
import io.jwire.internal.Checks;
import io.jwire.internal.Waiter;
import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delegated blocking calls (libwire {@code wire_io} and {@code wio_*}): a bounded pool of platform
 * threads runs a blocking call while the calling wire is suspended; every other wire of its
 * scheduler keeps running. The result comes back through the scheduler's thread-safe inbox, which
 * wakes an idle scheduler through its poller.
 *
 * <pre>{@code
 * scheduler.spawn("reader", () -> {
 *     WireIo io = WireIo.shared();
 *     try {
 *         FileChannel ch = io.files().open(path, StandardOpenOption.READ);
 *         ByteBuffer buf = ByteBuffer.allocate(4096);
 *         int n = io.files().pread(ch, buf, 0);                // this wire waits, the others run
 *         io.files().close(ch);
 *         String text = io.call(() -> Files.readString(other)); // any blocking code
 *     } catch (IOException e) {
 *         ...
 *     }
 * });
 * }</pre>
 *
 * <p>Inside a wire, blocking JDK calls ({@code Files.*}, {@code FileChannel} I/O,
 * {@code InetAddress} lookups, JDBC, legacy clients) stall every wire of the scheduler; run them
 * through a pool instead. Code run on the pool must not touch wires or jwire waits: it runs on
 * another thread.
 *
 * <p><b>Pools.</b> {@link #shared()} is a pool created at first use, with
 * {@link #defaultThreads()} daemon threads, that lives as long as the JVM. {@link #create(int)}
 * makes a pool of your own (for example to keep slow name lookups apart from disk I/O), which you
 * {@linkplain #close() close} when done. A pool starts threads as calls arrive, up to its size, and
 * lets a thread that stayed idle for 30 seconds end. Calls wait in a first-in, first-out queue of
 * small request objects: ten thousand waiting calls cost ten thousand small objects, not threads.
 * The threads are daemon threads named after the pool ({@code jwire-io-shared-1},
 * {@code jwire-io-2-1}, ...). The operations are instance methods, so the shared pool is
 * {@code WireIo.shared().call(...)} (Java does not allow a static and an instance method of the
 * same name and parameters).
 *
 * <p><b>Results and exceptions.</b> A call returns what the blocking code returned, or throws
 * exactly the exception it threw: the same instance, with its type unchanged and the stack trace
 * of the pool thread. {@link #call(BlockingCall)} declares the checked exception type of the code
 * it runs ({@code E}), so {@code io.call(() -> Files.size(p))} throws {@code IOException} and
 * {@code io.call(() -> 42)} throws no checked exception. A {@link java.util.concurrent.Callable}
 * fits as {@code io.call(callable::call)}, which throws {@code Exception}.
 *
 * <p><b>Cancellation.</b> A wire {@linkplain Wire#cancel() cancelled} while it waits for a call
 * gets {@link io.jwire.WireCancelledException WireCancelledException} at once. A call that has not started on a pool thread yet
 * never runs (except {@link WireFiles#close(java.io.Closeable)}: a close is never lost); one that is running is not interrupted (interrupting a thread that does
 * {@code FileChannel} I/O closes the channel) and runs to its end; its late result is dropped, and
 * closed if it is {@link AutoCloseable} (such as an opened {@code FileChannel}), so nothing leaks.
 * A buffer handed to a cancelled {@link WireFiles#read} or {@link WireFiles#pread} may still be filled by the pool
 * thread until the call ends: do not reuse it.
 *
 * <p><b>Lifetime.</b> While a call is in flight its wire's scheduler holds a {@link KeepAlive}, so
 * {@link io.jwire.WireScheduler#run() run()} neither returns nor reports a deadlock. Closing the scheduler
 * cancels the waiting wires (see above). Closing the pool fails the calls still queued with
 * {@link WireIoClosedException} (they never run), lets running calls finish and deliver their
 * results, and makes later calls fail with {@link WireIoClosedException}.
 *
 * <p><b>Threads.</b> The calls are made from inside a wire and throw {@link io.jwire.NotInWireException NotInWireException}
 * elsewhere. {@link #shared()}, {@link #create(int)}, {@link #close()}, {@link #name()},
 * {@link #threads()} and {@link #isClosed()} are safe from any thread.
 */
public final class WireIo implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.jwire");
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final long IDLE_SECONDS = 30;
    /** The shared pool, created at first use. */
    private static volatile WireIo shared;

    private final String name;
    private final int threads;
    private final boolean isShared;
    private final ThreadPoolExecutor executor;
    private volatile boolean closed;
    private final WireFiles files = new WireFiles(this);

    private WireIo(String name, int threads, boolean isShared) {
        this.name = name;
        this.threads = threads;
        this.isShared = isShared;
        this.executor = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new Daemons(name));
        this.executor.allowCoreThreadTimeOut(true);
    }

    // ---------------------------------------------------------------- pools

    /**
     * The shared pool, created at first use with {@link #defaultThreads()} threads. It lives as
     * long as the JVM (its threads are daemons and end when idle), so it cannot be closed. Any
     * thread.
     *
     * @return the JVM-wide pool
     * @throws IllegalArgumentException at first use, when {@code -Djwire.io.threads} is not a
     *         positive number
     */
    public static WireIo shared() {
        WireIo pool = shared;
        if (pool == null) {
            synchronized (WireIo.class) {
                pool = shared;
                if (pool == null) {
                    shared = pool = new WireIo("jwire-io-shared", defaultThreads(), true);
                }
            }
        }
        return pool;
    }

    /**
     * Creates a pool of at most {@code threads} threads, named {@code jwire-io-N-1},
     * {@code jwire-io-N-2}, ... Close it when no wire uses it any more. Any thread.
     *
     * <pre>{@code
     * try (WireIo dns = WireIo.create(4)) {
     *     scheduler.spawn("lookup", () -> addresses = dns.resolve("example.org"));
     *     scheduler.run();
     * }
     * }</pre>
     *
     * @param threads the most threads the pool runs at once; positive
     * @return the new pool
     * @throws IllegalArgumentException when {@code threads} is not positive
     */
    public static WireIo create(int threads) {
        Checks.atLeast(threads, 1, "WireIo.create(threads)", "number of threads");
        return new WireIo("jwire-io-" + IDS.incrementAndGet(), threads, false);
    }

    /**
     * The size of the {@link #shared()} pool: {@code -Djwire.io.threads} when set, otherwise
     * {@code max(16, 4 * available processors)}, sized for threads that mostly wait on the disk or
     * the network rather than compute. Any thread.
     *
     * @return the number of threads of the shared pool
     * @throws IllegalArgumentException when {@code -Djwire.io.threads} is not a positive number
     */
    public static int defaultThreads() {
        String forced = System.getProperty("jwire.io.threads", "").trim();
        if (forced.isEmpty()) {
            return Math.max(16, 4 * Runtime.getRuntime().availableProcessors());
        }
        try {
            int n = Integer.parseInt(forced);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-Djwire.io.threads=" + forced
                + " is not a positive number of threads; remove it for the default or pass e.g. 16");
    }

    /**
     * The pool's name. Any thread.
     *
     * @return the name its threads' names start with
     */
    public String name() {
        return name;
    }

    /**
     * The pool's size. Any thread.
     *
     * @return the most threads this pool runs at once
     */
    public int threads() {
        return threads;
    }

    /**
     * Whether {@link #close()} has been called. Any thread.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the pool without waiting: calls still queued fail with {@link WireIoClosedException}
     * in their wires (they never run), running calls finish and deliver their results, and later
     * calls fail with {@link WireIoClosedException}. The threads end once their current call is
     * done. Idempotent. Any thread, including a wire.
     *
     * @throws UnsupportedOperationException on the {@link #shared()} pool, which lives as long as
     *         the JVM
     */
    @Override
    public void close() {
        if (isShared) {
            throw new UnsupportedOperationException("the shared WireIo pool '" + name
                    + "' lives as long as the JVM and cannot be closed; create a pool you can close with WireIo.create(threads)");
        }
        if (closed) {
            return;
        }
        closed = true;
        executor.shutdown();
        List<Runnable> queued = new ArrayList<>();
        executor.getQueue().drainTo(queued);
        for (Runnable r : queued) {
            if (!(r instanceof Request<?> q)) {
                r.run(); // a late result waiting to be closed: close it here
                continue;
            }
            q.reject(new WireIoClosedException("WireIo pool '" + name + "' was closed while " + q.what
                    + " of wire '" + q.wire.wireName() + "' was still queued, so it never ran; close a pool only "
                    + "once no wire uses it, or use another pool such as WireIo.shared()"));
        }
    }

    /**
     * Describes the pool for logs and messages. Any thread.
     *
     * @return {@code WireIo[NAME, N threads]}, and whether it is closed
     */
    @Override
    public String toString() {
        return "WireIo[" + name + ", " + threads + " threads" + (closed ? ", closed" : "") + "]";
    }

    /**
     * The file operations of libwire's {@code wio_*} on this pool: open, close, read, pread,
     * write, pwrite, size, stat, truncate, force, preallocate, list, delete. One object per pool.
     * Any thread; its calls are made from wires.
     *
     * @return the file operations that run on this pool
     */
    public WireFiles files() {
        return files;
    }

    // ---------------------------------------------------------------- the generic call

    /**
     * Runs {@code call} on a pool thread while the calling wire is suspended, and returns its
     * result or throws its exception, the same instance with its type unchanged. Other wires run
     * meanwhile.
     *
     * <pre>{@code
     * long size = io.call(() -> Files.size(path));          // throws IOException
     * String host = io.call(() -> slowLegacyClient.lookup()); // no checked exception
     * }</pre>
     *
     * @param <T> the result type
     * @param <E> the checked exception {@code call} may throw
     * @param call the blocking code; it must not touch wires (it runs on another thread)
     * @return what {@code call} returned
     * @throws E what {@code call} threw
     * @throws io.jwire.NotInWireException outside a wire
     * @throws io.jwire.WireCancelledException when the calling wire is cancelled while it waits; the call's
     *         late result is dropped, and closed if it is {@link AutoCloseable}
     * @throws WireIoClosedException when the pool is or gets closed before the call started
     */
    public <T, E extends Exception> T call(BlockingCall<T, E> call) throws E {
        Objects.requireNonNull(call, "call");
        return delegate("WireIo.call()", call);
    }

    // ---------------------------------------------------------------- names

    /**
     * Resolves a host name to its addresses through the system resolver (libwire
     * {@code wio_getaddrinfo}), as {@link InetAddress#getAllByName(String)} does; a numeric
     * address comes back as it is.
     *
     * @param host a host name or a numeric address
     * @return its addresses, at least one
     * @throws UnknownHostException when the name does not resolve
     * @throws io.jwire.NotInWireException outside a wire
     * @throws io.jwire.WireCancelledException when the wire is cancelled meanwhile
     * @throws WireIoClosedException when the pool is closed
     */
    public InetAddress[] resolve(String host) throws UnknownHostException {
        Objects.requireNonNull(host, "host");
        return delegate("WireIo.resolve()", () -> InetAddress.getAllByName(host));
    }

    // ---------------------------------------------------------------- machinery

    /** Queued requests not yet taken by a pool thread, for tests. */
    int queued() {
        return executor.getQueue().size();
    }

    /** The most threads the pool has run at once, for tests. */
    int largestThreads() {
        return executor.getLargestPoolSize();
    }

    /** Suspends the calling wire while a pool thread runs {@code task}. */
    <T, E extends Exception> T delegate(String what, BlockingCall<T, E> task) throws E {
        return delegate(what, task, false);
    }

    /**
     * Suspends the calling wire while a pool thread runs {@code task}; with {@code alwaysRun} the
     * task runs even when the wire is cancelled before it started (a close must not be lost).
     */
    <T, E extends Exception> T delegate(String what, BlockingCall<T, E> task, boolean alwaysRun) throws E {
        Waiter me = Waiter.current(what);
        if (closed) {
            throw closedFor(me, what);
        }
        Request<T> r = new Request<>(this, what, task, alwaysRun, me, ((Wire) me.wire()).scheduler().keepAlive());
        try {
            executor.execute(r);
        } catch (RejectedExecutionException e) {
            r.hold.close();
            throw closedFor(me, what);
        }
        try {
            while (!r.completed) {
                me.park(r);
            }
        } catch (Throwable t) { // cancelled (or pinned): leave the result to whoever gets it
            r.abandon();
            throw t;
        }
        Throwable f = r.failure;
        if (f != null) {
            throw WireIo.<RuntimeException>sneaky(f);
        }
        return r.result;
    }

    private WireIoClosedException closedFor(Waiter w, String what) {
        return new WireIoClosedException("wire '" + w.wireName() + "' cannot delegate " + what + ": WireIo pool '" + name
                + "' is closed; close a pool only once no wire uses it, or use another pool such as WireIo.shared()");
    }

    /** Drops a late result: closes it when it is a resource, on a pool thread when one is free to do it. */
    private void dispose(Object result, Request<?> r, boolean onPoolThread) {
        if (!(result instanceof AutoCloseable c)) {
            return;
        }
        Runnable closer = () -> {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing the late result of " + r.what + " of cancelled wire '"
                        + r.wire.wireName() + "' failed", e);
            }
        };
        if (closed || onPoolThread) {
            closer.run();
        } else {
            try {
                executor.execute(closer);
            } catch (RejectedExecutionException e) {
                closer.run();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <X extends Throwable> X sneaky(Throwable t) throws X {
        throw (X) t;
    }

    /**
     * One delegated call: queued on the pool as a Runnable, parked on by its wire, posted back to
     * the scheduler's inbox when done. Its {@code state} decides, once, who owns the result.
     */
    private static final class Request<T> implements Runnable {
        private static final int QUEUED = 0;
        private static final int RUNNING = 1;
        private static final int DONE = 2;
        private static final int ABANDONED = 3;
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(Request.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final WireIo io;
        final String what;
        final BlockingCall<T, ?> task;
        final boolean alwaysRun;
        final Waiter wire;
        final KeepAlive hold;
        @SuppressWarnings("unused") // accessed through STATE
        private volatile int state = QUEUED;
        /** Written by the pool thread before DONE, read on the scheduler's thread after the inbox hand-off. */
        T result;
        Throwable failure;
        /** Scheduler thread only: the result arrived; the wire left without it. */
        boolean completed;
        boolean gone;

        Request(WireIo io, String what, BlockingCall<T, ?> task, boolean alwaysRun, Waiter wire, KeepAlive hold) {
            this.io = io;
            this.what = what;
            this.task = task;
            this.alwaysRun = alwaysRun;
            this.wire = wire;
            this.hold = hold;
        }

        /** On a pool thread: runs the call unless its wire has left (then only when it must always run). */
        @Override
        public void run() {
            if (!STATE.compareAndSet(this, QUEUED, RUNNING)) {
                runAbandoned();
                return;
            }
            T r = null;
            Throwable f = null;
            try {
                r = task.call();
            } catch (Throwable t) {
                f = t;
            }
            finish(r, f);
        }

        /** On the closing thread: fails a call that never started. */
        void reject(Throwable f) {
            if (STATE.compareAndSet(this, QUEUED, RUNNING)) {
                finish(null, f);
            } else {
                runAbandoned(); // its wire left while it was queued; a close still happens, here
            }
        }

        /** Runs a must-run call whose wire left before it started; nobody waits for the outcome. */
        private void runAbandoned() {
            if (!alwaysRun) {
                return;
            }
            try {
                io.dispose(task.call(), this, true);
            } catch (Throwable t) {
                LOG.log(Level.WARNING, what + " of cancelled wire '" + wire.wireName() + "' failed", t);
            }
        }

        private void finish(T r, Throwable f) {
            result = r;
            failure = f;
            if (STATE.compareAndSet(this, RUNNING, DONE)) {
                wire.post(this::complete);
            } else {
                io.dispose(r, this, true); // the wire was cancelled meanwhile
            }
        }

        /** On the scheduler's thread, from the inbox: hands the outcome to the wire. */
        private void complete() {
            hold.close();
            completed = true;
            if (gone) {
                io.dispose(result, this, false);
            } else {
                wire.wake(); // it is parked on this request: nothing else parks inside delegate()
            }
        }

        /** On the scheduler's thread, in the wire leaving without its result. */
        void abandon() {
            gone = true;
            if (completed) {
                io.dispose(result, this, false);
            } else if (STATE.compareAndSet(this, QUEUED, ABANDONED) || STATE.compareAndSet(this, RUNNING, ABANDONED)) {
                hold.close(); // nothing will be posted; a running call disposes of its own result
            }
            // else DONE: complete() is on its way through the inbox and disposes of the result
        }

        @Override
        public String toString() {
            String s = switch ((int) STATE.getVolatile(this)) {
                case QUEUED -> "queued";
                case RUNNING -> "running";
                case DONE -> "done";
                default -> "abandoned";
            };
            return what + " on pool '" + io.name + "' (" + s + ")";
        }
    }

    /** Named daemon threads for one pool. */
    private static final class Daemons implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        Daemons(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
