package dev.switchboard.commands.answers;

import dev.switchboard.core.answers.Answer;
import java.util.concurrent.CompletableFuture;

/**
 * A front-end that shows answers (Discord, Twitch, the console; the web API's event stream registers one for
 * {@link dev.switchboard.core.answers.Destination#HTTP}). {@link #post} completes when the platform took the
 * answer; only then is it marked posted, so an answer a platform refused is tried again.
 */
public interface AnswerSink {
    /** Names the sink in the database ({@code posted_via}) and in logs. */
    String name();

    CompletableFuture<Void> post(Answer answer);
}
