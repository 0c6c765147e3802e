package dev.switchboard.core.queue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Recipient;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.message.UnifiedMessage;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * The stored form of a message: its record as JSON (so new fields need no schema change).
 *
 * <p>Written field by field with Jackson's streaming generator, in the form Jackson's object mapper wrote it
 * (record components in order, nulls written, enums by name, instants as ISO-8601 text), and read back with the
 * object mapper. A CLI {@code send} only writes: building the mapper and reflecting over the records to
 * write one message was about a fifth of the call. {@code MessageCodecTest} holds the two forms equal.
 */
public final class MessageCodec {
    private static final JsonFactory FACTORY = new JsonFactory();

    private MessageCodec() {}

    /** The mapper, made on first use: a process that only writes messages never needs it. */
    private static final class Reader {
        static final ObjectMapper JSON = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static String encode(UnifiedMessage message) {
        StringWriter out = new StringWriter(256 + message.body().length());
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", message.id());
            g.writeStringField("correlationId", message.correlationId());
            writeSender(g, message.sender());
            writeRecipient(g, message.recipient());
            g.writeStringField("type", message.type().name());
            g.writeStringField("priority", message.priority().name());
            g.writeStringField("body", message.body());
            g.writeArrayFieldStart("tags");
            for (String tag : message.tags()) {
                g.writeString(tag);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("metadata");
            for (Map.Entry<String, String> e : message.metadata().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            writeOrigin(g, message.origin());
            writeInstant(g, "createdAt", message.createdAt());
            writeInstant(g, "notBefore", message.notBefore());
            g.writeEndObject();
        } catch (JsonProcessingException e) {
            throw new QueueException("cannot encode message " + message.id(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void writeSender(JsonGenerator g, Sender s) throws IOException {
        g.writeObjectFieldStart("sender");
        g.writeStringField("platform", s.platform().name());
        g.writeStringField("userId", s.userId());
        g.writeStringField("displayName", s.displayName());
        g.writeStringField("role", s.role().name());
        g.writeEndObject();
    }

    private static void writeRecipient(JsonGenerator g, Recipient r) throws IOException {
        g.writeObjectFieldStart("recipient");
        g.writeStringField("kind", r.kind().name());
        g.writeStringField("name", r.name());
        g.writeEndObject();
    }

    private static void writeOrigin(JsonGenerator g, Origin o) throws IOException {
        g.writeObjectFieldStart("origin");
        g.writeStringField(
                "platform", o.platform() == null ? null : o.platform().name());
        g.writeStringField("guildId", o.guildId());
        g.writeStringField("channelId", o.channelId());
        g.writeStringField("messageId", o.messageId());
        g.writeStringField("threadId", o.threadId());
        g.writeEndObject();
    }

    private static void writeInstant(JsonGenerator g, String name, Instant t) throws IOException {
        // Instant.toString() is DateTimeFormatter.ISO_INSTANT, what the JavaTimeModule writes
        g.writeStringField(name, t.toString());
    }

    /**
     * Builds the mapper and its reader of messages now (about 30 ms once per process): a short-lived process that
     * will read messages calls this on a thread of its own while it does other things. Thread-safe.
     */
    public static void prepareReading() {
        Reader.JSON.readerFor(UnifiedMessage.class); // fetches the message's deserializer into the mapper's cache
    }

    /** @throws UnreadableMessageException when the stored text is not a message (garbage, {@code null} ...) */
    public static UnifiedMessage decode(String json) {
        UnifiedMessage m;
        try {
            m = Reader.JSON.readValue(json, UnifiedMessage.class);
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
}
