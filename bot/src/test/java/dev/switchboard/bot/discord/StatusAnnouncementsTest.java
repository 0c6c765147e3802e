package dev.switchboard.bot.discord;

import static dev.switchboard.bot.discord.Events.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.core.message.MessageState;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatusAnnouncementsTest {

    @Test
    void deadLetterNamesMessageAgentSenderReasonAndTheFix() {
        assertEquals(
                Optional.of("💀 dead letter #a001 to Agent-2 from discord:101 (alice): gave up after 5 attempts "
                        + "(retry with `queue retry a001`)"),
                StatusAnnouncements.of(event(
                        9,
                        "0190-a001",
                        MessageState.RETRY_WAIT,
                        MessageState.DEAD,
                        null,
                        null,
                        "gave up after 5 attempts")));
        assertEquals(
                Optional.empty(),
                StatusAnnouncements.of(
                        event(9, "0190-a001", MessageState.DELIVERING, MessageState.DELIVERED, "inbox", true, null)));
    }

    @Test
    void pauseChangesAreAnnouncedOnceEach() {
        StatusAnnouncements a = new StatusAnnouncements(Set.of("Agent-1"));

        assertEquals(List.of(), a.pauseChanges(Set.of("Agent-1")), "paused before start: not news");
        assertEquals(
                List.of("⏸️ Agent-3 is paused: its messages wait in the queue", "▶️ Agent-1 is resumed"),
                a.pauseChanges(Set.of("Agent-3")));
        assertEquals(List.of(), a.pauseChanges(Set.of("Agent-3")));
    }
}
