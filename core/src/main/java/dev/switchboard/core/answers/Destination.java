package dev.switchboard.core.answers;

import dev.switchboard.core.message.Origin;

/**
 * Where an answer is shown: the front-end the question came from, or the status channel when it answers no
 * question (or the question came from somewhere that cannot be answered later, like a finished CLI process).
 */
public enum Destination {
    STATUS,
    DISCORD,
    TWITCH,
    CONSOLE,
    HTTP;

    /** The place an answer to a message with this origin goes. */
    public static Destination of(Origin origin) {
        if (origin == null || origin.platform() == null) {
            return STATUS;
        }
        return switch (origin.platform()) {
            case DISCORD -> DISCORD;
            case TWITCH -> TWITCH;
            case CONSOLE -> CONSOLE;
            case HTTP -> HTTP;
            case CLI, AGENT, SYSTEM -> STATUS;
        };
    }
}
