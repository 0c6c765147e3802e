package dev.switchboard.bot.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliArchiveTest {
    @TempDir
    Path dir;

    @Test
    void anArchiveTheJvmRefusedIsDeleted() throws IOException {
        // GIVEN an archive named by the launcher, and a JVM that says it shares no classes (another Java made it)
        Path archive = Files.writeString(dir.resolve("switchboard-cli.jsa"), "made by another Java");

        // WHEN the call starts
        boolean refused = CliArchive.dropIfRefused(
                Map.of(CliArchive.PROPERTY, archive.toString(), "java.vm.info", "mixed mode")::get);

        // THEN the archive is gone, so that the launcher's next call makes one for this Java
        assertTrue(refused);
        assertFalse(Files.exists(archive));
    }

    @Test
    void anArchiveInUseIsKept() throws IOException {
        // GIVEN an archive the JVM mapped
        Path archive = Files.writeString(dir.resolve("switchboard-cli.jsa"), "in use");

        // WHEN the call starts
        boolean refused = CliArchive.dropIfRefused(
                Map.of(CliArchive.PROPERTY, archive.toString(), "java.vm.info", "mixed mode, sharing")::get);

        // THEN it stays
        assertFalse(refused);
        assertTrue(Files.exists(archive));
    }

    @Test
    void withoutTheLauncherNothingIsTouched() throws IOException {
        // GIVEN a JVM started without the launcher's archive (tests, java -cp …), sharing nothing
        Path other = Files.writeString(dir.resolve("switchboard-cli.jsa"), "not named");

        // WHEN the call starts
        boolean refused = CliArchive.dropIfRefused(Map.of("java.vm.info", "mixed mode")::get);

        // THEN no file is looked at
        assertFalse(refused);
        assertTrue(Files.exists(other));
    }
}
