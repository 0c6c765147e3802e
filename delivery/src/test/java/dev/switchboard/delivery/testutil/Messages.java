package dev.switchboard.delivery.testutil;

import dev.switchboard.core.message.MessageType;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.message.UnifiedMessage;
import java.util.ArrayList;
import java.util.List;

/** Test messages: the awkward texts real users send. */
public final class Messages {

    private Messages() {}

    public static UnifiedMessage to(String agent, String body) {
        return UnifiedMessage.text(
                new Sender(Platform.CONSOLE, "tester", "Tester", null),
                agent,
                body,
                Priority.NORMAL,
                Origin.of(Platform.CONSOLE));
    }

    /** An onboarding message (what {@code onboard} queues). */
    public static UnifiedMessage onboarding(String agent, String body) {
        UnifiedMessage m = to(agent, body);
        return new UnifiedMessage(
                m.id(),
                m.correlationId(),
                m.sender(),
                m.recipient(),
                MessageType.ONBOARDING,
                m.priority(),
                m.body(),
                m.tags(),
                m.metadata(),
                m.origin(),
                m.createdAt(),
                m.notBefore());
    }

    /** {@code n} distinct texts: unicode, emoji, multi-line, quotes, a 2,000-character one, plain ones. */
    public static List<String> awkwardTexts(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(
                    switch (i % 8) {
                        case 0 -> "plain message " + i + ": rerun the tests";
                        case 1 -> "unicode " + i + ": naïve café, Ωmega, 中文字符, Ünïcödé — ok";
                        case 2 -> "emoji " + i + ": 🚀 ship it 🎉 👍🏽";
                        case 3 -> "multi-line " + i + ":\nfirst line\n  indented second\n\nafter a blank line";
                        case 4 -> "quotes " + i + ": \"double\" 'single' `back` \\backslash\\ $HOME %s {}";
                        case 5 -> long2000(i);
                        case 6 -> "tabs\tand   spaces " + i + "\t<tag attr=\"x\">&amp;</tag>";
                        default -> i + " " + "x".repeat(i % 50) + "!";
                    });
        }
        return out;
    }

    /** A 2,000-character text over several lines, unique by {@code i}. */
    public static String long2000(int i) {
        StringBuilder sb = new StringBuilder("long " + i + ": ");
        int line = 0;
        while (sb.length() < 2000) {
            sb.append("line ").append(line++).append(" lorem ipsum dolor sit amet, consectetur adipiscing elit\n");
        }
        sb.setLength(2000);
        return sb.toString();
    }

    /**
     * {@code n} distinct texts of the kinds chat users send, seeded: multi-line, Markdown code blocks, emoji, RTL
     * (Arabic, Hebrew), CJK, quotes and shell metacharacters, from a few characters up to about 3,000.
     */
    public static List<String> mixedTexts(int n, long seed) {
        java.util.Random random = new java.util.Random(seed);
        String[] pieces = {
            "rerun the failing tests",
            "naïve café Ωmega",
            "中文字符，日本語のテキスト、한국어 문장",
            "مرحبا بالعالم، كيف حالك؟",
            "שלום עולם, מה שלומך?",
            "🚀 ship it 🎉 👍🏽 👨‍👩‍👧",
            "\"double\" 'single' `back`",
            "$HOME && rm -rf / ; echo $(whoami) | tee x",
            "<tag attr=\"x\">&amp;</tag>",
            "tabs\tand\tmore",
            "trailing spaces   ",
            "- [ ] a task\n- [x] done"
        };
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder("#" + i + " ");
            switch (i % 5) {
                case 0 -> sb.append(pieces[random.nextInt(pieces.length)]);
                case 1 ->
                    sb.append("please look at this:\n```java\nclass A {\n    int x = ")
                            .append(i)
                            .append(";\n    // ")
                            .append(pieces[random.nextInt(pieces.length)])
                            .append("\n}\n```\nthanks");
                case 2 -> {
                    int lines = 2 + random.nextInt(6);
                    for (int l = 0; l < lines; l++) {
                        sb.append(pieces[random.nextInt(pieces.length)]).append(l + 1 < lines ? "\n" : "");
                    }
                }
                case 3 -> {
                    int target = 500 + random.nextInt(2_500);
                    while (sb.length() < target) {
                        sb.append(pieces[random.nextInt(pieces.length)]).append(random.nextInt(4) == 0 ? "\n" : " ");
                    }
                    sb.append("end of ").append(i);
                }
                default ->
                    sb.append(pieces[random.nextInt(pieces.length)])
                            .append("\n\n")
                            .append(pieces[random.nextInt(pieces.length)])
                            .append(" ")
                            .append(i);
            }
            out.add(sb.toString());
        }
        return out;
    }
}
