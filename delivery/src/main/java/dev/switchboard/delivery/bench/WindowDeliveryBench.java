package dev.switchboard.delivery.bench;

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
import dev.switchboard.delivery.gui.target.BrowserTarget;
import dev.switchboard.delivery.gui.target.SubmittedLog;
import dev.switchboard.delivery.gui.target.TargetProcess;
import dev.switchboard.delivery.tmux.TmuxDeliverer;
import dev.switchboard.delivery.tmux.target.PrivateTmuxServer;
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

    private WindowDeliveryBench() {
    }

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
        return inChild(workDir, messages, "--gui-here");
    }

    /** GUI delivery figures into chromium's composer page, measured like {@link #gui}. */
    public static Figures guiBrowser(Path workDir, int messages) throws InterruptedException {
        if (!BrowserTarget.available()) {
            return Figures.failed("no chromium: install the Debian package chromium");
        }
        return inChild(workDir, messages, "--gui-browser-here");
    }

    private static Figures inChild(Path workDir, int messages, String mode) throws InterruptedException {
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
                AgentConfig agent = new AgentConfig("bench-tmux", List.of(), List.of(), List.of(DeliveryMethod.TMUX),
                        null, null, new TmuxConfig(server.target(), server.socket()));
                return measure(new TmuxDeliverer(), agent, messages, () -> SubmittedLog.read(file));
            }
        } catch (IOException e) {
            return Figures.failed("tmux bench failed: " + e.getMessage());
        }
    }

    private static Figures guiInChild(Path workDir, int messages, String display, String mode)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                WindowDeliveryBench.class.getName(), mode, workDir.toString(), Integer.toString(messages))
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
            return Figures.failed(mode.substring(2) + " bench exited with " + p.exitValue());
        }
        return JSON.readValue(last, Figures.class);
    }

    /** In this JVM, on its display: start a target, deliver, compare. */
    static Figures guiHere(Path workDir, int messages) throws IOException, InterruptedException {
        Path file = workDir.resolve("gui-bench.log");
        Files.deleteIfExists(file);
        try (TargetProcess target = TargetProcess.start(null, file, 40, 40, "enter")) {
            AgentConfig agent = new AgentConfig("bench-gui", List.of(), List.of(), List.of(DeliveryMethod.GUI), null,
                    new GuiConfig(target.inputBox(), null, "enter"), null);
            GuiDeliverer gui = new GuiDeliverer(new AwtDesktop(), new AwtClipboard(), new InputLock(),
                    new AdaptiveTiming(null));
            return measure(gui, agent, messages, target::submitted);
        }
    }

    /** In this JVM, on its display: start chromium with the composer page, deliver, compare. */
    static Figures guiBrowserHere(Path workDir, int messages) throws IOException, InterruptedException {
        try (BrowserTarget browser = BrowserTarget.start(null, "enter", workDir)) {
            AgentConfig agent = new AgentConfig("bench-gui-browser", List.of(), List.of(),
                    List.of(DeliveryMethod.GUI), null, new GuiConfig(browser.inputBox(), null, "enter"), null);
            GuiDeliverer gui = new GuiDeliverer(new AwtDesktop(), new AwtClipboard(), new InputLock(),
                    new AdaptiveTiming(null));
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
            UnifiedMessage m = UnifiedMessage.text(sender, agent.id(), text, Priority.NORMAL, Origin.of(Platform.SYSTEM));
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

    /**
     * {@code --gui-here DIR N} or {@code --gui-browser-here DIR N}: the child side (prints the GUI figures as one
     * JSON line). Otherwise
     * {@code [DIR [N]]}: both parts, printed as JSON.
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && (args[0].equals("--gui-here") || args[0].equals("--gui-browser-here"))) {
            Figures f = args[0].equals("--gui-here") ? guiHere(Path.of(args[1]), Integer.parseInt(args[2]))
                    : guiBrowserHere(Path.of(args[1]), Integer.parseInt(args[2]));
            System.out.println(JSON.writeValueAsString(f));
            return;
        }
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("switchboard-bench");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_MESSAGES;
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(run(dir, n)));
    }
}
