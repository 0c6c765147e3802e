package dev.switchboard.bot.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.bot.App;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.core.queue.QueuedMessage;
import dev.switchboard.core.routing.TextRules;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 generated console lines (from a fixed seed; {@code -Dfuzz.seed=<n>} runs another) through the real console
 * reader and command set on a real queue: the console lives to the end of input, every line gets one answer
 * of one line, and exactly the messages an independent model expects are queued, each once and exact.
 */
class ConsoleFuzzTest {
    private static final int LINES = 10_000;
    private static final int MAX_TEXT = 4000;
    /** Fixed by default so the suite is repeatable; any other seed with -Dfuzz.seed. */
    private static final long SEED = Long.getLong("fuzz.seed", 2_811_202_614L);

    /** Every failure names the seed that repeats it. */
    @RegisterExtension
    final TestExecutionExceptionHandler nameTheSeed = (context, thrown) -> {
        throw new AssertionError("seed " + SEED + " (repeat with -Dfuzz.seed=" + SEED + "): " + thrown, thrown);
    };

    @TempDir
    Path dir;

    @Test
    void tenThousandGeneratedLines() throws Exception {
        long seed = SEED;
        System.out.println("ConsoleFuzzTest seed " + seed + " (-Dfuzz.seed=" + seed + " repeats it)");
        Random random = new Random(seed);
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            byte[] line = line(random, expected);
            input.write(line);
            input.write('\n');
        }
        Path config = dir.resolve("switchboard.yaml");
        Files.writeString(config, "agents: [{id: Agent-1}, {id: Agent-2}]\n");
        StringWriter out = new StringWriter();
        CountDownLatch ended = new CountDownLatch(1);
        AtomicReference<Throwable> died = new AtomicReference<>();
        try (App app = App.forCommands(ConfigLoader.load(config))) {
            ConsoleBridge console = new ConsoleBridge(
                    app.commands(),
                    app.bus(),
                    new PlainConsoleIo(new ByteArrayInputStream(input.toByteArray()), new PrintWriter(out, true)),
                    ConsoleBridge.Events.ALL,
                    ended::countDown,
                    e -> {
                        died.set(e);
                        ended.countDown();
                    });
            console.start();
            assertTrue(ended.await(5, TimeUnit.MINUTES), "the console read to the end");
            console.close();
            assertEquals(null, died.get(), "seed " + seed);

            List<String> queued = new ArrayList<>(app.queue().list(List.of(), null, LINES * 2).stream()
                    .map(QueuedMessage::message)
                    .map(m -> m.body())
                    .toList());
            java.util.Collections.reverse(queued);
            List<String> extra = new ArrayList<>(queued);
            expected.forEach(extra::remove);
            List<String> missing = new ArrayList<>(expected);
            queued.forEach(missing::remove);
            assertEquals(
                    List.of(),
                    extra.subList(0, Math.min(3, extra.size())),
                    "queued unexpectedly, seed " + seed + "; not queued: "
                            + missing.subList(0, Math.min(3, missing.size())));
            assertEquals(List.of(), missing.subList(0, Math.min(3, missing.size())), "not queued, seed " + seed);
            assertEquals(expected.size(), queued.size(), "seed " + seed);
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i), queued.get(i), "message " + i + ", seed " + seed);
            }
        }
        // Nothing delivers here (no workers): at the end of input the console says how many it sent are still
        // on their way, in one line of its own
        String stillOnTheWay =
                expected.size() + (expected.size() == 1 ? " message is" : " messages are") + " still on the way";
        List<String> top =
                out.toString().lines().filter(l -> !l.startsWith("  ")).toList();
        assertTrue(top.get(top.size() - 1).startsWith(stillOnTheWay), top.get(top.size() - 1));
        assertEquals(LINES, top.size() - 1, "one answer line per command (seed " + seed + ")");
    }

    /** One line (without its newline); adds the body the model expects to be queued, if any. */
    private static byte[] line(Random r, List<String> expected) {
        int kind = r.nextInt(10);
        if (kind >= 4) {
            // Not a message: unknown commands, read-only commands, help, with arbitrary bytes after them
            String[] heads = {"zz", "status", "help", "agents", "status #", "queue list", "msg", "!status", "  help"};
            return concat(heads[r.nextInt(heads.length)].getBytes(StandardCharsets.UTF_8), garbage(r, true));
        }
        byte[] text =
                kind < 2 ? garbage(r, false) : concat(new byte[] {(byte) ('a' + r.nextInt(26))}, garbage(r, false));
        String head = kind < 2 ? "msg Agent-1 -- " : "msg Agent-1 ";
        byte[] line = concat(head.getBytes(StandardCharsets.UTF_8), text);
        model(text).ifPresent(expected::add);
        return line;
    }

    /** What the console must queue for this text: nothing when not UTF-8, with a CR, or refused by the rules. */
    private static java.util.Optional<String> model(byte[] text) {
        String s;
        try {
            s = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(text))
                    .toString();
        } catch (CharacterCodingException e) {
            return java.util.Optional.empty();
        }
        if (s.indexOf('\r') >= 0 || TextRules.problem(s, MAX_TEXT).isPresent()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(s);
    }

    private static final String[] PIECES = {
        "a",
        "b",
        " ",
        "  ",
        "\t",
        "\"",
        "'",
        "\\",
        "-p",
        "--",
        "---",
        "--help",
        "é",
        "漢字",
        "😀",
        "@everyone",
        "#2af0",
        "!",
        "/",
        "msg",
        "\u0007",
        "\u2028",
        "```",
        "=",
        "-p=high"
    };

    private static byte[] garbage(Random r, boolean anyBytes) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int n = r.nextInt(100) == 0 ? 1_400 : r.nextInt(12);
        for (int i = 0; i < n; i++) {
            int pick = r.nextInt(40);
            if (pick == 0) {
                b.write('\r');
            } else if (pick == 1) {
                b.write(0xC3); // a UTF-8 lead byte without its continuation
            } else if (pick == 2 && anyBytes) {
                b.write(r.nextInt(256) == '\n' ? ' ' : r.nextInt(256));
            } else {
                b.writeBytes(PIECES[r.nextInt(PIECES.length)].getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] bytes = b.toByteArray();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                bytes[i] = ' ';
            }
        }
        // A last backslash (also before a last CR, as in \r\n) would continue the line: end it with something else
        boolean continues = bytes.length > 0 && (bytes[bytes.length - 1] == '\\' || bytes[bytes.length - 1] == '\r');
        return continues ? concat(bytes, new byte[] {'.'}) : bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
