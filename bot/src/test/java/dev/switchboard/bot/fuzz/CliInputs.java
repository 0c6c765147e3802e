package dev.switchboard.bot.fuzz;

import java.util.List;
import java.util.Random;

/** Command lines for the CLI fuzz: the real commands, with arguments from friendly to hostile. */
final class CliInputs {
    private static final String[] AGENTS = {"Agent-1", "a1", "agent-2", "Agent-9", "", " ", "Agent-1/..", "*"};
    private static final String[] COMMANDS = {
        "send",
        "msg",
        "status",
        "queue",
        "agents",
        "ack",
        "help",
        "broadcast",
        "config",
        "nonsense",
        "SEND",
        "--help",
        "-h",
        "--version",
        "queue",
        "send",
        "send"
    };
    private static final String[] QUEUE_SUB = {"list", "cancel", "retry", "pause", "resume", "purge-dead", "x"};
    private static final String[] OPTIONS = {
        "-p",
        "--priority",
        "-n",
        "--limit",
        "-a",
        "--agent",
        "-s",
        "--state",
        "--all",
        "--bogus",
        "-",
        "--",
        "-pp",
        "--priority=",
        "--limit=-1"
    };
    private static final String[] NASTY = {
        "",
        " ",
        "\t",
        "\n",
        "\r",
        "\r\n",
        "\u0000",
        "\u001b[31m",
        "\u202e",
        "😀",
        "é",
        "\uFEFF",
        "'",
        "\"",
        "\\",
        "$(rm -rf /)",
        "`id`",
        "%s%n",
        "@file",
        "#3f2a",
        "-1",
        "99999999999999999999",
        "NaN",
        "null",
        "../..",
        "/etc/passwd",
        "a".repeat(5_000),
        "x\ny",
        "\ud800"
    };

    private CliInputs() {}

    /**
     * Appends one command line to {@code args}.
     *
     * @return the text an accepted {@code send} must store, or null when this is not such a send
     */
    static String commandLine(Random r, List<String> args) {
        String command = COMMANDS[r.nextInt(COMMANDS.length)];
        if (r.nextInt(10) == 0) {
            command = word(r);
        }
        args.add(command);
        if (command.equals("send") || command.equals("msg")) {
            return send(r, args);
        }
        if (command.equals("queue")) {
            args.add(r.nextInt(8) == 0 ? word(r) : QUEUE_SUB[r.nextInt(QUEUE_SUB.length)]);
        }
        if (command.equals("config")) {
            args.add(r.nextBoolean() ? "check" : word(r)); // never "config check <path>": paths stay ours
            return null;
        }
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            args.add(r.nextInt(3) == 0 ? OPTIONS[r.nextInt(OPTIONS.length)] : word(r));
        }
        return null;
    }

    private static String send(Random r, List<String> args) {
        if (r.nextInt(4) == 0) {
            args.add(r.nextBoolean() ? "-p" : "--priority");
            args.add(
                    r.nextInt(3) == 0
                            ? word(r)
                            : List.of("urgent", "high", "normal", "low", "HIGH").get(r.nextInt(5)));
        }
        args.add(r.nextInt(5) == 0 ? AGENTS[r.nextInt(AGENTS.length)] : (r.nextBoolean() ? "Agent-1" : "a1"));
        // After "--" every word is text, even "-p": what the user typed must be stored as typed.
        boolean separated = r.nextInt(3) == 0;
        if (separated) {
            args.add("--");
        }
        int words = 1 + r.nextInt(4);
        StringBuilder body = new StringBuilder();
        boolean optionLike = false;
        for (int i = 0; i < words; i++) {
            String w = r.nextInt(3) == 0 ? word(r) : plain(r);
            optionLike |= w.startsWith("-");
            args.add(w);
            body.append(i == 0 ? "" : " ").append(w);
        }
        // Without "--", a word like "-p" is an option to picocli: its text is not comparable.
        return separated || !optionLike ? body.toString() : null;
    }

    private static String plain(Random r) {
        String[] words = {"rebase", "onto", "main", "and", "rerun", "tests", "please", "fix", "the", "build"};
        return words[r.nextInt(words.length)];
    }

    static String word(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> NASTY[r.nextInt(NASTY.length)];
            case 1 -> randomChars(r, 1 + r.nextInt(12));
            case 2 -> plain(r) + NASTY[r.nextInt(NASTY.length)] + plain(r);
            default -> plain(r);
        };
    }

    private static String randomChars(Random r, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append((char) (r.nextInt(5) == 0 ? r.nextInt(0x3000) : 0x20 + r.nextInt(0x5f)));
        }
        return b.toString();
    }
}
