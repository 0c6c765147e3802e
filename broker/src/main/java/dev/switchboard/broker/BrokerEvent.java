package dev.switchboard.broker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * What a node tells the hub: a state change of one message, or a heartbeat.
 *
 * @param type      delivered, failed, deferred, read, heartbeat (delivering: only from nodes of earlier versions)
 * @param node      the node that says it
 * @param messageId the message (null for heartbeats)
 * @param method    for delivered: gui, tmux or inbox
 * @param verified  for delivered: whether it was seen to arrive
 * @param detail    a note or the failure's reason
 * @param permanent for failed: text may sit in the agent's input, do not retry on your own
 * @param agents    for heartbeats: the agents the node serves
 * @param until     for deferred: when the first of the agent's methods ends its cool-down
 */
record BrokerEvent(
        Type type,
        String node,
        String messageId,
        String method,
        boolean verified,
        String detail,
        boolean permanent,
        List<String> agents,
        Instant at,
        Instant until) {

    /** DEFERRED: every method was cooling down, nothing was tried (not an attempt). */
    enum Type {
        DELIVERING,
        DELIVERED,
        FAILED,
        DEFERRED,
        READ,
        HEARTBEAT
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    BrokerEvent {
        agents = agents == null ? List.of() : List.copyOf(agents);
    }

    static BrokerEvent of(Type type, String node, String messageId, String detail) {
        return new BrokerEvent(type, node, messageId, null, false, detail, false, List.of(), Instant.now(), null);
    }

    static BrokerEvent delivered(String node, String messageId, String method, boolean verified, String detail) {
        return new BrokerEvent(
                Type.DELIVERED, node, messageId, method, verified, detail, false, List.of(), Instant.now(), null);
    }

    static BrokerEvent failed(String node, String messageId, String reason, boolean permanent) {
        return new BrokerEvent(
                Type.FAILED, node, messageId, null, false, reason, permanent, List.of(), Instant.now(), null);
    }

    static BrokerEvent deferred(String node, String messageId, String reason, Instant until) {
        return new BrokerEvent(
                Type.DEFERRED, node, messageId, null, false, reason, false, List.of(), Instant.now(), until);
    }

    static BrokerEvent heartbeat(String node, List<String> agents) {
        return new BrokerEvent(Type.HEARTBEAT, node, null, null, false, null, false, agents, Instant.now(), null);
    }

    byte[] encode() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a broker event", e);
        }
    }

    static BrokerEvent decode(byte[] body) {
        try {
            return JSON.readValue(body, BrokerEvent.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(
                    "not a Switchboard broker event: "
                            + new String(body, 0, Math.min(body.length, 80), StandardCharsets.UTF_8),
                    e);
        }
    }
}
