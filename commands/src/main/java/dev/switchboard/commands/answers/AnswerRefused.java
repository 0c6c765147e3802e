package dev.switchboard.commands.answers;

/** An answer that cannot be taken; the message is one line that says why and what to do. */
public final class AnswerRefused extends RuntimeException {
    public AnswerRefused(String message) {
        super(message);
    }
}
