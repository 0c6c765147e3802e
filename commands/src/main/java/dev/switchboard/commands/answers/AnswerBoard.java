package dev.switchboard.commands.answers;

import dev.switchboard.core.answers.Destination;

/** Where front-ends sign up to show answers; {@link AnswerRouter} is the real one. */
public interface AnswerBoard {
    /** No answers are shown (the terminal CLI, tests of other things). */
    AnswerBoard NONE = (destination, sink) -> () -> {};

    /** Shows answers for {@code destination} through {@code sink} from now on. @return closes the registration */
    AutoCloseable register(Destination destination, AnswerSink sink);
}
