package dev.switchboard.bot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MessageSplitterTest {

    @Test
    void shortTextIsOnePart() {
        assertEquals(List.of("hello\nworld"), MessageSplitter.split("hello\nworld"));
    }

    @Test
    void longTextSplitsAtLineBreaksWithinTheLimitAndLosesNothing() {
        String text = IntStream.range(0, 300)
                .mapToObj(i -> "line " + i + " of the agent's answer")
                .collect(Collectors.joining("\n"));

        List<String> parts = MessageSplitter.split(text);

        assertTrue(parts.size() > 1);
        parts.forEach(p -> assertTrue(p.length() <= 2000, "part of " + p.length()));
        assertEquals(text, String.join("\n", parts), "cut only at line breaks, nothing lost");
    }

    @Test
    void aLineLongerThanTheLimitSplitsAtSpacesThenHard() {
        String words = "word ".repeat(1000).strip();
        List<String> parts = MessageSplitter.split(words, 100);
        parts.forEach(p -> assertTrue(p.length() <= 100));
        assertEquals(words, String.join("", parts));

        String noSpaces = "x".repeat(250);
        assertEquals(List.of("x".repeat(96), "x".repeat(96), "x".repeat(58)), MessageSplitter.split(noSpaces, 100));
    }

    @Test
    void aCodeBlockCutInTwoIsClosedAndReopenedWithItsLanguage() {
        String code = IntStream.range(0, 40)
                .mapToObj(i -> "int x" + i + " = " + i + ";")
                .collect(Collectors.joining("\n"));
        String text = "Here you go:\n```java\n" + code + "\n```\ndone";

        List<String> parts = MessageSplitter.split(text, 200);

        assertTrue(parts.size() > 2);
        for (String p : parts) {
            assertTrue(p.length() <= 200, "part of " + p.length());
            long fences = p.lines().filter(l -> l.startsWith("```")).count();
            assertEquals(0, fences % 2, "balanced fences in:\n" + p);
        }
        assertTrue(parts.get(1).startsWith("```java\n"), "reopened with language: " + parts.get(1));
        String rejoined = String.join("\n", parts).replace("\n```\n```java\n", "\n");
        assertEquals(text, rejoined);
    }

    @Test
    void neverSplitsASurrogatePair() {
        String emoji = "😀".repeat(100); // 200 chars
        for (String part : MessageSplitter.split(emoji, 55)) {
            assertTrue(!Character.isHighSurrogate(part.charAt(part.length() - 1)), part);
        }
    }

    @Test
    void rejectsAUselessLimit() {
        assertThrows(IllegalArgumentException.class, () -> MessageSplitter.split("x", 3));
    }
}
