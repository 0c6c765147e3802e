package dev.switchboard.testkit.gui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.config.ScreenPoint;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real browser as an agent's chat window, for tests and {@code switchboard bench}: Debian's {@code chromium} in
 * kiosk mode showing {@code composer.html} (a tall textarea; Enter or Ctrl+Enter submits), served by a small
 * HTTP server on 127.0.0.1 to which the page reports each submitted text and each change of the box. Closing it
 * ends the browser and the server.
 */
public final class BrowserTarget implements AutoCloseable {

    public static final String BINARY = "chromium";
    private static final long START_TIMEOUT_S = 60;
    private static final String PAGE = "composer.html";

    private final HttpServer server;
    private final Process browser;
    private final Path profile;
    private final Map<Integer, String> submitted = new TreeMap<>();
    private final Map<Integer, String> values = new TreeMap<>();
    private final CompletableFuture<int[]> ready = new CompletableFuture<>();
    private int[] composer;

    private BrowserTarget(HttpServer server, Process browser, Path profile) {
        this.server = server;
        this.browser = browser;
        this.profile = profile;
    }

    /** Whether {@code chromium} is on the PATH. */
    public static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, BINARY))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts the browser on a display and waits until the page has laid out its composer.
     *
     * @param display X display ({@code :99}), or null to inherit this process's
     * @param submit  {@code enter} or {@code ctrl+enter}: the key that submits on this page
     * @param workDir receives the browser's profile and its log
     */
    public static BrowserTarget start(String display, String submit, Path workDir) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Path profile = Files.createTempDirectory(Files.createDirectories(workDir), "chromium-profile");
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/" + PAGE + "?submit="
                + java.net.URLEncoder.encode(submit, StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(
                        BINARY,
                        "--no-sandbox",
                        "--disable-gpu",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-quic",
                        "--test-type",
                        "--password-store=basic",
                        "--disable-features=Translate,MediaRouter",
                        "--force-device-scale-factor=1",
                        "--user-data-dir=" + profile,
                        "--kiosk",
                        "--app=" + url)
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("chromium-" + submit + ".log").toFile());
        if (display != null) {
            pb.environment().put("DISPLAY", display);
        }
        BrowserTarget[] self = new BrowserTarget[1];
        server.createContext("/", exchange -> {
            try (exchange) {
                self[0].handle(exchange);
            }
        });
        Process browser;
        synchronized (BrowserTarget.class) {
            browser = pb.start();
            self[0] = new BrowserTarget(server, browser, profile);
            server.start();
        }
        try {
            self[0].composer = self[0].ready.get(START_TIMEOUT_S, TimeUnit.SECONDS);
            return self[0];
        } catch (InterruptedException e) {
            self[0].close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting chromium", e);
        } catch (ExecutionException | TimeoutException e) {
            self[0].close();
            throw new IOException(
                    "chromium did not show the composer page within " + START_TIMEOUT_S + " s (see "
                            + workDir.resolve("chromium-" + submit + ".log") + ")",
                    e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if ("GET".equals(exchange.getRequestMethod()) && path.equals("/" + PAGE)) {
            byte[] page;
            try (InputStream in = BrowserTarget.class.getResourceAsStream(PAGE)) {
                page = in.readAllBytes();
            }
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        switch (path) {
            case "/ready" ->
                ready.complete(java.util.Arrays.stream(body.split(" "))
                        .mapToInt(Integer::parseInt)
                        .toArray());
            case "/submitted" -> numbered(submitted, body);
            case "/value" -> numbered(values, body);
            default -> {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
        }
        exchange.sendResponseHeaders(204, -1);
    }

    private synchronized void numbered(Map<Integer, String> into, String body) {
        int nl = body.indexOf('\n');
        into.put(Integer.parseInt(body.substring(0, nl)), body.substring(nl + 1));
        notifyAll();
    }

    /** A point inside the composer near its bottom: pasted text shows far above it, at the top-left. */
    public ScreenPoint inputBox() {
        return new ScreenPoint(composer[0] + composer[2] / 2, composer[1] + composer[3] - 30);
    }

    /** The composer's top-left corner on screen (its border included). */
    public ScreenPoint composerTopLeft() {
        return new ScreenPoint(composer[0], composer[1]);
    }

    /** Every text submitted so far, in the order the page submitted them. */
    public synchronized List<String> submitted() {
        return new ArrayList<>(submitted.values());
    }

    /** Waits until at least {@code n} texts were reported submitted, with no gap. @return whether they were */
    public synchronized boolean awaitSubmitted(int n, long timeoutMs) throws InterruptedException {
        return awaitNumbered(submitted, n, timeoutMs);
    }

    /**
     * Every content the box had, in order (one per change), once all changes up to the one that left it
     * {@code last} have been reported. @return the contents, or empty when that did not happen in time
     */
    public synchronized java.util.Optional<List<String>> valuesUntil(String last, long timeoutMs)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (true) {
            List<String> all = new ArrayList<>(values.values());
            boolean noGap = values.isEmpty() || ((TreeMap<Integer, String>) values).lastKey() == values.size();
            if (noGap && !all.isEmpty() && all.get(all.size() - 1).equals(last)) {
                return java.util.Optional.of(all);
            }
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return java.util.Optional.empty();
            }
            wait(left);
        }
    }

    private boolean awaitNumbered(Map<Integer, String> map, int n, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!(map.size() >= n && ((TreeMap<Integer, String>) map).lastKey() == map.size())) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    public boolean isAlive() {
        return browser.isAlive();
    }

    /** Ends the browser (all its processes) and the server, and removes the profile. */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>(browser.descendants().toList());
        browser.destroy();
        all.forEach(ProcessHandle::destroy);
        try {
            if (!browser.waitFor(10, TimeUnit.SECONDS)) {
                browser.destroyForcibly();
            }
            for (ProcessHandle h : all) {
                h.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            all.forEach(ProcessHandle::destroyForcibly);
        }
        server.stop(0);
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A left-over profile in the work folder harms nothing; the folder is temporary.
        }
    }
}
