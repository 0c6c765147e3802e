package dev.switchboard.bot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.commands.Reply;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyRendererTest {

    @Test
    void oneLineReplyIsPlainTextWithItsMark() {
        ReplyRenderer.Rendered r = ReplyRenderer.render(Reply.denied("you may not send messages to agents"));

        assertFalse(r.isEmbed());
        assertEquals(List.of("⛔ you may not send messages to agents"), r.texts());
        assertEquals(
                "❌ unknown agent 'Agnet-2'; did you mean Agent-2?",
                ReplyRenderer.oneLine(Reply.error("unknown agent 'Agnet-2'; did you mean Agent-2?")));
    }

    @Test
    void detailedReplyIsAnEmbedWithOneLinePerDetailAndTheProgressBelow() {
        Reply reply = new Reply(Reply.Status.OK, "queued #a001 for Agent-2", List.of("priority: high"), List.of("id"));

        ReplyRenderer.Rendered r =
                ReplyRenderer.render(reply, List.of("#a001 to Agent-2: delivered (inbox, verified)"));

        assertTrue(r.isEmbed());
        EmbedSpec e = r.embed();
        assertEquals("queued #a001 for Agent-2", e.title());
        assertEquals("priority: high\n#a001 to Agent-2: delivered (inbox, verified)", e.description());
        assertEquals(EmbedSpec.OK, e.color());
        assertNull(e.footer());
    }

    @Test
    void progressLinesReplaceTheReplysLinesAboutTheSameMessagesAndKeepWarnings() {
        Reply reply = new Reply(
                Reply.Status.OK,
                "queued for 2 agents",
                List.of("#a001 → Agent-1", "#b002 → Agent-2", "paused: Agent-2 — held until resumed"),
                List.of("0190-a001", "0190-b002"));

        EmbedSpec e = ReplyRenderer.render(
                        reply, List.of("#a001 to Agent-1: delivered (inbox, verified)", "#b002: queued"))
                .embed();

        assertEquals(
                "paused: Agent-2 — held until resumed\n#a001 to Agent-1: delivered (inbox, verified)\n"
                        + "#b002: queued",
                e.description());
    }

    @Test
    void usageIsShownAsACodeBlock() {
        Reply usage = new Reply(
                Reply.Status.USAGE,
                "usage: msg <agent> <text>",
                List.of("  -p, --priority=<p>  urgent, high, normal, low"),
                List.of());

        EmbedSpec e = ReplyRenderer.render(usage).embed();

        assertEquals("```\n  -p, --priority=<p>  urgent, high, normal, low\n```", e.description());
        assertEquals(EmbedSpec.INFO, e.color());
    }

    @Test
    void replyTooLongForAnEmbedBecomesSplitMessages() {
        List<String> lines = Collections.nCopies(400, "Agent-7  inbox  depth 0  last delivery 2m ago");
        ReplyRenderer.Rendered r = ReplyRenderer.render(Reply.ok("agents", lines));

        assertFalse(r.isEmbed());
        assertTrue(r.texts().size() >= 9);
        r.texts().forEach(t -> assertTrue(t.length() <= 2000));
        assertTrue(r.texts().get(0).startsWith("agents\nAgent-7"));
    }
}
