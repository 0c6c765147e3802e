package dev.switchboard.core.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.switchboard.core.message.UnifiedMessage;

/** The stored form of a message: its record as JSON (so new fields need no schema change). */
public final class MessageCodec {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private MessageCodec() {
    }

    public static String encode(UnifiedMessage message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new QueueException("cannot encode message " + message.id(), e);
        }
    }

    public static UnifiedMessage decode(String json) {
        try {
            return JSON.readValue(json, UnifiedMessage.class);
        } catch (JsonProcessingException e) {
            throw new QueueException("stored message is not readable: " + e.getOriginalMessage(), e);
        }
    }

    public static ObjectMapper mapper() {
        return JSON;
    }
}
