package dev.switchboard.bot.twitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuoteBookTest {
    @TempDir
    Path dir;

    @Test
    void readsOneQuoteALineSkippingBlanksAndComments() throws Exception {
        Path file = dir.resolve("quotes.txt");
        Files.writeString(file, "# mine\nfirst quote\n\n  second quote  \n");
        QuoteBook book = QuoteBook.load(file, new SplittableRandom(1));
        assertEquals(2, book.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            seen.add(book.next());
        }
        assertEquals(Set.of("first quote", "second quote"), seen);
    }

    @Test
    void noFileOrAnEmptyOneGivesTheBuiltInSet() throws Exception {
        assertTrue(QuoteBook.BUILT_IN.contains(
                QuoteBook.load(null, new SplittableRandom(1)).next()));
        Path empty = Files.writeString(dir.resolve("empty.txt"), "\n# nothing\n");
        assertEquals(
                QuoteBook.BUILT_IN.size(),
                QuoteBook.load(empty, new SplittableRandom(1)).size());
    }

    @Test
    void aConfiguredFileThatCannotBeReadIsAClearError() {
        UncheckedIOException e = assertThrows(
                UncheckedIOException.class, () -> QuoteBook.load(dir.resolve("missing.txt"), new SplittableRandom(1)));
        assertTrue(e.getMessage().startsWith("cannot read twitch.quotes_file"), e.getMessage());
    }
}
