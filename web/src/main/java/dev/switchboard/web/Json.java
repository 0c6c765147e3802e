package dev.switchboard.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Collectors;

/**
 * JSON in and out. Output uses snake_case like the config file, instants as ISO-8601 text. Input is strict:
 * unknown fields, wrong types (a number where text belongs, text where a number belongs) and trailing
 * garbage are refused with one sentence rather than guessed at.
 */
public final class Json {
    /** Largest request body accepted. */
    public static final int MAX_BODY = 64 * 1024;

    public static final ObjectMapper MAPPER = create();

    private Json() {}

    private static ObjectMapper create() {
        ObjectMapper m = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                // paths as the config file writes them (/home/me/agents), not as file:// URIs
                .addModule(new com.fasterxml.jackson.databind.module.SimpleModule()
                        .addSerializer(
                                java.nio.file.Path.class,
                                com.fasterxml.jackson.databind.ser.std.ToStringSerializer.instance))
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        for (LogicalType t :
                new LogicalType[] {LogicalType.Textual, LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            m.coercionConfigFor(t)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Array, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Object, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        // text stays text: only the matching shape is accepted for each
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.EmptyString, CoercionAction.TryConvert);
        m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Boolean, CoercionAction.TryConvert);
        return m;
    }

    /**
     * Reads a request body of at most {@link #MAX_BODY} bytes into {@code type}.
     *
     * @throws BadRequest with one sentence for an empty or oversized body, bad JSON, unknown fields or wrong types
     */
    public static <T> T read(InputStream body, Class<T> type) {
        byte[] bytes = readBytes(body);
        if (bytes.length == 0) {
            throw new BadRequest("the request body is empty; send a JSON object");
        }
        return parse(bytes, type);
    }

    /** Like {@link #read}, but an empty body is allowed (and gives nothing). */
    public static <T> java.util.Optional<T> readOptional(InputStream body, Class<T> type) {
        byte[] bytes = readBytes(body);
        return bytes.length == 0 ? java.util.Optional.empty() : java.util.Optional.of(parse(bytes, type));
    }

    private static byte[] readBytes(InputStream body) {
        byte[] bytes;
        try {
            bytes = body.readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            throw new BadRequest("the request body could not be read: " + oneLine(e.getMessage()));
        }
        if (bytes.length > MAX_BODY) {
            throw new BadRequest("the request body is over " + MAX_BODY / 1024 + " KB");
        }
        return bytes;
    }

    private static <T> T parse(byte[] bytes, Class<T> type) {
        try {
            T value = MAPPER.readValue(bytes, type);
            if (value == null) {
                throw new BadRequest("the request body must be a JSON object, not null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null
                    ? ""
                    : " (known: "
                            + e.getKnownPropertyIds().stream()
                                    .map(Object::toString)
                                    .sorted()
                                    .collect(Collectors.joining(", "))
                            + ")";
            throw new BadRequest("unknown field '" + e.getPropertyName() + "'" + known);
        } catch (InvalidFormatException e) {
            throw new BadRequest("field '" + path(e) + "' must be " + expected(e.getTargetType()));
        } catch (MismatchedInputException e) {
            String field = path(e);
            throw new BadRequest(
                    field.isEmpty()
                            ? "the request body must be a JSON object"
                            : "field '" + field + "' must be " + expected(e.getTargetType()));
        } catch (JsonParseException e) {
            throw new BadRequest("the request body is not valid JSON: " + oneLine(e.getOriginalMessage()));
        } catch (JsonMappingException e) {
            throw new BadRequest("the request body does not fit: " + oneLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new BadRequest("the request body is not valid JSON: " + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new BadRequest("the request body could not be read: " + oneLine(e.getMessage()));
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "an object";
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }
}
