package dev.switchboard.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.bot.console.SavedPictures;
import dev.switchboard.commands.Reply;
import dev.switchboard.core.snapshot.Attachment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard peek} from the terminal: text printed, pictures saved, GUI agents left to the service. */
class PeekCliTest {
    @TempDir
    Path dir;

    private String[] run(Path config, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void inboxAgentsNewestFilesArePrinted() throws Exception {
        Path config = dir.resolve("switchboard.yaml");
        Files.writeString(config, "data_dir: data\nagents: [{id: Agent-1}]\n");
        Path inbox = Files.createDirectories(dir.resolve("agent_workspaces/Agent-1/inbox"));
        Files.writeString(inbox.resolve("20261129T100000Z_x.md"), "please rebase\n");

        String[] r = run(config, "peek", "Agent-1");

        assertEquals("0", r[0], r[2]);
        assertTrue(
                r[1].startsWith("Agent-1 · newest inbox and outbox files\n  inbox: inbox/20261129T100000Z_x.md"), r[1]);
        assertTrue(r[1].contains("── Agent-1-inbox.md ──\nplease rebase"), r[1]);
        assertTrue(r[1].contains("outbox: empty"), r[1]);
    }

    @Test
    void aGuiAgentIsNotPeekedAtFromTheCliWhileTheServiceMayBeTypingIntoWindows() throws Exception {
        Path config = dir.resolve("switchboard.yaml");
        Files.writeString(config, """
                data_dir: data
                agents:
                  - {id: Agent-1, delivery: [gui, inbox], gui: {input_box: {x: 10, y: 10}}}
                """);
        Files.createDirectories(dir.resolve("data"));
        try (DataDirLock held = DataDirLock.tryAcquire(dir.resolve("data")).orElseThrow()) {
            String[] r = run(config, "peek", "Agent-1");
            assertEquals("1", r[0], r[1]);
            assertEquals(
                    "error: 'switchboard run' is delivering into windows; peek at a GUI agent from its console,"
                            + " Discord or the dashboard, so the picture is never taken in the middle of a delivery\n",
                    r[2]);
        }
    }

    @Test
    void picturesAreSavedUnderTheDataDirWithTheTime() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        Reply reply = Reply.ok(
                "Agent-1 · screen",
                List.of(),
                List.of(Attachment.png("Agent-1.png", png), Attachment.text("Agent-1-pane.txt", "not saved: printed")));
        Clock at = Clock.fixed(Instant.parse("2026-11-29T10:03:12Z"), ZoneOffset.UTC);

        List<String> said = SavedPictures.save(reply, dir.resolve("data"), at);

        Path saved = dir.resolve("data/peeks/Agent-1-20261129T100312.png");
        assertEquals(List.of("  picture saved: " + saved), said);
        assertTrue(java.util.Arrays.equals(png, Files.readAllBytes(saved)));
        try (var files = Files.list(saved.getParent())) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }
}
