package dev.switchboard.broker;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.Map;

/**
 * Exchanges and queues, declared the same way (idempotently) by the hub and by every node, so whichever starts
 * first creates them. Queues are durable quorum queues: they survive a broker restart and a lost disk on one
 * broker node. A job a node rejects (not one of its agents) goes to the dead-letter queue.
 */
final class Topology {
    /** Direct exchange for jobs; routing key = agent id. */
    static final String JOBS = "switchboard.jobs";
    /** Direct exchange nodes report state changes and heartbeats to. */
    static final String EVENTS = "switchboard.events";

    static final String EVENTS_KEY = "hub";
    static final String HUB_EVENTS_QUEUE = "switchboard.hub.events";
    static final String DEAD = "switchboard.dead";

    private Topology() {}

    static String agentQueue(String agent) {
        return "switchboard.agent." + agent;
    }

    static void declareCommon(Channel ch) throws IOException {
        ch.exchangeDeclare(JOBS, BuiltinExchangeType.DIRECT, true);
        ch.exchangeDeclare(EVENTS, BuiltinExchangeType.DIRECT, true);
        ch.exchangeDeclare(DEAD, BuiltinExchangeType.FANOUT, true);
        ch.queueDeclare(DEAD, true, false, false, Map.of("x-queue-type", "quorum"));
        ch.queueBind(DEAD, DEAD, "");
        ch.queueDeclare(HUB_EVENTS_QUEUE, true, false, false, Map.of("x-queue-type", "quorum"));
        ch.queueBind(HUB_EVENTS_QUEUE, EVENTS, EVENTS_KEY);
    }

    /** One agent's job queue, bound to the jobs exchange by the agent's id. */
    static void declareAgent(Channel ch, String agent) throws IOException {
        String q = agentQueue(agent);
        ch.queueDeclare(q, true, false, false, Map.of("x-queue-type", "quorum", "x-dead-letter-exchange", DEAD));
        ch.queueBind(q, JOBS, agent);
    }
}
