package dev.switchboard.config;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Collection;
import java.util.Map;

/**
 * "expected a list like [inbox], got the text 'inbox'": what a config value should have looked like, in the
 * config's own terms, for a value of the wrong shape (Jackson would name its Java types and tokens).
 */
final class ConfigShapes {
    private ConfigShapes() {}

    static String expected(Class<?> type, String path, MismatchedInputException e) {
        String field = path.replaceAll("\\[\\d+]", "");
        field = field.substring(field.lastIndexOf('.') + 1);
        String expected;
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            expected = "a list like "
                    + switch (field) {
                        case "delivery" -> "[inbox]";
                        case "agents" -> "[{id: Agent-1}]";
                        case "aliases" -> "[a1, frontend]";
                        case "tags" -> "[frontend, ui]";
                        case "channels" -> "[\"456\"]";
                        default -> "[a, b]";
                    };
        } else if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            expected = "a whole number";
        } else if (type == Boolean.class || type == boolean.class) {
            expected = "true or false";
        } else if (type == String.class || type == java.nio.file.Path.class) {
            expected = "a text value";
        } else if (type.isEnum()) {
            expected = "one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT);
        } else if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            expected = "a mapping like {key: value}";
        } else {
            expected = "a different kind of value";
        }
        return "expected " + expected + got(e);
    }

    /** ", got the text 'many'" when the value is known, else what kind of value it was. */
    private static String got(MismatchedInputException e) {
        if (e instanceof InvalidFormatException f && f.getValue() != null) {
            String text = String.valueOf(f.getValue());
            return ", got the text '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'";
        }
        String m = String.valueOf(e.getOriginalMessage());
        if (m.contains("from String value")) {
            return ", got a text value";
        }
        if (m.contains("from Integer value") || m.contains("from Floating-point value")) {
            return ", got a number";
        }
        if (m.contains("from Array value")) {
            return ", got a list";
        }
        if (m.contains("from Object value")) {
            return ", got a mapping";
        }
        return "";
    }
}
