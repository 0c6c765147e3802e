package dev.switchboard.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTest {
    record Send(String agent, String text, Integer count, Boolean flag) {}

    private static String problem(String body) {
        return assertThrows(
                        BadRequest.class,
                        () -> Json.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), Send.class))
                .getMessage();
    }

    @Test
    void strictInputIsRefusedWithOneSentenceEach() {
        assertEquals("the request body is empty; send a JSON object", problem(""));
        assertEquals("the request body must be a JSON object, not null", problem("null"));
        assertEquals("field 'text' must be a string", problem("{\"text\": true}"));
        assertEquals("field 'count' must be a number", problem("{\"count\": \"3\"}"));
        assertEquals("field 'flag' must be true or false", problem("{\"flag\": \"yes\"}"));
        assertEquals("field 'flag' must be true or false", problem("{\"flag\": 1}"));
        assertEquals("unknown field 'agnet' (known: agent, count, flag, text)", problem("{\"agnet\": \"x\"}"));
        assertEquals("the request body must be a JSON object", problem("\"hello\""));
        assertEquals(true, problem("{\"text\": \"a\"} {\"text\": \"b\"}").startsWith("the request body"));
        assertEquals("the request body is over 64 KB", problem("{\"text\": \"" + "x".repeat(64 * 1024) + "\"}"));
    }

    @Test
    void goodInputIsReadExactly() {
        Send s = Json.read(
                new ByteArrayInputStream(
                        "{\"agent\":\"A\",\"text\":\"two\\n lines\",\"count\":3}".getBytes(StandardCharsets.UTF_8)),
                Send.class);
        assertEquals(new Send("A", "two\n lines", 3, null), s);
    }
}
