package dev.switchboard.testkit;

import java.util.List;

/** Bench and test messages: unique, with accents, CJK, emoji, right-to-left text, code, quotes and many lines. */
public final class BenchTexts {

    static final int SIZE = 1024;

    private static final List<String> LINES = List.of(
            "rebase onto main, rerun the tests, report back",
            "emoji 🚀 ship it 🎉 👍🏽 — 👩‍💻 family 👨‍👩‍👧 flags 🇩🇪🇯🇵",
            "עברית: שלום עולם, נא להריץ את הבדיקות",
            "العربية: مرحبا بالعالم، أعد تشغيل الاختبارات",
            "中文：请把分支变基到主干上，然后重新运行测试。日本語：テストをもう一度実行してください。한국어: 테스트",
            "quotes \"double\" 'single' `back` \\backslash\\ $HOME %s {} <tag attr=\"x\">&amp;</tag>",
            "    indented with spaces, then\ttabs\tbetween words",
            "naïve café Ωmega Ünïcödé — ok ñ ø å ß",
            "");

    private static final String CODE = "```java\npublic static void main(String[] args) {\n"
            + "    System.out.println(\"hello\\n\" + args.length); // not run\n}\n```";

    private BenchTexts() {}

    public static String oneKb(int i) {
        StringBuilder sb = new StringBuilder("bench message " + i + " — naïve café 中文 🚀 \"quoted\" 'single'\n");
        int line = 0;
        while (sb.length() < SIZE) {
            sb.append("line ")
                    .append(line++)
                    .append(" of message ")
                    .append(i)
                    .append(": rebase onto main, rerun the tests, report back\n");
        }
        sb.setLength(SIZE);
        return sb.toString();
    }

    /**
     * Message {@code i} of a mixed run: between 1 and 4 KB (UTF-8), several lines, a code block in every third,
     * emoji, right-to-left and CJK lines; whole lines only, so no character is cut in half.
     */
    public static String mixed(int i) {
        int target = 1024 + (int) ((i * 1237L) % 2900);
        StringBuilder sb = new StringBuilder("message " + i + " of a mixed run\n");
        if (i % 3 == 0) {
            sb.append(CODE).append('\n');
        }
        for (int line = i; utf8Length(sb) < target; line++) {
            String next = LINES.get(line % LINES.size());
            if (utf8Length(sb) + next.length() * 4 + 40 > 4096) {
                break;
            }
            sb.append(line).append(": ").append(next).append('\n');
        }
        return sb.append("end of message ").append(i).toString();
    }

    private static int utf8Length(CharSequence s) {
        return s.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
