package dev.switchboard.web;

/** A request the caller got wrong: answered 400 with this one sentence, nothing changed. */
public final class BadRequest extends RuntimeException {
    public BadRequest(String sentence) {
        super(sentence, null, false, false);
    }
}
