package dev.switchboard.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.switchboard.config.AgentConfig;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.core.queue.MessageCodec;
import dev.switchboard.core.queue.QueueException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent's job queue on a node: its own channel and its own delivery thread, which hands the agent's jobs to
 * the node in the order the broker gave them, and acknowledges them once the node says so. An agent with a method
 * that types takes one job at a time (prefetch 1). An inbox-only agent lets the broker hand over up to
 * {@link #INBOX_PREFETCH} jobs before the first is acknowledged: those that arrived while the last batch was
 * handled are handled together (one batch of files, one commit per step, one confirm for their reports) and
 * acknowledged with one multiple ack. A slow agent never holds up another: each has its own channel and thread.
 */
final class AgentQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentQueue.class);
    /** How many jobs of an inbox-only agent may be on their way to the node before the first is acknowledged. */
    static final int INBOX_PREFETCH = 32;

    /** The node's side: delivers and reports the jobs. */
    @FunctionalInterface
    interface Jobs {
        /** @return whether all of them may be acknowledged (false: the node is stopping) */
        boolean handle(AgentConfig agent, List<UnifiedMessage> messages) throws InterruptedException, SQLException;
    }

    /** A job as the broker handed it over. */
    private record Job(long tag, byte[] body) {}

    private final String node;
    private final AgentConfig agent;
    private final Jobs jobs;
    private final int batch;
    private final Channel channel;
    private final ExecutorService worker;
    private final BlockingQueue<Job> arrived = new LinkedBlockingQueue<>();
    /**
     * Set (on the delivery thread) once a batch is left unacknowledged because the node is stopping: the multiple
     * ack of a later batch would acknowledge it too, so nothing more is handled or acknowledged.
     */
    private boolean stopped;

    AgentQueue(Connection connection, String node, AgentConfig agent, Jobs jobs) throws IOException {
        this.node = node;
        this.agent = agent;
        this.jobs = jobs;
        this.batch = Node.inboxOnly(agent) ? INBOX_PREFETCH : 1;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "node-deliver-" + agent.id());
            t.setDaemon(true);
            return t;
        });
        this.channel = connection.createChannel();
        Topology.declareAgent(channel, agent.id());
        channel.basicQos(batch);
        channel.basicConsume(
                Topology.agentQueue(agent.id()),
                false,
                "node-" + node + "-" + agent.id(),
                new DefaultConsumer(channel) {
                    @Override
                    public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body) {
                        arrived.add(new Job(env.getDeliveryTag(), body));
                        worker.execute(AgentQueue.this::drain);
                    }
                });
    }

    /** Whatever has arrived: one job or a batch of them (a later call finds nothing left). */
    private void drain() {
        if (stopped) {
            return; // left unacknowledged: the broker hands them out again when the channel closes
        }
        List<Job> taken = new ArrayList<>(batch);
        arrived.drainTo(taken, batch);
        if (!taken.isEmpty()) {
            process(taken);
        }
    }

    private void process(List<Job> taken) {
        List<UnifiedMessage> messages = new ArrayList<>(taken.size());
        long last = -1;
        for (Job job : taken) {
            try {
                messages.add(MessageCodec.decode(new String(job.body(), StandardCharsets.UTF_8)));
                last = job.tag();
            } catch (QueueException e) {
                LOG.warn(
                        "node {}: dropping an unreadable job for {} to the dead-letter queue: {}",
                        node,
                        agent.id(),
                        e.getMessage());
                reject(job.tag());
            }
        }
        if (messages.isEmpty()) {
            return;
        }
        // Every earlier job is settled (handled in order, one batch at a time): a multiple ack or nack of the last
        // tag settles exactly this batch.
        boolean multiple = messages.size() > 1;
        try {
            if (jobs.handle(agent, messages)) {
                channel.basicAck(last, multiple);
            } else {
                // Not acknowledged (stopping): the broker hands them out again, and the job log keeps them single.
                stopped = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        } catch (SQLException | IOException | RuntimeException e) {
            LOG.error("node {}: job for {} not finished (the broker will offer it again)", node, agent.id(), e);
            try {
                channel.basicNack(last, multiple, true);
            } catch (IOException | AlreadyClosedException ex) {
                LOG.debug("nack after a failure", ex);
            }
        }
    }

    private void reject(long tag) {
        try {
            channel.basicReject(tag, false);
        } catch (IOException | AlreadyClosedException e) {
            LOG.debug("reject", e);
        }
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | AlreadyClosedException e) {
            LOG.debug("closing {}'s channel", agent.id(), e);
        }
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
