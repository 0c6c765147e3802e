package dev.switchboard.core.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.switchboard.core.message.MessageType;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Recipient;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.message.Sender;
import dev.switchboard.core.message.UnifiedMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    /** How the stored form was written before MessageCodec wrote it field by field. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final String[] TEXTS = {
        "",
        "rerun the tests",
        "quote \" backslash \\ slash /",
        "line\nbreak\r\ttab",
        "\u0000\u0001\u001f\u007f",
        "é ü ß 日本語",
        "emoji 😀 and 𝄞",
        "\u2028\u2029",
        "---\nfront: matter\n---\n-x",
        "<script>&amp;</script>",
        "   leading and trailing spaces   "
    };

    @Test
    void writesWhatTheObjectMapperWrote() throws Exception {
        // GIVEN seeded messages with every enum value, absent optional parts and awkward text
        Random random = new Random(20261129);
        for (int i = 0; i < 2_000; i++) {
            UnifiedMessage m = randomMessage(random);

            // WHEN it is encoded
            String encoded = MessageCodec.encode(m);

            // THEN the text is the object mapper's, and it reads back as the same message
            assertEquals(MAPPER.writeValueAsString(m), encoded, "message " + i);
            assertEquals(m, MessageCodec.decode(encoded), "message " + i);
        }
    }

    private static UnifiedMessage randomMessage(Random r) {
        Platform platform = pick(r, Platform.values());
        Sender sender = new Sender(
                platform, text(r, true), r.nextBoolean() ? null : text(r, true), pickOrNull(r, Role.values()));
        Recipient recipient = switch (r.nextInt(3)) {
            case 0 -> Recipient.agent("Agent-" + r.nextInt(10));
            case 1 -> Recipient.group(text(r, true));
            default -> Recipient.broadcast();
        };
        List<String> tags = new ArrayList<>();
        for (int k = r.nextInt(4); k > 0; k--) {
            tags.add(text(r, true));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int k = r.nextInt(5); k > 0; k--) {
            metadata.put("k" + k + text(r, false), text(r, true));
        }
        Origin origin = r.nextInt(4) == 0
                ? null
                : new Origin(
                        r.nextInt(5) == 0 ? null : pick(r, Platform.values()),
                        text(r, false),
                        text(r, false),
                        text(r, false),
                        text(r, false));
        Instant created = r.nextInt(5) == 0 ? null : instant(r);
        return new UnifiedMessage(
                "01a2" + Long.toHexString(r.nextLong()),
                r.nextBoolean() ? null : "c-" + r.nextInt(1000),
                sender,
                recipient,
                pickOrNull(r, MessageType.values()),
                pickOrNull(r, Priority.values()),
                text(r, true),
                r.nextInt(3) == 0 ? null : tags,
                r.nextInt(3) == 0 ? null : metadata,
                origin,
                created,
                created == null || r.nextBoolean() ? null : instant(r));
    }

    private static Instant instant(Random r) {
        long seconds = r.nextInt(3) == 0 ? r.nextInt(100) : 1_700_000_000L + r.nextInt(1_000_000_000);
        int nanos = switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> r.nextInt(1000) * 1_000_000;
            case 2 -> r.nextInt(1_000_000) * 1_000;
            default -> r.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** Text from the awkward samples, or (when allowed null) sometimes none. */
    private static String text(Random r, boolean nonNull) {
        if (!nonNull && r.nextInt(3) == 0) {
            return null;
        }
        return TEXTS[r.nextInt(TEXTS.length)] + (r.nextBoolean() ? "" : r.nextInt(100));
    }

    private static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    private static <T> T pickOrNull(Random r, T[] values) {
        return r.nextInt(values.length + 1) == 0 ? null : pick(r, values);
    }
}
