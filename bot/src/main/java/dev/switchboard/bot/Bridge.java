package dev.switchboard.bot;

/** A chat front-end (Discord, Twitch, console) that the application starts and stops. */
public interface Bridge {
    String name();

    void start() throws Exception;

    void close();
}
