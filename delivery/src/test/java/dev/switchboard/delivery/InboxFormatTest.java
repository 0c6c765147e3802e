package dev.switchboard.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.core.message.MessageType;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Recipient;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.message.UnifiedMessage;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InboxFormatTest {
    private static final String ID = "01a20000-1111-7222-8333-444455556666";
    private static final UnifiedMessage M = new UnifiedMessage(
            ID,
            "corr-1",
            new Sender(Platform.TWITCH, "u9", "Eve: \"#1\"\nfan", Role.OPERATOR),
            Recipient.agent("Agent-4"),
            MessageType.BROADCAST,
            Priority.URGENT,
            "---\nbody with a front-matter-looking line\n---\nend",
            null,
            null,
            Origin.of(Platform.TWITCH),
            Instant.parse("2026-11-23T10:15:30.123456Z"),
            null);

    @Test
    void theFileNameCarriesTheCreationTimeAndTheId() {
        assertEquals("20261123T101530.123Z_" + ID + ".md", InboxFormat.fileName(M));
        assertEquals(Optional.of(ID), InboxFormat.idOf(InboxFormat.fileName(M)));
        assertEquals(Optional.empty(), InboxFormat.idOf("notes.md"));
        assertEquals(Optional.empty(), InboxFormat.idOf("." + InboxFormat.fileName(M) + ".tmp"));
    }

    @Test
    void frontMatterThenTheBodyByteForByte() {
        String file = InboxFormat.render(M);

        assertEquals("""
                ---
                id: 01a20000-1111-7222-8333-444455556666
                from: "twitch:u9 (Eve: \\"#1\\"\\nfan)"
                to: Agent-4
                priority: URGENT
                type: BROADCAST
                correlation: corr-1
                created: 2026-11-23T10:15:30.123456Z
                ---
                """ + M.body(), file);
        assertEquals(M.body(), InboxFormat.bodyOf(file), "a body that itself contains --- lines comes back whole");
    }

    @Test
    void aFileWithoutFrontMatterIsNotAnInboxFile() {
        assertThrows(IllegalArgumentException.class, () -> InboxFormat.bodyOf("just text"));
    }

    @Test
    void quotingEscapesWhatYamlNeeds() {
        assertEquals("\"a\\\\b\\tc\\x01\"", InboxFormat.quote("a\\b\tc\u0001"));
    }
}
