package io.jwire.docs;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A headless Chromium driven through the DevTools protocol (a WebSocket to its one page): open a
 * URL, evaluate JavaScript in the page, wait for a condition, take a screenshot. The browser and
 * its profile directory are gone after {@link #close()}.
 */
final class Chromium implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** DevTools messages: plain maps, lists, strings, doubles; no HTML escaping in what we send. */
    private static final Gson JSON = new GsonBuilder().disableHtmlEscaping().create();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final List<String> stderr = new ArrayList<>();

    /** The Chromium executable: $CHROMIUM, or chromium / chromium-browser / google-chrome on the PATH; null when none. */
    static Path find() {
        String env = System.getenv("CHROMIUM");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    Chromium(Path executable, int width, int height) throws IOException, InterruptedException {
        profile = Files.createTempDirectory("jwire-docs-chromium");
        process = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height, "--remote-debugging-port=0", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String browserUrl = null;
        try {
            browserUrl = awaitListening();
            URI browser = URI.create(browserUrl);
            HttpClient http = HttpClient.newHttpClient();
            String list = http.send(HttpRequest.newBuilder(URI.create("http://" + browser.getAuthority() + "/json/list"))
                    .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString()).body();
            String pageSocket = null;
            for (Object t : (List<?>) JSON.fromJson(list, Object.class)) {
                Map<?, ?> target = (Map<?, ?>) t;
                if ("page".equals(target.get("type"))) {
                    pageSocket = (String) target.get("webSocketDebuggerUrl");
                    break;
                }
            }
            if (pageSocket == null) {
                throw new IOException("Chromium has no page target: " + list);
            }
            socket = http.newWebSocketBuilder().connectTimeout(WAIT)
                    .buildAsync(URI.create(pageSocket), new Listener()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            call("Page.enable", "{}");
            call("Runtime.enable", "{}");
        } catch (Exception e) {
            close();
            throw new IOException("could not drive Chromium (" + (browserUrl == null ? "no DevTools URL" : browserUrl)
                    + "); its stderr: " + String.join("\n", stderr), e);
        }
    }

    private String awaitListening() throws InterruptedException {
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = Thread.ofPlatform().daemon().name("chromium-stderr").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (stderr) {
                        if (stderr.size() < 200) {
                            stderr.add(line);
                        }
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            url.complete(null);
        });
        try {
            String u = url.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (u == null) {
                throw new IllegalStateException("Chromium ended without a DevTools URL");
            }
            return u;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            reader.interrupt();
            throw new IllegalStateException("Chromium gave no DevTools URL within " + WAIT, e);
        }
    }

    /** Sends one protocol command and waits for its result. */
    Map<String, Object> call(String method, String paramsJson) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + paramsJson + "}", true)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Map<String, Object> r = reply.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (r.containsKey("error")) {
            throw new IllegalStateException(method + " failed: " + r.get("error"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) r.get("result");
        return result;
    }

    /** Opens {@code url} and waits until the page has loaded. */
    void open(String url) throws Exception {
        call("Page.navigate", "{\"url\":" + JSON.toJson(url) + "}");
        waitFor("document.readyState === 'complete' && location.href === " + JSON.toJson(url), "load " + url);
    }

    /** Evaluates {@code js} in the page and returns its value (strings, numbers, booleans, null). */
    Object eval(String js) throws Exception {
        Map<String, Object> r = call("Runtime.evaluate", "{\"expression\":" + JSON.toJson(js) + ",\"returnByValue\":true}");
        if (r.containsKey("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + js + ": " + r.get("exceptionDetails"));
        }
        return ((Map<?, ?>) r.get("result")).get("value");
    }

    /** Waits until {@code condition} is true in the page. */
    void waitFor(String condition, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Object v;
            try {
                v = eval("!!(" + condition + ")");
            } catch (IllegalStateException e) {
                v = false; // a page in transition
            }
            if (Boolean.TRUE.equals(v)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + " (" + condition + ") on " + eval("location.href"));
            }
            Thread.sleep(50);
        }
    }

    /** Saves a PNG of the visible page. */
    void screenshot(Path file) throws Exception {
        Map<String, Object> r = call("Page.captureScreenshot", "{\"format\":\"png\"}");
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode((String) r.get("data")));
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                Object parsed = JSON.fromJson(message.toString(), Object.class);
                message.setLength(0);
                if (parsed instanceof Map<?, ?> m && m.get("id") instanceof Double id) {
                    CompletableFuture<Map<String, Object>> f = pending.remove(id.intValue());
                    if (f != null) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> reply = (Map<String, Object>) m;
                        f.complete(reply);
                    }
                }
            }
            ws.request(1);
            return null;
        }
    }
}
