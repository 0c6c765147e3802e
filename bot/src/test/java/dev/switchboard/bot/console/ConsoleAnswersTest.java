package dev.switchboard.bot.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.bot.App;
import dev.switchboard.config.Secrets;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.message.MessageState;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The console that typed a command gets the agent's answer to it, and the question becomes read. */
@Timeout(60)
class ConsoleAnswersTest {
    private static final Pattern QUEUED = Pattern.compile("queued #([0-9a-f]{4}) for Agent-4 \\(id ([0-9a-f-]{36})\\)");

    @TempDir
    Path dir;

    @Test
    void anOutboxAnswerWithReplyToReachesTheConsoleThatAsked() throws Exception {
        SwitchboardConfig cfg =
                SwitchboardConfig.defaults(dir).withWeb(new dev.switchboard.config.WebConfig(false, null, null));
        StringWriter screen = new StringWriter();
        PrintWriter out = new PrintWriter(screen);
        PipedOutputStream keyboard = new PipedOutputStream();
        try (App app = App.startService(
                cfg, Secrets.from(Map.of()), new App.Tuning(20, 20, 100, 1_000, 3, Duration.ofSeconds(30)))) {
            app.attach(new ConsoleBridge(
                            app.commands(),
                            app.bus(),
                            new PlainConsoleIo(new PipedInputStream(keyboard), out),
                            ConsoleBridge.Events.ALL,
                            () -> {},
                            e -> {})
                    .showingAnswers(app.answers()));
            keyboard.write("msg Agent-4 which branch are you on?\n".getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            String shown = await(screen, s -> s.contains("Agent-4: delivered"));
            Matcher m = QUEUED.matcher(shown);
            assertTrue(m.find(), shown);

            Path outbox = Files.createDirectories(cfg.workspaces().resolve("Agent-4/outbox"));
            Path answer = outbox.resolve("a.md");
            Files.writeString(answer, "---\nreply_to: " + m.group(2) + "\nto:\n---\nfeature/answers\nrebased today");
            Files.setLastModifiedTime(answer, FileTime.from(Instant.now().minusSeconds(5)));

            String after = await(screen, s -> s.contains("💬 Agent-4 answered #" + m.group(1)));
            assertTrue(
                    after.contains("💬 Agent-4 answered #" + m.group(1) + ":\n  feature/answers\n  rebased today"),
                    after);
            await(screen, s -> s.contains("#" + m.group(1) + " Agent-4: read: answered by Agent-4"));
            assertTrue(app.queue().find(m.group(2)).orElseThrow().state() == MessageState.READ);
            // The question becomes read before the answer file is moved aside: wait for the move, do not race it
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!Files.exists(outbox.resolve("sent/a.md")) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(Files.exists(outbox.resolve("sent/a.md")));
        } finally {
            keyboard.close();
        }
    }

    private static String await(StringWriter screen, Predicate<String> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            String s;
            synchronized (screen) {
                s = screen.toString();
            }
            if (done.test(s)) {
                return s;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("console never showed what was expected; it shows:\n" + s);
            }
            Thread.sleep(20);
        }
    }
}
