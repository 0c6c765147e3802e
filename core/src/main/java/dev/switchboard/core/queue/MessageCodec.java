package dev.switchboard.core.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.switchboard.core.message.UnifiedMessage;

/** The stored form of a message: its record as JSON (so new fields need no schema change). */
public final class MessageCodec {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private MessageCodec() {}

    public static String encode(UnifiedMessage message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new QueueException("cannot encode message " + message.id(), e);
        }
    }

    /** @throws UnreadableMessageException when the stored text is not a message (garbage, {@code null} ...) */
    public static UnifiedMessage decode(String json) {
        UnifiedMessage m;
        try {
            m = JSON.readValue(json, UnifiedMessage.class);
        } catch (JsonProcessingException e) {
            throw new UnreadableMessageException(e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
            // Jackson wraps most failures, but not all (a null argument, an odd record invariant): same cause.
            throw new UnreadableMessageException(String.valueOf(e.getMessage()), e);
        }
        if (m == null) {
            throw new UnreadableMessageException("the stored text is empty or null", null);
        }
        return m;
    }

    public static ObjectMapper mapper() {
        return JSON;
    }
}
