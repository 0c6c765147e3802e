package dev.switchboard.testkit.tmux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.testkit.gui.SubmittedLog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaneReaderTest {

    @TempDir
    Path dir;

    @Test
    void aBracketedPasteKeepsItsNewLinesAndEnterSubmitsIt() throws Exception {
        Path file = dir.resolve("out.log");
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        PaneReader reader = new PaneReader(file, new PrintStream(screen, true, StandardCharsets.UTF_8));
        String input =
                "typed \u001b[200~line one\nline two ✓\u001b[201~\r\r\u001b[200~second\u001b[201~\n\u0004ignored\r";

        reader.run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));

        assertEquals(List.of("typed line one\nline two ✓", "second"), SubmittedLog.read(file));
        assertEquals(
                true,
                screen.toString(StandardCharsets.UTF_8).contains("typed line one\r\nline two ✓\r\nready> "),
                screen.toString(StandardCharsets.UTF_8));
    }
}
