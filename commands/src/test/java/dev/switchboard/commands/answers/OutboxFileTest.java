package dev.switchboard.commands.answers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OutboxFileTest {
    @Test
    void frontMatterGivesReplyToAndToAndTheRestIsTheAnswer() {
        assertEquals(
                new OutboxFile("01a2-ff", "Agent-3", "hello\n---\nstill body"),
                OutboxFile.parse("---\r\nreply_to: 01a2-ff   # the question\r\nto: 'Agent-3'\r\ntitle: x\r\n---\r\n"
                        + "hello\r\n---\r\nstill body"));
        assertEquals(new OutboxFile("#2af0", null, "hi"), OutboxFile.parse("---\nreply_to: \"#2af0\"\n---\nhi"));
        assertEquals(new OutboxFile("#2af0", null, "hi"), OutboxFile.parse("---\nreply_to: #2af0\n---\nhi"));
        assertEquals(new OutboxFile(null, null, "no header"), OutboxFile.parse("no header"));
        assertEquals(new OutboxFile(null, null, ""), OutboxFile.parse("---\n---"));
    }

    @Test
    void aBrokenHeaderIsRefusedWithOneLine() {
        assertEquals(
                "front matter opened with --- but never closed",
                assertThrows(AnswerRefused.class, () -> OutboxFile.parse("---\nreply_to: x\nbody"))
                        .getMessage());
        assertEquals(
                "front matter line 2 is not 'key: value'",
                assertThrows(AnswerRefused.class, () -> OutboxFile.parse("---\njust words\n---\nbody"))
                        .getMessage());
    }
}
