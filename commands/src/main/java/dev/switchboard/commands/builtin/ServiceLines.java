package dev.switchboard.commands.builtin;

import dev.switchboard.core.lifecycle.ServiceStatus;
import dev.switchboard.core.lifecycle.StatusFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The services part of {@code status}: read from the status file the running service keeps in the data dir,
 * so the chat (in that process) and the CLI (in another) show the same.
 */
final class ServiceLines {
    private ServiceLines() {}

    static List<String> of(Path dataDir, Clock clock) {
        Optional<StatusFile.Snapshot> snapshot;
        try {
            snapshot = StatusFile.read(StatusFile.in(dataDir));
        } catch (IOException e) {
            return List.of("services: cannot read " + StatusFile.FILE_NAME + ": " + e.getMessage());
        }
        if (snapshot.isEmpty()) {
            return List.of("services: no 'switchboard run' has run with this data directory");
        }
        StatusFile.Snapshot s = snapshot.get();
        Instant now = clock.instant();
        if (!s.writerAlive()) {
            return List.of("services: 'switchboard run' is not running (pid " + s.pid() + " last wrote "
                    + Formats.dateTime(s.written()) + ")");
        }
        List<String> lines = new ArrayList<>();
        lines.add("services (pid " + s.pid() + "):");
        for (ServiceStatus st : s.services()) {
            lines.add("  " + st.describe(now));
        }
        return lines;
    }
}
