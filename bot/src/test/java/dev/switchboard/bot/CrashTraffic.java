package dev.switchboard.bot;

import java.util.List;
import java.util.Random;

/**
 * The chat commands the crash test types: many agents (by id, lower case or alias), varied text (multi-line
 * with {@code \} continuations, unicode, quotes, tabs, long text, priorities). Each body starts with a unique
 * token so a file found in an inbox can be traced to the command that produced it.
 */
final class CrashTraffic {
    /** What was typed, what the body must be in the inbox file, and for which agent. */
    record Sent(String token, String agent, String body, String commandText) {}

    static final int AGENTS = 6;

    private final Random random;

    CrashTraffic(Random random) {
        this.random = random;
    }

    static String agentId(int i) {
        return "Agent-" + i;
    }

    /** ASCII, so it survives any locale on a command line; ends at the first '}'. */
    static String token(int cycle, int n) {
        return "{c" + cycle + "-n" + n + "}";
    }

    /** The token a body starts with. */
    static String tokenOf(String body) {
        return body.substring(0, body.indexOf('}') + 1);
    }

    /**
     * A message for {@code switchboard send <agent> <text>} in another process: one argument, multi-line, ASCII
     * only (command-line arguments are encoded with the platform's locale, which may not be UTF-8).
     */
    Sent nextForCli(int cycle) {
        String token = "{cli-c" + cycle + "}";
        int agentNo = 1 + random.nextInt(AGENTS);
        String body = token + " sent from a second terminal\nwith a second line and \"quotes\" 'too'";
        return new Sent(token, agentId(agentNo), body, "a" + agentNo);
    }

    Sent next(int cycle, int n) {
        String token = token(cycle, n);
        int agentNo = 1 + random.nextInt(AGENTS);
        String body = token
                + switch (random.nextInt(7)) {
                    case 0 -> " please rebase onto main and rerun the tests";
                    case 1 -> " first line\nsecond line: ünïcødé — 日本語 🚀\n\tindented third line";
                    case 2 -> " \"quoted\" and 'single' and a back\\slash, #hash !bang /slash";
                    case 3 -> " " + "long text ".repeat(120 + random.nextInt(60)) + "end";
                    case 4 -> " emoji 👩‍💻 (a ZWJ sequence), Ελληνικά, עברית, 中文 and a\ttab";
                    case 5 -> "\n\nblank line above,   several   spaces, trailing space ";
                    default -> " n=" + random.nextInt(1_000_000) + "\nline 2\nline 3\nline 4 — last";
                };
        String agentName = switch (random.nextInt(3)) {
            case 0 -> agentId(agentNo);
            case 1 -> agentId(agentNo).toLowerCase();
            default -> "a" + agentNo; // alias
        };
        String priority = List.of("", "", "", "--priority high ", "-p urgent ", "--priority low ")
                .get(random.nextInt(6));
        String prefix = random.nextBoolean() ? "!" : "";
        // A line ending in '\' continues on the next one: that is how the console takes multi-line text.
        String typed = prefix + "msg " + priority + agentName + " " + body.replace("\n", "\\\n");
        return new Sent(token, agentId(agentNo), body, typed);
    }
}
