package dev.switchboard.delivery.bench;

/** Bench messages: about 1 KB each, unique, with accents, CJK, emoji, quotes and several lines. */
final class BenchTexts {

    static final int SIZE = 1024;

    private BenchTexts() {
    }

    static String oneKb(int i) {
        StringBuilder sb = new StringBuilder("bench message " + i + " — naïve café 中文 🚀 \"quoted\" 'single'\n");
        int line = 0;
        while (sb.length() < SIZE) {
            sb.append("line ").append(line++).append(" of message ").append(i)
                    .append(": rebase onto main, rerun the tests, report back\n");
        }
        sb.setLength(SIZE);
        return sb.toString();
    }
}
