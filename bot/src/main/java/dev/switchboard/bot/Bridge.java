package dev.switchboard.bot;

/** A front-end (console, Discord, Twitch, web): turns platform events into commands, status into messages. */
public interface Bridge extends AutoCloseable {
    String name();

    void start() throws Exception;

    @Override
    void close();
}
