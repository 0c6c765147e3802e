package dev.switchboard.bot.fuzz;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded hostile text for the chat fuzz tests: odd Unicode (emoji, zero-width and right-to-left marks, combining
 * marks), control characters, quotes and backslashes, code fences, mentions, very long words, and things that look
 * like commands and options. Same seed, same inputs.
 */
public final class FuzzText {
    private static final String[] PIECES = {
        " ",
        "  ",
        "\t",
        "a",
        "Z",
        "0",
        "9",
        "-",
        "--",
        "-p",
        "!",
        "!!",
        "#",
        "#3f2a",
        "@",
        "@everyone",
        "@here",
        "<@1001>",
        "<#900000000000000010>",
        "\"",
        "'",
        "`",
        "```",
        "```java\n",
        "\\",
        "\\n",
        "%s",
        "%n",
        "${x}",
        "{{x}}",
        "é",
        "ß",
        "中文",
        "Ж",
        "ﷺ",
        "😀",
        "👩‍💻",
        "🇩🇪",
        "\u200b",
        "\u200d",
        "\u202e",
        "\u2066",
        "e\u0301",
        "\ufeff",
        "\u00a0",
        "\u3000",
        "Agent-1",
        "agent-2",
        "a1",
        "Agent-99",
        "msg",
        "send",
        "status",
        "queue",
        "list",
        "cancel",
        "retry",
        "pause",
        "--in",
        "10m",
        "--at",
        "14:30",
        "25:99",
        "--every",
        "1h",
        "0s",
        "--priority",
        "urgent",
        "LOW",
        "--state",
        "dead,queued",
        "--all",
        "--scheduled",
        "--limit",
        "-1",
        "99999",
        "--help",
        "-h",
        "=",
        "--in=5m",
        "/me",
        ".ban",
        "DROP TABLE messages;",
        "../../etc/passwd",
        "null",
        "NaN",
    };
    private static final String[] COMMANDS = {
        "msg",
        "send",
        "broadcast",
        "status",
        "agents",
        "queue",
        "ack",
        "onboard",
        "help",
        "quote",
        "MSG",
        "Msg",
        "nosuchcommand",
        "msgg",
        "",
    };
    private static final String[] AGENTS = {"Agent-1", "agent-2", "AGENT-3", "Agent-99", "Agnet-1", "", "-p", "#x"};

    private final SplittableRandom random;
    private final boolean newlines;

    /** @param newlines whether texts may hold line breaks (Discord yes; an IRC line cannot) */
    public FuzzText(long seed, boolean newlines) {
        this.random = new SplittableRandom(seed);
        this.newlines = newlines;
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** Any text: pieces, random code points, sometimes control characters, sometimes very long. */
    public String text(int maxPieces) {
        StringBuilder b = new StringBuilder();
        int n = 1 + random.nextInt(maxPieces);
        for (int i = 0; i < n; i++) {
            int r = random.nextInt(100);
            if (r < 55) {
                b.append(PIECES[random.nextInt(PIECES.length)]);
            } else if (r < 85) {
                b.appendCodePoint(printable());
            } else if (r < 92) {
                b.append(control());
            } else if (r < 97 && newlines) {
                b.append(random.nextBoolean() ? "\n" : "\r\n");
            } else {
                b.append("x".repeat(1 + random.nextInt(random.nextInt(10) == 0 ? 5_000 : 50)));
            }
        }
        return b.toString();
    }

    /** Text that every front-end must accept and deliver exactly: nothing TextRules refuses, under the limit. */
    public String clean(int maxPieces) {
        StringBuilder b = new StringBuilder();
        int n = 1 + random.nextInt(maxPieces);
        for (int i = 0; i < n; i++) {
            if (random.nextInt(3) == 0) {
                b.appendCodePoint(acceptable());
            } else {
                String p = PIECES[random.nextInt(PIECES.length)];
                if (!newlines) {
                    p = p.replace("\n", " ");
                }
                b.append(p);
            }
            if (newlines && random.nextInt(15) == 0) {
                b.append('\n');
            }
        }
        String s = b.toString();
        return s.length() > 1_500 ? s.substring(0, 1_500) : s;
    }

    /** Something shaped like a command: a prefix, a (maybe wrong) name, options and words in any order. */
    public String commandish(String prefix) {
        StringBuilder b = new StringBuilder(prefix).append(COMMANDS[random.nextInt(COMMANDS.length)]);
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            b.append(random.nextInt(5) == 0 ? "  " : " ");
            int r = random.nextInt(3);
            b.append(
                    r == 0
                            ? AGENTS[random.nextInt(AGENTS.length)]
                            : r == 1 ? PIECES[random.nextInt(PIECES.length)] : text(3));
        }
        return b.toString();
    }

    /** A raw IRC line a hostile or broken server might send (no line breaks: one frame, one line). */
    public String ircLine(String channel) {
        String[] commands = {
            "PRIVMSG",
            "NOTICE",
            "USERNOTICE",
            "CLEARCHAT",
            "CLEARMSG",
            "ROOMSTATE",
            "USERSTATE",
            "GLOBALUSERSTATE",
            "WHISPER",
            "HOSTTARGET",
            "RECONNECT_",
            "JOIN",
            "PART",
            "001",
            "353",
            "421",
            "",
            "PING_",
            "CAP"
        };
        StringBuilder b = new StringBuilder();
        if (random.nextBoolean()) {
            b.append('@');
            int tags = random.nextInt(6);
            for (int i = 0; i < tags; i++) {
                if (i > 0) {
                    b.append(';');
                }
                b.append(pick(List.of(
                        "badges",
                        "mod",
                        "user-id",
                        "id",
                        "display-name",
                        "color",
                        "emotes",
                        "reply-parent-msg-id",
                        "reply-parent-user-login",
                        "tmi-sent-ts",
                        "room-id",
                        "x")));
                if (random.nextInt(4) > 0) {
                    b.append('=').append(oneLine(text(3)).replace(" ", "\\s").replace(";", "\\:"));
                }
            }
            b.append(' ');
        }
        if (random.nextInt(4) > 0) {
            b.append(':').append(oneLine(text(2)).replace(" ", "")).append("!u@u.tmi.twitch.tv ");
        }
        b.append(commands[random.nextInt(commands.length)]);
        if (random.nextInt(4) > 0) {
            b.append(" #").append(random.nextInt(4) == 0 ? oneLine(text(1)).replace(" ", "") : channel);
        }
        if (random.nextInt(4) > 0) {
            b.append(" :").append(oneLine(random.nextBoolean() ? commandish("!") : text(6)));
        }
        return b.toString();
    }

    public static String oneLine(String s) {
        return s.replace('\r', ' ').replace('\n', ' ').replace('\0', ' ');
    }

    private int printable() {
        while (true) {
            int cp = switch (random.nextInt(4)) {
                case 0 -> 0x20 + random.nextInt(0x5f);
                case 1 -> 0xa0 + random.nextInt(0x2000);
                case 2 -> 0x4e00 + random.nextInt(0x5000);
                default -> 0x1f300 + random.nextInt(0x300);
            };
            if (Character.isDefined(cp)
                    && !Character.isISOControl(cp)
                    && Character.getType(cp) != Character.SURROGATE
                    && Character.getType(cp) != Character.PRIVATE_USE
                    && Character.getType(cp) != Character.FORMAT) {
                return cp;
            }
        }
    }

    /**
     * A printable code point the product accepts in a message: U+2028/U+2029 (line and paragraph separator) are
     * printable but refused like control characters (TextRules), so clean text must not hold them. Redrawing only
     * then keeps every other seed's inputs as they were.
     */
    private int acceptable() {
        while (true) {
            int cp = printable();
            if (cp != 0x2028 && cp != 0x2029) {
                return cp;
            }
        }
    }

    private String control() {
        int[] cps = {0x00, 0x01, 0x07, 0x08, 0x0b, 0x0c, 0x1b, 0x7f, 0x85};
        return new String(Character.toChars(cps[random.nextInt(cps.length)]));
    }
}
