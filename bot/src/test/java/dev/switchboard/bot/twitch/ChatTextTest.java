package dev.switchboard.bot.twitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChatTextTest {

    @Test
    void linesThatWouldBeChatCommandsAreNeutralised() {
        assertEquals(List.of("» /ban someone"), ChatText.split("/ban someone"));
        assertEquals(List.of("» .timeout x 600"), ChatText.split("  .timeout x 600"));
        assertEquals(List.of("» /me waves"), ChatText.split("\r\n/me waves"));
        assertEquals(List.of("@bob → Agent-2: queued"), ChatText.split("@bob → Agent-2: queued"));
    }

    @Test
    void controlCharactersNeverLeak() {
        List<String> parts = ChatText.split("one\r\nPRIVMSG #x :/ban y\ttab\u0001ACTION\u0001 \u2028end");
        assertEquals(List.of("one PRIVMSG #x :/ban y tab ACTION end"), parts);
    }

    @Test
    void longTextIsSplitAtSpacesIntoMessagesOfAtMost500() {
        String word = "abcdefghi ";
        String text = word.repeat(120); // 1200 chars
        List<String> parts = ChatText.split(text);
        assertEquals(3, parts.size());
        for (String p : parts) {
            assertTrue(p.length() <= ChatText.MAX_LENGTH, p.length() + " chars");
            assertFalse(p.startsWith(" ") || p.endsWith(" "));
            assertTrue(p.startsWith("abcdefghi"));
        }
        assertEquals(text.strip(), String.join(" ", parts));
    }

    @Test
    void aPartThatWouldStartWithSlashIsNeutralisedAndStillFits() {
        String text = "x".repeat(497) + " /ban victim " + "y".repeat(600);
        List<String> parts = ChatText.split(text);
        for (String p : parts) {
            assertTrue(p.length() <= ChatText.MAX_LENGTH);
            assertFalse(p.startsWith("/") || p.startsWith("."), p.substring(0, 10));
        }
    }

    @Test
    void wordlessTextIsCutWithoutBreakingEmoji() {
        String text = "😀".repeat(400); // 800 UTF-16 chars, no spaces
        List<String> parts = ChatText.split(text);
        assertTrue(parts.size() >= 2);
        for (String p : parts) {
            assertTrue(p.length() <= ChatText.MAX_LENGTH);
            assertFalse(Character.isLowSurrogate(p.charAt(0)));
            assertFalse(Character.isHighSurrogate(p.charAt(p.length() - 1)));
        }
        assertEquals(text, String.join("", parts));
    }

    @Test
    void rightToLeftTextPassesUnchanged() {
        assertEquals(List.of("שלום עולם مرحبا"), ChatText.split("שלום עולם مرحبا"));
    }

    @Test
    void emptyTextSaysNothing() {
        assertEquals(List.of(), ChatText.split(" \r\n "));
    }

    @Test
    void duplicateBypassCharacterIsRemovedButOtherTrailingTextKept() {
        assertEquals("!quote", ChatText.withoutDuplicateBypass("!quote \uDB40\uDC00"));
        assertEquals("!quote", ChatText.withoutDuplicateBypass("!quote\u034F"));
        assertEquals("!msg a hi  ", ChatText.withoutDuplicateBypass("!msg a hi  "));
    }

    @Test
    void aCommandTypedAsAReplyToTheBotIsStillACommand() {
        assertEquals("!status 3f2a", ChatText.withoutReplyMention("@SwitchBot !status 3f2a", "switchbot"));
        assertEquals("@someone !status", ChatText.withoutReplyMention("@someone !status", "switchbot"));
        assertEquals("!agents", ChatText.withoutReplyMention("!agents", null));
    }
}
