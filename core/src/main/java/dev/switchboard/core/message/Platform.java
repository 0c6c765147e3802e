package dev.switchboard.core.message;

/** Where a message or command came from; status goes back there. */
public enum Platform {
    CONSOLE,
    CLI,
    DISCORD,
    TWITCH,
    HTTP,
    AGENT,
    SYSTEM
}
