package dev.switchboard.bot.twitch;

/** Where lines go out: twitch4j in the bridge, a list in tests. Called from one thread at a time. */
@FunctionalInterface
interface ChatSink {
    void send(OutgoingChat line);
}
