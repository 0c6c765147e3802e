package dev.switchboard.bot;

/** A front-end (console, Discord, Twitch, web): turns platform events into commands, status into messages. */
public interface Bridge extends AutoCloseable {
    String name();

    void start() throws Exception;

    /** Whether it is connected to its platform now (health, metrics, bridge_down alert); local ones always are. */
    default boolean connected() {
        return true;
    }

    @Override
    void close();
}
