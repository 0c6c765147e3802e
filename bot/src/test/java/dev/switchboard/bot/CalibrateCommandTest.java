package dev.switchboard.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard calibrate}'s user errors; the measuring itself is tested in delivery under Xvfb. */
class CalibrateCommandTest {
    @TempDir
    Path dir;

    private String[] run(String... args) throws Exception {
        Path config = dir.resolve("switchboard.yaml");
        Files.writeString(config, """
                agents:
                  - id: Agent-1
                    aliases: [a1]
                  - id: Agent-2
                    delivery: [gui, inbox]
                    gui: {input_box: {x: -30000, y: 40000}}
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 4];
        all[0] = "--config";
        all[1] = config.toString();
        all[2] = "--data-dir";
        all[3] = dir.resolve("data").toString();
        System.arraycopy(args, 0, all, 4, args.length);
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void anUnknownAgentIsAOneLineErrorWithASuggestion() throws Exception {
        String[] r = run("calibrate", "Agnet-1");
        assertEquals("1", r[0]);
        assertTrue(r[2].startsWith("calibrate: unknown agent 'Agnet-1' (did you mean Agent-1?)"), r[2]);
    }

    @Test
    void anAgentWithoutCoordinatesSaysSo() throws Exception {
        String[] r = run("calibrate", "a1");
        assertEquals("1", r[0]);
        assertEquals("calibrate Agent-1: no gui.input_box configured for Agent-1", r[2].strip());
    }

    @Test
    void coordinatesOnNoScreenOrNoDisplayAreReportedAndNothingIsStored() throws Exception {
        String[] r = run("calibrate", "Agent-2");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("is on no screen") || r[2].contains("no display"), r[2]);
        assertTrue(Files.notExists(dir.resolve("data").resolve("gui-timing.json")));
    }
}
