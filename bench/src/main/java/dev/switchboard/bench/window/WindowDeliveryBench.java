package dev.switchboard.bench.window;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.DeliveryMethod;
import dev.switchboard.config.GuiConfig;
import dev.switchboard.config.TmuxConfig;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.delivery.Deliverer;
import dev.switchboard.delivery.DeliveryOutcome;
import dev.switchboard.delivery.gui.AdaptiveTiming;
import dev.switchboard.delivery.gui.AwtClipboard;
import dev.switchboard.delivery.gui.AwtDesktop;
import dev.switchboard.delivery.gui.GuiDeliverer;
import dev.switchboard.delivery.gui.InputLock;
import dev.switchboard.delivery.tmux.TmuxDeliverer;
import dev.switchboard.testkit.BenchTexts;
import dev.switchboard.testkit.gui.BrowserTarget;
import dev.switchboard.testkit.gui.SubmittedLog;
import dev.switchboard.testkit.gui.TargetProcess;
import dev.switchboard.testkit.tmux.PrivateTmuxServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The window part of {@code switchboard bench}: delivers messages of about 1 KB through GUI delivery (under Xvfb)
 * into the Swing chat box target and into a real browser's composer ({@link BrowserTarget}, Debian's chromium),
 * and into a pane reader through tmux delivery, and reports latency and exactness.
 *
 * <p>Entry point: {@link #run(Path, int)} returns {@code {"gui": {...}, "gui_browser": {...}, "tmux": {...}}}
 * (see {@link Figures#toMap()}). The GUI parts always run in a child JVM on a display of their own: a private
 * Xvfb when {@code Xvfb} is installed (so a benchmark never drives the user's real mouse), else the inherited
 * {@code DISPLAY}; with neither (or, for the browser, without chromium), their figures carry an {@code error}.
 */
public final class WindowDeliveryBench {

    public static final int DEFAULT_MESSAGES = 500;
    private static final long CHILD_TIMEOUT_S = 600;
    private static final ObjectMapper JSON = new ObjectMapper();

    private WindowDeliveryBench() {}

    /** Both parts; {@code workDir} receives the targets' files. */
    public static Map<String, Map<String, Object>> run(Path workDir, int messages) throws InterruptedException {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        out.put("gui", gui(workDir, messages).toMap());
        out.put("gui_browser", guiBrowser(workDir, messages).toMap());
        out.put("tmux", tmux(workDir, messages).toMap());
        return out;
    }

    /** GUI delivery figures (Swing target), measured in a child JVM on a private (or the inherited) display. */
    public static Figures gui(Path workDir, int messages) throws InterruptedException {
        return inChild(workDir, messages, WindowChild.Target.GUI);
    }

    /** GUI delivery figures into chromium's composer page, measured like {@link #gui}. */
    public static Figures guiBrowser(Path workDir, int messages) throws InterruptedException {
        if (!BrowserTarget.available()) {
            return Figures.failed("no chromium: install the Debian package chromium");
        }
        return inChild(workDir, messages, WindowChild.Target.BROWSER);
    }

    private static Figures inChild(Path workDir, int messages, WindowChild.Target mode) throws InterruptedException {
        String inherited = System.getenv("DISPLAY");
        try {
            Files.createDirectories(workDir);
            if (XvfbSession.available()) {
                try (XvfbSession xvfb = XvfbSession.start()) {
                    return guiInChild(workDir, messages, xvfb.display(), mode);
                }
            }
            if (inherited != null && !inherited.isBlank()) {
                return guiInChild(workDir, messages, inherited, mode);
            }
            return Figures.failed("no display: install xvfb (Debian package xvfb) or set DISPLAY");
        } catch (IOException e) {
            return Figures.failed("gui bench failed: " + e.getMessage());
        }
    }

    /** tmux delivery figures, into a pane reader on a private tmux server. */
    public static Figures tmux(Path workDir, int messages) throws InterruptedException {
        Path file = workDir.resolve("tmux-bench.log");
        try {
            Files.createDirectories(workDir);
            Files.deleteIfExists(file);
            try (PrivateTmuxServer server = PrivateTmuxServer.startWithReader(file)) {
                AgentConfig agent = new AgentConfig(
                        "bench-tmux",
                        List.of(),
                        List.of(),
                        List.of(DeliveryMethod.TMUX),
                        null,
                        null,
                        new TmuxConfig(server.target(), server.socket()));
                return measure(new TmuxDeliverer(), agent, messages, () -> SubmittedLog.read(file));
            }
        } catch (IOException e) {
            return Figures.failed("tmux bench failed: " + e.getMessage());
        }
    }

    private static Figures guiInChild(Path workDir, int messages, String display, WindowChild.Target mode)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                        java,
                        "-Xmx128m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        WindowChild.class.getName(),
                        mode.name(),
                        workDir.toString(),
                        Integer.toString(messages))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("DISPLAY", display);
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        if (!p.waitFor(CHILD_TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return Figures.failed("gui bench did not finish within " + CHILD_TIMEOUT_S + " s");
        }
        String stdout = out.join().strip();
        String last = stdout.isEmpty() ? "" : stdout.substring(stdout.lastIndexOf('\n') + 1);
        if (p.exitValue() != 0 || !last.startsWith("{")) {
            return Figures.failed(mode.label() + " bench exited with " + p.exitValue());
        }
        return JSON.readValue(last, Figures.class);
    }

    /** The child's answer: its figures as one JSON line. */
    static String toJsonLine(Figures f) throws IOException {
        return JSON.writeValueAsString(f);
    }

    /** In this JVM, on its display: start a target, deliver, compare. */
    static Figures guiHere(Path workDir, int messages) throws IOException, InterruptedException {
        Path file = workDir.resolve("gui-bench.log");
        Files.deleteIfExists(file);
        try (TargetProcess target = TargetProcess.start(null, file, 40, 40, "enter")) {
            AgentConfig agent = new AgentConfig(
                    "bench-gui",
                    List.of(),
                    List.of(),
                    List.of(DeliveryMethod.GUI),
                    null,
                    new GuiConfig(target.inputBox(), null, "enter"),
                    null);
            GuiDeliverer gui =
                    new GuiDeliverer(new AwtDesktop(), new AwtClipboard(), new InputLock(), new AdaptiveTiming(null));
            return measure(gui, agent, messages, target::submitted);
        }
    }

    /** In this JVM, on its display: start chromium with the composer page, deliver, compare. */
    static Figures guiBrowserHere(Path workDir, int messages) throws IOException, InterruptedException {
        try (BrowserTarget browser = BrowserTarget.start(null, "enter", workDir)) {
            AgentConfig agent = new AgentConfig(
                    "bench-gui-browser",
                    List.of(),
                    List.of(),
                    List.of(DeliveryMethod.GUI),
                    null,
                    new GuiConfig(browser.inputBox(), null, "enter"),
                    null);
            GuiDeliverer gui =
                    new GuiDeliverer(new AwtDesktop(), new AwtClipboard(), new InputLock(), new AdaptiveTiming(null));
            return measure(gui, agent, messages, () -> {
                browser.awaitSubmitted(messages, SUBMIT_REPORT_WAIT_MS);
                return browser.submitted();
            });
        }
    }

    /** How long the page may take to report the last submitted texts (they are sent after the box cleared). */
    private static final long SUBMIT_REPORT_WAIT_MS = 10_000;

    private interface Received {
        List<String> get() throws IOException, InterruptedException;
    }

    private static Figures measure(Deliverer deliverer, AgentConfig agent, int messages, Received received)
            throws IOException, InterruptedException {
        Sender sender = new Sender(Platform.SYSTEM, "bench", "bench", null);
        List<String> sent = new ArrayList<>();
        double[] latencies = new double[messages];
        int verified = 0;
        for (int i = 0; i < messages; i++) {
            String text = BenchTexts.oneKb(i);
            sent.add(text);
            UnifiedMessage m =
                    UnifiedMessage.text(sender, agent.id(), text, Priority.NORMAL, Origin.of(Platform.SYSTEM));
            long start = System.nanoTime();
            DeliveryOutcome o = deliverer.deliver(m, agent);
            latencies[i] = (System.nanoTime() - start) / 1_000_000.0;
            if (o.verified()) {
                verified++;
            }
        }
        return Figures.of(latencies, sent, received.get(), verified);
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
