package dev.switchboard.core.logging;

import dev.switchboard.core.events.StatusEvent;
import dev.switchboard.core.message.UnifiedMessage;
import org.slf4j.MDC;

/**
 * Puts a message's id, correlation id and agent into the logging context (MDC) for the lines logged while it
 * is handled, and restores what was there before on {@link #close()} (handling may nest: a command queues a
 * message while a status event of another is being published on the same thread).
 *
 * <pre>{@code try (MessageMdc ignored = MessageMdc.of(message)) { ... } }</pre>
 */
public final class MessageMdc implements AutoCloseable {
    public static final String MESSAGE_ID = "message_id";
    public static final String CORRELATION_ID = "correlation_id";
    public static final String AGENT = "agent";

    private final String previousId;
    private final String previousCorrelation;
    private final String previousAgent;

    private MessageMdc(String messageId, String correlationId, String agent) {
        previousId = MDC.get(MESSAGE_ID);
        previousCorrelation = MDC.get(CORRELATION_ID);
        previousAgent = MDC.get(AGENT);
        set(MESSAGE_ID, messageId);
        set(CORRELATION_ID, correlationId);
        set(AGENT, agent);
    }

    public static MessageMdc of(String messageId, String correlationId, String agent) {
        return new MessageMdc(messageId, correlationId, agent);
    }

    /** A message on its way; the agent is its recipient's name when it names one agent. */
    public static MessageMdc of(UnifiedMessage m) {
        String agent = m.recipient() == null ? null : m.recipient().name();
        return new MessageMdc(m.id(), m.correlationId(), agent);
    }

    public static MessageMdc of(StatusEvent e) {
        return new MessageMdc(e.messageId(), e.correlationId(), e.agent());
    }

    @Override
    public void close() {
        set(MESSAGE_ID, previousId);
        set(CORRELATION_ID, previousCorrelation);
        set(AGENT, previousAgent);
    }

    private static void set(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
