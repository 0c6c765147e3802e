package dev.switchboard.bot.twitch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.random.RandomGenerator;

/** Lines for {@code !quote}: one per line of the configured file (blank lines and {@code #} comments skipped). */
final class QuoteBook {
    static final List<String> BUILT_IN = List.of(
            "Make it work, make it right, make it fast. — Kent Beck",
            "Simplicity is prerequisite for reliability. — Edsger W. Dijkstra",
            "Premature optimization is the root of all evil. — Donald Knuth",
            "Talk is cheap. Show me the code. — Linus Torvalds",
            "Programs must be written for people to read, and only incidentally for machines to execute. — Harold Abelson",
            "There are only two hard things in computer science: cache invalidation and naming things. — Phil Karlton",
            "First, solve the problem. Then, write the code. — John Johnson",
            "Any fool can write code that a computer can understand. Good programmers write code that humans can understand. — Martin Fowler",
            "The most effective debugging tool is still careful thought, coupled with judiciously placed print statements. — Brian Kernighan",
            "Weeks of coding can save you hours of planning.");

    private final List<String> quotes;
    private final RandomGenerator random;

    QuoteBook(List<String> quotes, RandomGenerator random) {
        this.quotes = quotes.isEmpty() ? BUILT_IN : List.copyOf(quotes);
        this.random = random;
    }

    /**
     * The quotes of {@code file}, or the built-in set when no file is configured or it has no quotes.
     *
     * @throws UncheckedIOException when a configured file cannot be read (the bridge says so at start)
     */
    public static QuoteBook load(Path file, RandomGenerator random) {
        if (file == null) {
            return new QuoteBook(BUILT_IN, random);
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
            return new QuoteBook(lines, random);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read twitch.quotes_file " + file + ": " + e.getMessage(), e);
        }
    }

    public String next() {
        return quotes.get(random.nextInt(quotes.size()));
    }

    public int size() {
        return quotes.size();
    }
}
