package io.jwire;

import io.jwire.internal.Chain;
import io.jwire.internal.Checks;
import io.jwire.internal.Coroutine;
import io.jwire.internal.ParkingPoller;
import io.jwire.internal.SwitchLayer;
import io.jwire.internal.TimerHeap;
import io.jwire.spi.WirePoller;
import io.jwire.spi.WirePollerProvider;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Runs wires on one OS thread, strictly first in, first out (libwire's {@code wire_thread}).
 *
 * <pre>{@code
 * try (WireScheduler scheduler = WireScheduler.create()) {
 *     scheduler.spawn("hello", () -> System.out.println("hello from " + Wire.current().name()));
 *     scheduler.run();   // returns once every wire has ended
 * }
 * }</pre>
 *
 * <p><b>Scheduling.</b> {@link #spawn} appends a wire to the ready queue without switching;
 * {@link Wire#yieldNow()} and {@link Wire#resume()} append too. When no wire is ready the
 * scheduler fires due timers (one heap per scheduler), runs tasks posted by other threads, and
 * otherwise waits in its {@link WirePoller} until the earliest deadline or a wake-up.
 *
 * <p><b>Threads.</b> One thread at a time runs a scheduler: the one inside {@link #run()}, its
 * <em>owner</em>. {@link #spawn}, {@link #spawnTask}, {@link #submit}, {@link #execute},
 * {@link #keepAlive()}, {@link #dump()} and {@link #close()} are safe from any thread; work from
 * other threads goes through a thread-safe inbox that wakes the idle scheduler.
 *
 * <p><b>Switch implementations.</b> With the JVM flag
 * {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED} wires are
 * {@code jdk.internal.vm.Continuation}s (about 100 ns per switch); without it, virtual threads with
 * a strict hand-off (a few microseconds). {@code -Djwire.switch=continuation|virtual-thread}
 * forces one; {@link #switchImplementation()} tells which is in use.
 *
 * <p><b>Failures.</b> An exception escaping a wire ends that wire only; no failure goes unnoticed.
 * Who takes it over:
 * <ul>
 *   <li>a child of a {@link WireScope}: its scope, which rethrows it from
 *       {@link WireScope#join()} (nothing is logged);</li>
 *   <li>a wire started by {@link #submit}: its future, which completes exceptionally (nothing is
 *       logged);</li>
 *   <li>any other wire: it is logged through {@link System.Logger} (logger {@code io.jwire}) with
 *       the wire's name when it ends and passed to the {@linkplain #setExceptionHandler exception
 *       handler}; {@link Wire#join()}, {@link WireTask#join()} and {@link WireTask#exception()}
 *       hand it to the joining wire as well. <b>When no handler is set and nobody joined the wire
 *       by the time {@link #run()} ends, {@code run()} throws a {@link WireFailedException}</b>
 *       once the remaining wires have ended: the first such failure is its cause, later ones are
 *       suppressed. A failing {@link #execute} task or pool task counts the same way.</li>
 * </ul>
 * A {@link StackOverflowError} is reported the same way; the stack depth available to wires is the
 * owner thread's (see {@link #startThread(String, long)}).
 *
 * <pre>{@code
 * scheduler.spawn("bad", () -> { throw new IllegalStateException("boom"); });
 * scheduler.spawn("good", () -> System.out.println("still runs"));
 * scheduler.run();   // prints "still runs", then throws WireFailedException (cause: boom)
 * }</pre>
 */
public final class WireScheduler implements AutoCloseable {
    static final ThreadLocal<WireScheduler> CURRENT = new ThreadLocal<>();
    private static final VarHandle SWITCHES;
    private static final VarHandle CURRENT_WIRE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SWITCHES = l.findVarHandle(WireScheduler.class, "switches", long.class);
            CURRENT_WIRE = l.findVarHandle(WireScheduler.class, "current", Wire.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** {@code -Djwire.stallThreshold}: 1 s by default; {@code 0} or {@code off} turns the detector off. */
    private static final long DEFAULT_STALL_THRESHOLD_NANOS = parseStallThreshold(System.getProperty("jwire.stallThreshold", "1s"));
    private static final System.Logger LOG = System.getLogger("io.jwire");
    private static final AtomicInteger IDS = new AtomicInteger();
    /** How many rounds may pass with wires ready before the poller is checked for events anyway. */
    private static final int POLL_EVERY_ROUNDS = 8;
    /** How many times close() cancels a wire that catches the cancel and goes on. */
    private static final int MAX_CANCEL_ROUNDS = 3;
    /** How long close() lets a cancelled wire clean up before it cancels it again. */
    private static final long CANCEL_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How many unobserved failures run() keeps to attach; later ones are only counted (each was logged). */
    private static final int MAX_UNOBSERVED_KEPT = 64;

    final SwitchLayer switchLayer;
    final TimerHeap timers = new TimerHeap();
    private final WirePoller poller;
    private final String pollerName;
    private final String name;

    /** The running wire, or null between wires. Read by wires through {@link #CURRENT}. */
    Wire current;
    private Wire readyHead;
    private Wire readyTail;
    private int readySize;
    private final Chain<Wire.Live> live = new Chain<>();
    /** Live wires parked idle (such as pool workers): they neither keep run() going nor count as stuck. */
    int idleWires;

    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger holds = new AtomicInteger();
    /** The open keep-alives that have a description, for dumps and stuck reports. */
    private final Set<KeepAlive> described = ConcurrentHashMap.newKeySet();
    private volatile Thread owner;
    private volatile boolean closed;
    private boolean shuttingDown;
    /** Rounds of cancels delivered to live wires during shutdown. */
    private int cancelRounds;
    /** When, during shutdown, live wires get their next cancel ({@link System#nanoTime()} units). */
    private long nextCancelRound;
    /** Shutdown left wires that refused to end (reported). */
    private boolean gaveUp;
    private boolean pollerClosed;
    private volatile BiConsumer<Wire, Throwable> exceptionHandler;
    private long switches;
    /** Failures nobody took over (no handler was set): run() throws them at its end. Owner thread. */
    private final ArrayList<Unobserved> unobserved = new ArrayList<>();
    /** Unobserved failures beyond {@link #MAX_UNOBSERVED_KEPT}. */
    private int unobservedDropped;
    /** How long a wire may run without switching before the stall detector reports it; 0 when off. */
    private volatile long stallThresholdNanos = DEFAULT_STALL_THRESHOLD_NANOS;
    /** The stall detector's notes on this scheduler (touched only by its thread). */
    final StallDetector.StallWatch stallWatch = new StallDetector.StallWatch();
    private int roundsSincePoll;
    /** Wires the current round may still run: the ready queue's length when it began, less those run. */
    private int roundLeft;
    /** Whether wires share runners ({@link Runner}): only where coroutines share this thread. */
    private final boolean shareRunners;
    /** Idle runners, the most recently used (its stack the warmest) first. */
    private Runner idleRunners;
    private int idleRunnerCount;
    /** How many idle runners the pool keeps; one more ends when its wire ends. */
    private static final int MAX_IDLE_RUNNERS = 16;

    private WireScheduler(SwitchLayer switchLayer, WirePollerProvider provider) {
        this.switchLayer = switchLayer;
        this.shareRunners = !switchLayer.separateThreads();
        this.poller = provider.open();
        this.pollerName = provider.name();
        this.name = "scheduler-" + IDS.incrementAndGet();
    }

    /**
     * Creates a scheduler with the best switch implementation this JVM allows and the
     * highest-priority supported poller found through {@link ServiceLoader} (the epoll poller when
     * {@code jwire-sdk-epoll} is on the class path on Linux; {@code -Djwire.poller=NAME} picks one).
     * Any thread.
     *
     * @return a new scheduler with no wires; {@link #run()} it on the thread that should own it
     */
    public static WireScheduler create() {
        return new WireScheduler(SwitchLayer.get(), choosePoller(System.getProperty("jwire.poller", "")));
    }

    /**
     * Creates a scheduler that uses the given poller provider. Any thread.
     *
     * @param pollerProvider opens the poller the scheduler waits in when no wire is ready
     * @return a new scheduler with no wires
     * @throws UnsupportedOperationException when the provider is not supported here
     */
    public static WireScheduler create(WirePollerProvider pollerProvider) {
        Objects.requireNonNull(pollerProvider, "pollerProvider");
        if (!pollerProvider.isSupported()) {
            throw new UnsupportedOperationException("poller '" + pollerProvider.name() + "' is not supported on this platform");
        }
        return new WireScheduler(SwitchLayer.get(), pollerProvider);
    }

    /**
     * The scheduler whose wire or callback is running on the calling thread.
     *
     * @return the scheduler the calling thread runs
     * @throws NotInWireException when called outside a scheduler's thread
     */
    public static WireScheduler current() {
        WireScheduler s = CURRENT.get();
        if (s == null) {
            throw NotInWireException.of("WireScheduler.current()");
        }
        return s;
    }

    private static WirePollerProvider choosePoller(String forced) {
        return choosePoller(forced, ServiceLoader.load(WirePollerProvider.class, WireScheduler.class.getClassLoader()).iterator());
    }

    /**
     * The provider {@code -Djwire.poller=forced} names, or (when {@code forced} is empty) the
     * supported one of highest priority among {@code it}'s, else the portable one. A provider that
     * fails to load is skipped with a warning.
     */
    static WirePollerProvider choosePoller(String forced, Iterator<WirePollerProvider> it) {
        WirePollerProvider best = null;
        List<String> names = new ArrayList<>();
        for (;;) {
            WirePollerProvider p;
            boolean supported;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
                supported = p.isSupported();
            } catch (ServiceConfigurationError | LinkageError e) {
                // e.g. jwire-sdk-epoll on the class path without JNA: use another poller, and say why
                LOG.log(Level.WARNING, "a jwire poller could not be loaded and is skipped: " + e
                        + (String.valueOf(e).contains("jna") ? " (jwire-sdk-epoll needs net.java.dev.jna:jna on the class path)" : ""));
                continue;
            }
            names.add(p.name());
            if (!forced.isEmpty()) {
                if (p.name().equals(forced)) {
                    if (!supported) {
                        throw new UnsupportedOperationException("-Djwire.poller=" + forced + " is not supported on this platform");
                    }
                    return p;
                }
            } else if (supported && (best == null || p.priority() > best.priority())) {
                best = p;
            }
        }
        if (!forced.isEmpty()) {
            throw new IllegalArgumentException("-Djwire.poller=" + forced + " names no poller; found " + names);
        }
        return best != null ? best : new ParkingPoller.Provider();
    }

    // ---------------------------------------------------------------- public API

    /**
     * Creates a wire that will run {@code body}, appended to the back of the ready queue
     * (libwire {@code wire_init}); nothing runs until the scheduler gets to it. From a thread
     * other than the owner while {@link #run()} is active, the wire is queued through the inbox.
     *
     * <p>Any thread.
     *
     * @param name the wire's name, shown in dumps, logs and exception messages; not null
     * @param body what the wire runs; not null
     * @return the new wire, in state {@link WireState#READY}
     * @throws SchedulerClosedException when the scheduler is closed
     */
    public Wire spawn(String name, Runnable body) {
        Objects.requireNonNull(name, "a wire needs a name: spawn(name, body) got a null name");
        Objects.requireNonNull(body, "spawn(\"" + name + "\", body) got a null body");
        return start(new Wire(this, name, body, null));
    }

    /**
     * Like {@link #spawn(String, Runnable)}, for a body that computes a value: creates a wire that
     * will run {@code body} and returns its handle, through which wires of this scheduler
     * {@linkplain WireTask#join() join} it for the value or the failure. The body may throw
     * checked exceptions; they reach the handle unchanged (see {@link WireTask}). A failure nobody
     * joins counts as unobserved, as for {@code spawn} (see the class comment).
     *
     * <pre>{@code
     * WireTask<Integer> answer = scheduler.spawnTask("answer", () -> 6 * 7);
     * scheduler.spawn("printer", () -> System.out.println(answer.join()));   // 42
     * scheduler.run();
     * }</pre>
     *
     * <p>Any thread.
     *
     * @param <T> the type of the value
     * @param name the wire's name; not null
     * @param body what the wire computes; not null
     * @return the handle of the new wire
     * @throws SchedulerClosedException when the scheduler is closed
     */
    public <T> WireTask<T> spawnTask(String name, Callable<? extends T> body) {
        return spawnTask(name, body, null, "spawnTask");
    }

    /**
     * Runs {@code body} in a new wire and returns a future of its result: the bridge from plain
     * threads into wires. The future completes when the wire ends: with the value, exceptionally
     * with the body's exception (checked ones unchanged), or cancelled when the wire was
     * cancelled. {@link CompletableFuture#cancel(boolean) Cancelling the future} cancels the wire
     * (it gets a {@link WireCancelledException} at its next switch, so its {@code finally} blocks
     * run). The future takes the failure over: it is not logged, not passed to the exception
     * handler and never thrown by {@link #run()}. Dependent stages added without an executor run on
     * the scheduler's thread, outside any wire; use the {@code ...Async} variants for work that may
     * block.
     *
     * <pre>{@code
     * KeepAlive hold = scheduler.keepAlive();           // before the thread: run() must not end first
     * Thread runner = scheduler.startThread("wires", 0);
     * try (hold) {                                       // run() waits for submissions meanwhile
     *     int n = scheduler.submit("count", () -> countLines(path)).get();
     * }
     * runner.join();
     * }</pre>
     *
     * <p>Any thread. The wire runs when the scheduler runs: from another thread, keep
     * {@link #run()} going (hold a {@link KeepAlive}) for as long as you submit. Inside a wire,
     * wait for the future with {@link WireFutures#await}, not {@code get()}, which would block the
     * scheduler's thread.
     *
     * @param <T> the type of the value
     * @param name the wire's name; not null
     * @param body what the wire computes; not null
     * @return a future completed on the scheduler's thread when the wire ends
     * @throws SchedulerClosedException when the scheduler is closed
     */
    public <T> CompletableFuture<T> submit(String name, Callable<? extends T> body) {
        return WireFutures.submit(this, name, body);
    }

    /** Creates a value-producing wire whose end and failure go to {@code owner} (a scope, a future), or to the default reporting when null. */
    <T> WireTask<T> spawnTask(String name, Callable<? extends T> body, WireTask.Owner owner, String call) {
        Objects.requireNonNull(name, () -> "a wire needs a name: " + call + "(name, body) got a null name");
        Objects.requireNonNull(body, () -> call + "(\"" + name + "\", body) got a null body");
        WireTask<T> task = new WireTask<>(body, owner);
        task.wire = new Wire(this, name, null, task);
        start(task.wire);
        return task;
    }

    private Wire start(Wire w) {
        if (closed) {
            throw closedException("spawn wire '" + w.name() + "'");
        }
        if (isOwnerThread()) {
            admit(w);
        } else {
            post(() -> admit(w));
        }
        return w;
    }

    /**
     * Runs {@code task} on the scheduler's thread, outside any wire, at its next turn; the task
     * may spawn and resume wires but not wait. Tasks from one thread run in the order given.
     * An exception thrown by the task is logged and passed to the exception handler; without a
     * handler, {@link #run()} throws it at its end (see the class comment).
     *
     * <p>Any thread.
     *
     * @param task what to run on the scheduler's thread; not null
     * @throws SchedulerClosedException when the scheduler is closed
     */
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (closed) {
            throw closedException("execute a task");
        }
        post(task);
    }

    /**
     * Runs wires on the calling thread until every wire has ended and no {@link KeepAlive} is
     * open (libwire {@code wire_thread_run}). Wires parked idle (such as idle pool workers) do not count: they
     * stay suspended, ready for the next {@code run()}, until their pool or the scheduler closes. The calling thread becomes the owner for the
     * duration.
     *
     * @throws WireFailedException when a wire failed and nobody took the failure over: no
     *         exception handler is set and nobody joined it (see the class comment); thrown once
     *         every wire has ended, with the first such failure as cause and later ones suppressed
     * @throws WireDeadlockException when wires remain but none can ever run again; the message
     *         lists each stuck wire, what it waits on and its stack (and the scope tree), with
     *         unobserved failures suppressed
     * @throws IllegalStateException when the scheduler is already running, or the calling thread
     *         already runs a scheduler
     * @throws SchedulerClosedException when the scheduler is closed
     */
    public void run() {
        enter("run()");
        WireFailedException failed = null;
        try {
            loop();
        } catch (WireDeadlockException e) {
            WireFailedException u = takeUnobserved();
            if (u != null) {
                e.addSuppressed(u);
            }
            throw e;
        } finally {
            failed = leave();
        }
        if (failed != null) {
            throw failed;
        }
    }

    /**
     * Starts a new platform thread named {@code threadName} that calls {@link #run()}, with a
     * stack of {@code stackSize} bytes (0 for the JVM default). With the Continuation switch,
     * wires run on this stack, so its size bounds how deep a wire may recurse. An exception from
     * {@code run()} goes to the thread's uncaught exception handler. Any thread.
     *
     * @param threadName the new thread's name
     * @param stackSize the new thread's stack size in bytes, 0 for the JVM default
     * @return the started thread; {@link Thread#join()} it to wait for the scheduler to finish
     * @throws IllegalArgumentException when {@code stackSize} is negative
     */
    public Thread startThread(String threadName, long stackSize) {
        Objects.requireNonNull(threadName, "threadName");
        if (stackSize < 0) {
            throw new IllegalArgumentException("stackSize " + stackSize + " for scheduler thread '" + threadName
                    + "' is negative; pass 0 for the JVM default");
        }
        Thread t = new Thread(null, this::run, threadName, stackSize);
        t.start();
        return t;
    }

    /**
     * Opens a {@link KeepAlive}: the scheduler keeps waiting for outside wake-ups until it is closed. Any thread.
     *
     * @return the open keep-alive; close it once no other thread will wake a wire any more
     */
    public KeepAlive keepAlive() {
        holds.incrementAndGet();
        return new KeepAlive(this, null);
    }

    /**
     * Opens a {@link KeepAlive} that says what it waits for: while it is open, {@link #dump()}
     * (and a stuck report) prints {@code description}'s text after the wires, so a program whose
     * wires all wait on something only this keep-alive's holder can bring still says who waits on
     * what. The description is asked only when a dump is made, on the thread that makes it (the
     * scheduler's, or the caller's for a best-effort dump); keep it cheap and thread-safe. Any thread.
     *
     * <pre>{@code
     * KeepAlive hold = scheduler.keepAlive(() -> "the reply of " + request + " from the HTTP client thread");
     * client.sendAsync(request).whenComplete((r, e) -> {
     *     try (hold) {
     *         replies.resume();
     *     }
     * });
     * }</pre>
     *
     * @param description says what the holder waits for or will wake; not null
     * @return the open keep-alive; close it once no other thread will wake a wire any more
     * @throws NullPointerException when {@code description} is null
     */
    public KeepAlive keepAlive(Supplier<String> description) {
        Objects.requireNonNull(description, "description");
        holds.incrementAndGet();
        KeepAlive k = new KeepAlive(this, description);
        described.add(k);
        return k;
    }

    /** A described keep-alive was closed. Any thread. */
    void forget(KeepAlive k) {
        described.remove(k);
    }

    /**
     * Sets the handler that also receives each wire failure (after logging), except failures a
     * {@link WireScope} or a {@link #submit} future takes over; it also gets failing
     * {@link #execute} tasks (with a null wire). With a handler set, {@link #run()} no longer
     * throws unobserved failures: the handler has taken them over. Null removes it. Any thread.
     *
     * <pre>{@code
     * scheduler.setExceptionHandler((wire, failure) -> metrics.count("wire failures"));
     * }</pre>
     *
     * @param handler called on the scheduler's thread with the failed wire (null for a task) and
     *        its exception; null removes it
     */
    public void setExceptionHandler(BiConsumer<Wire, Throwable> handler) {
        this.exceptionHandler = handler;
    }

    /**
     * Sets how long a wire may run without switching out before the stall detector logs a warning
     * (once per stall, logger {@code io.jwire}): the scheduler, the wire, its stack and the likely
     * cause, such as {@code Thread.sleep}, a blocking socket, a monitor held by a suspended wire, or
     * a long loop without a yield. The default is 1 second, or {@code -Djwire.stallThreshold} (for
     * example {@code 250ms}, {@code 2s}, or {@code off}). {@link Duration#ZERO} turns it off for
     * this scheduler. It takes effect at the next {@link #run()}. Any thread.
     *
     * @param threshold how long a wire may run without switching; zero turns the detector off
     * @throws IllegalArgumentException when {@code threshold} is negative
     */
    public void setStallThreshold(Duration threshold) {
        Checks.notNegative(threshold, "WireScheduler.setStallThreshold(Duration)");
        long n;
        try {
            n = threshold.toNanos();
        } catch (ArithmeticException e) {
            n = Long.MAX_VALUE;
        }
        stallThresholdNanos = n;
    }

    /**
     * The switch implementation in use. Any thread.
     *
     * @return {@code continuation} or {@code virtual-thread}
     */
    public String switchImplementation() {
        return switchLayer.name();
    }

    /**
     * The name of this scheduler's poller: {@code epoll} with jwire-sdk-epoll on Linux,
     * {@code portable} otherwise (see {@link WirePollerProvider#name()}). Any thread.
     *
     * @return the poller provider's name
     */
    public String pollerName() {
        return pollerName;
    }

    /** This scheduler's poller; other modules' pollers reach theirs through the internal accessor, not API. */
    WirePoller poller() {
        return poller;
    }

    /**
     * Whether the calling thread may act on this scheduler directly. Any thread.
     *
     * @return true on the owner thread (in {@link #run()}) and inside its wires
     */
    public boolean isOwnerThread() {
        return CURRENT.get() == this;
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
     * A text dump of every live wire: its name, state, what it waits on, and its stack. From the
     * owner thread or a wire it is exact; from another thread while the scheduler runs, it is
     * taken on the scheduler's thread at its next turn (waiting up to 5 seconds, then a best-effort
     * snapshot). Any thread.
     *
     * @return one block of text per live wire
     */
    public String dump() {
        if (isOwnerThread() || owner == null) {
            return describe();
        }
        CompletableFuture<String> f = new CompletableFuture<>();
        post(() -> f.complete(describe()));
        try {
            return f.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return describe();
        } catch (Exception e) {
            return describe();
        }
    }

    /**
     * Closes the scheduler: later {@code spawn}, {@code execute} and {@code run} fail with
     * {@link SchedulerClosedException}. Live wires are cancelled and run until they end (their
     * {@code finally} blocks run): by the active {@link #run()} when there is one (it then
     * returns, open keep-alives notwithstanding), otherwise on the calling thread. The poller is
     * released once no wire is left. Idempotent. Any thread.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (owner != null) {
                // The running owner shuts down: through its inbox now, or in leave() if its loop
                // has already ended (leave() takes this lock, so one of the two always sees it).
                post(this::beginShutdown);
                return;
            }
        }
        if (CURRENT.get() != null) {
            // A wire or task of another scheduler closes this idle one: not on this thread.
            Thread t = new Thread(this::shutDownIdle, name + "-close");
            t.setDaemon(true);
            t.start();
            return;
        }
        shutDownIdle();
    }

    /** Closes an idle scheduler on the calling thread: runs its wires to their end, releases the poller. */
    private void shutDownIdle() {
        synchronized (this) {
            if (owner != null) {
                post(this::beginShutdown); // a racing close() of another thread got here first
                return;
            }
            owner = Thread.currentThread();
        }
        CURRENT.set(this);
        StallDetector.watch(this);
        try {
            beginShutdown();
            loop();
        } finally {
            WireFailedException failed = leave();
            if (failed != null) {
                // close() on an idle scheduler does not throw: each failure was logged as it happened
                LOG.log(Level.DEBUG, name + " closed with unobserved wire failures", failed);
            }
        }
    }

    /**
     * Describes the scheduler for logs and messages. Any thread.
     *
     * @return {@code WireScheduler[NAME, SWITCH, N wires]}
     */
    @Override
    public String toString() {
        return "WireScheduler[" + name + ", " + switchLayer.name() + ", " + live.size() + " wires]";
    }

    // ---------------------------------------------------------------- package-private machinery

    long stallThresholdNanos() {
        return stallThresholdNanos;
    }

    /** Switches counted so far, read from another thread (the stall detector). */
    long switchCountOpaque() {
        return (long) SWITCHES.getOpaque(this);
    }

    /** The running wire, read from another thread (the stall detector). */
    Wire currentOpaque() {
        return (Wire) CURRENT_WIRE.getOpaque(this);
    }

    /** The thread running this scheduler, or null. */
    Thread ownerThread() {
        return owner;
    }

    static long parseStallThreshold(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (t.equals("off") || t.equals("0")) {
                return 0;
            }
            if (t.endsWith("ms")) {
                return TimeUnit.MILLISECONDS.toNanos(Long.parseLong(t.substring(0, t.length() - 2).trim()));
            }
            if (t.endsWith("s")) {
                return TimeUnit.SECONDS.toNanos(Long.parseLong(t.substring(0, t.length() - 1).trim()));
            }
            return Duration.parse(text.trim()).toNanos();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("-Djwire.stallThreshold=" + text
                    + " is not a duration; use for example 500ms, 2s, PT1S or off", e);
        }
    }

    /** Switches counted since creation, for tests. */
    long switchCount() {
        return switches;
    }

    /** Takes one hold, like {@link #keepAlive()} without the object; release it with {@link #releaseHold()}. */
    void hold() {
        holds.incrementAndGet();
    }

    void releaseHold() {
        holds.decrementAndGet();
        if (!isOwnerThread()) {
            poller.wakeup(); // the owner's loop re-checks by itself
        }
    }

    void post(Runnable r) {
        inbox.add(r);
        poller.wakeup();
    }

    void enqueue(Wire w) {
        w.nextReady = null;
        if (readyTail == null) {
            readyHead = w;
        } else {
            readyTail.nextReady = w;
        }
        readyTail = w;
        readySize++;
    }

    /**
     * Removes {@code w} from the ready queue when it is the head (the next wire to run), for a
     * wake taken back ({@code Waiter.unwakeIfNext}). Owner thread.
     */
    boolean unqueueHead(Wire w) {
        if (readyHead != w) {
            return false;
        }
        pollReady();
        if (roundLeft > 0) {
            roundLeft--; // its turn, taken now, was this round's
        }
        return true;
    }

    /** Whether a yield should switch: another wire is ready, or a timer, task or event is due. */
    boolean hasOtherWork() {
        return readySize > 0
                || !inbox.isEmpty()
                || (!timers.isEmpty() && timers.earliestDeadline() - System.nanoTime() <= 0)
                || poller.pendingWaits() > 0;
    }

    private void enter(String call) {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("thread '" + Thread.currentThread().getName()
                    + "' already runs a scheduler; run each scheduler on its own thread (see startThread)");
        }
        synchronized (this) {
            if (closed) {
                throw closedException(call);
            }
            if (owner != null) {
                throw new IllegalStateException(name + " is already running on thread '" + owner.getName()
                        + "'; a scheduler runs on one thread at a time");
            }
            owner = Thread.currentThread();
        }
        CURRENT.set(this);
        StallDetector.watch(this);
    }

    /**
     * Gives up ownership. A {@link #close()} that raced the end of the loop is finished here, on
     * the owner thread, so no wire is kept alive and the poller is released exactly once.
     */
    private WireFailedException leave() {
        boolean closePoller = false;
        WireFailedException failed = null;
        try {
            for (;;) {
                synchronized (this) {
                    if (!closed || shuttingDown && live.size() == idleWires && inbox.isEmpty() || gaveUp) {
                        closePoller = closed && !pollerClosed;
                        pollerClosed |= closed;
                        break;
                    }
                }
                if (!shuttingDown) {
                    beginShutdown();
                }
                loop();
            }
            if (closePoller) {
                poller.close(); // still the owner: the poller's fds are closed on their thread
            }
        } finally {
            failed = takeUnobserved(); // still the owner: the list is confined to it
            StallDetector.unwatch(this);
            synchronized (this) {
                owner = null;
            }
            CURRENT.remove();
        }
        return failed;
    }

    private void admit(Wire w) {
        if (shuttingDown) {
            w.cancelLocal(); // spawned while closing: it ends without running its body
        }
        live.add(w.live);
        enqueue(w);
    }

    private Wire pollReady() {
        Wire w = readyHead;
        readyHead = w.nextReady;
        if (readyHead == null) {
            readyTail = null;
        }
        w.nextReady = null;
        readySize--;
        return w;
    }

    private void loop() {
        for (;;) {
            drainInbox();
            if (!timers.isEmpty()) {
                timers.fireDue(System.nanoTime());
            }
            int n = readySize;
            if (n > 0) {
                if (++roundsSincePoll >= POLL_EVERY_ROUNDS) {
                    roundsSincePoll = 0;
                    if (poller.pendingWaits() > 0) {
                        poller.poll(0);
                    }
                }
                roundLeft = n;
                while (roundLeft > 0 && readyHead != null) { // a wake taken back shortens the round
                    roundLeft--;
                    runOne(pollReady());
                }
                continue;
            }
            if (live.size() == idleWires && (shuttingDown || holds.get() == 0) && inbox.isEmpty()) {
                return; // every wire has ended, or waits idle in a pool for tasks that only a later run() can bring
            }
            long timeout;
            if (!timers.isEmpty()) {
                timeout = Math.max(0, timers.earliestDeadline() - System.nanoTime());
            } else if (holds.get() > 0 || poller.pendingWaits() > 0) {
                timeout = -1;
            } else if (!inbox.isEmpty()) {
                continue;
            } else if (shuttingDown) {
                timeout = 0; // nothing can wake the remaining wires: cancel them again now
                nextCancelRound = System.nanoTime();
            } else {
                throw new WireDeadlockException("jwire: no wire of " + name + " can ever run again: "
                        + (live.size() - idleWires) + " suspended, and nothing is ready, no timer is armed, no event source is "
                        + "registered, no task is queued and no KeepAlive is held. Code that resumes wires from "
                        + "another thread must hold WireScheduler.keepAlive() meanwhile.\n" + describe());
            }
            if (shuttingDown) {
                // Wires still live after their cancel may finish cleaning up (a timed wait in a
                // finally block); one that is still there a grace period later is cancelled again.
                long untilRound = nextCancelRound - System.nanoTime();
                if (untilRound <= 0) {
                    if (refusedToEnd()) {
                        return;
                    }
                    continue;
                }
                timeout = timeout < 0 ? untilRound : Math.min(timeout, untilRound);
            }
            poller.poll(timeout);
        }
    }

    private void runOne(Wire w) {
        Coroutine c = w.coroutine;
        if (c == null) {
            c = runnerFor(w);
        }
        current = w;
        w.setState(WireState.RUNNING);
        switches++;
        boolean done = c.resume();
        Wire last = current; // its runner may have gone on with more wires
        current = null;
        if (last == null) {
            return; // it ended and was retired on its runner
        }
        if (done) {
            retire(last);
        } else if (last.state() == WireState.READY) {
            enqueue(last); // it yielded
        }
    }

    /** Gives a fresh wire an idle runner, or a new one. */
    private Coroutine runnerFor(Wire w) {
        Runner r = idleRunners;
        if (r != null) {
            idleRunners = r.nextIdle;
            r.nextIdle = null;
            idleRunnerCount--;
            r.wire = w;
        } else {
            r = new Runner(this, w);
        }
        w.coroutine = r.coroutine;
        return r.coroutine;
    }

    /**
     * Called on runner {@code r} when the body of its wire {@code ended} has ended. Where runners
     * are shared: retires the wire, and when the ready queue's head is a fresh wire whose turn
     * falls in this round, makes it the running wire on {@code r} and returns it. Null otherwise
     * (on a separate-thread switch without retiring: the scheduler does once the coroutine ends).
     */
    Wire ranOnRunner(Runner r, Wire ended) {
        if (!shareRunners) {
            return null;
        }
        current = null;
        retire(ended);
        Wire next = readyHead;
        if (roundLeft <= 0 || next == null || next.coroutine != null) {
            return null;
        }
        roundLeft--;
        pollReady();
        next.coroutine = r.coroutine;
        next.setState(WireState.RUNNING);
        current = next;
        return next;
    }

    /** Keeps the idle runner {@code r} for the next fresh wire; false when it should end instead. */
    boolean poolRunner(Runner r) {
        if (!shareRunners || idleRunnerCount >= MAX_IDLE_RUNNERS) {
            return false;
        }
        r.nextIdle = idleRunners;
        idleRunners = r;
        idleRunnerCount++;
        return true;
    }

    private void retire(Wire w) {
        live.remove(w.live);
        w.ended();
        WireTask<?> task = w.task;
        if (task != null && task.owner != null) {
            task.owner.taskEnded(task); // its scope or future takes the end over, failure included
            return;
        }
        Throwable failure = w.failure();
        if (failure != null) {
            report(w, failure);
        }
    }

    void report(Wire w, Throwable failure) {
        String what = failure instanceof StackOverflowError
                ? "overflowed its stack (StackOverflowError); recurse less or give the scheduler thread a bigger stack"
                : "failed with " + failure;
        LOG.log(Level.ERROR, "wire '" + (w == null ? "<task>" : w.name()) + "' of " + name + " " + what, failure);
        BiConsumer<Wire, Throwable> h = exceptionHandler;
        if (h != null) {
            try {
                h.accept(w, failure);
            } catch (Throwable t) {
                LOG.log(Level.ERROR, "the exception handler of " + name + " threw", t);
            }
        } else if (unobserved.size() < MAX_UNOBSERVED_KEPT) {
            unobserved.add(new Unobserved(w, w == null ? "a task" : "wire '" + w.name() + "'", failure));
        } else {
            unobservedDropped++;
        }
    }

    /**
     * The failures nobody took over since the last call, as one exception (null when none), and
     * forgets them. Owner thread.
     */
    private WireFailedException takeUnobserved() {
        Unobserved first = null;
        List<Throwable> later = new ArrayList<>();
        for (Unobserved u : unobserved) {
            if (u.wire != null && u.wire.failureObserved && u.wire.failure() == u.failure) {
                continue; // joined after it ended: the joiner took it over
            }
            if (first == null) {
                first = u;
            } else {
                later.add(u.failure);
            }
        }
        int dropped = unobservedDropped;
        unobserved.clear();
        unobservedDropped = 0;
        if (first == null && dropped == 0) {
            return null;
        }
        StringBuilder msg = new StringBuilder();
        if (first != null) {
            msg.append(first.where).append(" of ").append(name).append(" failed and nobody took the failure over ")
                    .append("(no join, no scope, no exception handler): ").append(first.failure);
        } else {
            msg.append("wires of ").append(name).append(" failed and nobody took the failures over");
        }
        if (!later.isEmpty() || dropped > 0) {
            msg.append("; ").append(later.size()).append(" more suppressed");
            if (dropped > 0) {
                msg.append(", ").append(dropped).append(" more only logged");
            }
        }
        WireFailedException e = new WireFailedException(msg.toString(), first == null ? null : first.failure);
        later.forEach(e::addSuppressed);
        return e;
    }

    /** A failure nobody took over yet: {@code wire} is null for a scheduler task. */
    private record Unobserved(Wire wire, String where, Throwable failure) {
    }

    private void drainInbox() {
        Runnable r;
        while ((r = inbox.poll()) != null) {
            try {
                r.run();
            } catch (Throwable t) {
                report(null, t);
            }
        }
    }

    private void beginShutdown() {
        if (!shuttingDown) {
            shuttingDown = true;
            cancelLive();
        }
    }

    /**
     * During shutdown, when no wire is ready but some live: cancels them again, up to
     * {@link #MAX_CANCEL_ROUNDS} rounds; then reports the wires that refuse to end and gives up.
     *
     * @return true when shutdown gives up on the remaining wires
     */
    private boolean refusedToEnd() {
        if (cancelRounds < MAX_CANCEL_ROUNDS) {
            cancelLive();
            return false;
        }
        gaveUp = true;
        LOG.log(Level.WARNING, name + " was closed, but these wires caught " + MAX_CANCEL_ROUNDS
                + " cancels and did not end; they are abandoned (their finally blocks will not run). "
                + "Let WireCancelledException propagate.\n" + describe());
        return true;
    }

    /** Cancels every live wire once more (a wire that caught the last cancel gets another). */
    private void cancelLive() {
        cancelRounds++;
        nextCancelRound = System.nanoTime() + CANCEL_GRACE_NANOS;
        for (Wire w = firstLive(); w != null; w = w.nextLive()) {
            w.cancelLocal();
        }
    }

    private SchedulerClosedException closedException(String what) {
        return new SchedulerClosedException("cannot " + what + ": " + name
                + " is closed; create a new scheduler with WireScheduler.create()");
    }

    /** The first live wire, or null. */
    private Wire firstLive() {
        Wire.Live l = live.first();
        return l == null ? null : l.wire;
    }

    /** The dump text: one block per live wire. */
    private String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(name).append(" (").append(switchLayer.name()).append(" switch): ")
                .append(live.size()).append(" live wire(s)\n");
        for (Wire w = firstLive(); w != null; w = w.nextLive()) {
            sb.append("wire '").append(w.name()).append("' ").append(w.state());
            Object on = w.waitingOn();
            if (on != null) {
                sb.append(" waiting on ").append(on);
            }
            if (w.isCancelled()) {
                sb.append(" (cancelled)");
            }
            sb.append('\n');
            StackTraceElement[] stack = w == current ? Thread.currentThread().getStackTrace() : w.stackTrace();
            for (StackTraceElement e : stack) {
                sb.append("\tat ").append(e).append('\n');
            }
        }
        WireScope.appendTree(sb, firstLive());
        int h = holds.get();
        if (h > 0) {
            sb.append(h).append(" keep-alive(s) or outside calls held: run() waits for a wake-up from outside its wires");
            sb.append(described.isEmpty() ? "\n" : "; described ones:\n");
            for (KeepAlive k : described) {
                sb.append("keep-alive: ").append(k.description()).append('\n');
            }
        }
        return sb.toString();
    }
}
