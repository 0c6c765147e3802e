package dev.switchboard.bot;

import dev.switchboard.core.lifecycle.Service;

/** A front-end (console, Discord, Twitch, web): turns platform events into commands, status into messages. */
public interface Bridge extends AutoCloseable {
    String name();

    void start() throws Exception;

    /** Checked by the supervisor while it runs; the chat clients reconnect by themselves, so usually ok. */
    default Service.Health health() {
        return Service.Health.ok();
    }

    /** Whether it is connected to its platform now (health, metrics, bridge_down alert); local ones always are. */
    default boolean connected() {
        return true;
    }

    @Override
    void close();
}
