package io.jwire.examples;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs an example by name: {@code Examples NAME [ARGS...]}, which Maven does with
 *
 * <pre>
 * ./mvnw -q -pl examples -am -DskipTests verify -Dexample=channel [-Dexample.args="..."]
 * </pre>
 *
 * The names are libwire's test programs ({@code base}, {@code channel}, ...) plus jwire's demos;
 * without a name, or with an unknown one, it lists them.
 */
public final class Examples {
    /** An example's entry point. */
    @FunctionalInterface
    private interface Main {
        void main(String[] args) throws Exception;
    }

    private record Entry(Main main, String description) {
    }

    private static final Map<String, Entry> EXAMPLES = new LinkedHashMap<>();

    static {
        add("demo", EchoDemo::main, "the README demo: echo server under a 200-client load, with its numbers explained");
        add("intro", Demo::main, "wires take turns, sleep, and get resumed by another thread");
        add("base", Base::main, "two wires yield to each other, then sleep");
        add("channel", Channel::main, "a value handed over a rendezvous channel");
        add("waiters", Waiters::main, "request and reply over channels");
        add("locks", Locks::main, "eight wires take a fair lock in turn; a ninth waits until it is clear");
        add("pool", Pool::main, "eight tasks on a pool of four; starts wait for a free slot");
        add("wait", Wait::main, "a wake-up flag: wake-before-wait is kept, a second wake-up is not counted");
        add("asyncio", AsyncIo::main, "file calls delegated to helper threads through WireIo  [DIR]");
        add("log_stdout", LogStdout::main, "System.Logger from many wires through a ring and a logger wire");
        add("bench", Bench::main, "yields/s and pool spawns/s, with the switch in use  [STEPS]");
        add("echo_server", EchoServer::main, "an echo server on epoll sockets until stopped  [PORT [HANDLERS]]");
        add("web", WebServer::main, "an HTTP/1.1 server on epoll sockets until stopped  [PORT [FILE_DIR]]");
        add("web_client", WebClient::main, "downloads URLs with DNS through WireIo and a 10 s deadline  URL...");
        add("recurser", Recurser::main, "unbounded recursion in one wire, reported with its name; others go on");
        add("cancel", Cancel::main, "a cancelled wire runs its cleanups in reverse order");
        add("base.kt", kotlin("BaseKt"), "base with the Kotlin DSL: wires { }, wire(name) { }, yield(), sleep()");
        add("channel.kt", kotlin("ChannelKt"), "channel with the Kotlin DSL: produce { } and a for loop over the channel");
        add("echo_server.kt", kotlin("EchoServerKt"), "echo_server with the Kotlin DSL: serve(host, port, pool)  [PORT [HANDLERS]]");
        add("web.kt", kotlin("WebKt"), "a keep-alive HTTP/1.1 hello server with the Kotlin DSL  [PORT [HANDLERS]]");
    }

    private Examples() {
    }

    /**
     * The {@code main} of a Kotlin example (src/main/kotlin, package io.jwire.examples.kotlin),
     * found by class name so that the Java and Kotlin compilers need not see each other's sources.
     */
    private static Main kotlin(String fileClass) {
        return args -> {
            Method main = Class.forName("io.jwire.examples.kotlin." + fileClass).getMethod("main", String[].class);
            try {
                main.invoke(null, (Object) args);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof Exception ex) {
                    throw ex;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        };
    }

    private static void add(String name, Main main, String description) {
        EXAMPLES.put(name, new Entry(main, description));
    }

    /**
     * Runs the example {@code args[0]} with the remaining arguments; lists the examples and exits
     * with status 2 when the name is missing or unknown.
     */
    public static void main(String[] args) throws Exception {
        if (!run(args, System.err)) {
            System.exit(2);
        }
    }

    /** Runs the example {@code args[0]}; returns false, after listing the examples on {@code err}, when there is none of that name. */
    static boolean run(String[] args, PrintStream err) throws Exception {
        Entry e = args.length == 0 ? null : EXAMPLES.get(args[0]);
        if (e == null) {
            if (args.length > 0) {
                err.println("no example named '" + args[0] + "'");
            }
            list(err);
            return false;
        }
        e.main().main(Arrays.copyOfRange(args, 1, args.length));
        return true;
    }

    /** Prints each example's name and what it shows. */
    static void list(PrintStream out) {
        out.println("examples (run one with: ./mvnw -q -pl examples -am -DskipTests verify -Dexample=NAME [-Dexample.args=\"...\"]):");
        EXAMPLES.forEach((name, e) -> out.printf("  %-15s %s%n", name, e.description()));
    }

    /** The example names, in listing order. */
    static Iterable<String> names() {
        return EXAMPLES.keySet();
    }
}
