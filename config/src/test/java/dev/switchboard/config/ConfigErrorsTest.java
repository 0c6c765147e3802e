package dev.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config error says what was expected, in the user's words, never in Jackson's. */
class ConfigErrorsTest {
    @TempDir
    Path dir;

    private String error(String yaml) throws IOException {
        Path file = dir.resolve("switchboard.yaml");
        Files.writeString(file, yaml);
        String message = assertThrows(ConfigException.class, () -> ConfigLoader.load(file))
                .getMessage();
        assertFalse(message.contains("\n"), message);
        for (String internal : new String[] {"java.", "JsonToken", "Cannot deserialize", "com.fasterxml"}) {
            assertFalse(message.contains(internal), "leaks '" + internal + "': " + message);
        }
        return message.substring(file.toString().length() + 2);
    }

    @Test
    void aWordWhereAListBelongsSaysWhatAListLooksLike() throws IOException {
        assertEquals(
                "agents[0].delivery: expected a list like [inbox], got a text value (line 1)",
                error("agents: [{id: A, delivery: inbox}]\n"));
    }

    @Test
    void wrongShapesNameTheExpectedShape() throws IOException {
        assertTrue(
                error("agents: Agent-1\n").startsWith("agents: expected a list like [{id: Agent-1}]"),
                error("agents: Agent-1\n"));
        assertTrue(
                error("limits: {max_text: many}\n")
                        .startsWith("limits.max_text: expected a whole number, got" + " the text 'many'"),
                error("limits: {max_text: many}\n"));
        assertTrue(
                error("limits: 5\n").startsWith("limits: expected a mapping like {key: value}"), error("limits: 5\n"));
    }

    @Test
    void anchorsAndAliasesAreRefusedBeforeAnythingIsExpanded() throws IOException {
        StringBuilder laughs = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char prev = (char) (c - 1);
            laughs.append(c)
                    .append(": &")
                    .append(c)
                    .append(" [*")
                    .append(prev)
                    .append(",*")
                    .append(prev)
                    .append(",*")
                    .append(prev)
                    .append(",*")
                    .append(prev)
                    .append("]\n");
        }
        assertEquals(
                "YAML anchors and aliases (&name, *name) are not supported in the config; write the values"
                        + " out (line 1)",
                error(laughs.toString()));
    }

    @Test
    void aKeyGivenTwiceIsRefused() throws IOException {
        assertEquals("key 'data_dir' is given twice (line 2)", error("data_dir: a\ndata_dir: b\n"));
        assertTrue(
                error("agents:\n  - id: A\n    id: B\n").startsWith("key 'id' is given twice"),
                error("agents:\n  - id: A\n    id: B\n"));
    }

    @Test
    void aFolderGivenAsTheConfigSaysSo() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir));
        assertEquals(dir + ": is a folder, not a config file (give the path of switchboard.yaml)", e.getMessage());
    }
}
