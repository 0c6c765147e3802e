package dev.switchboard.bot.lifecycle;

import dev.switchboard.core.lifecycle.ServiceStatus;
import dev.switchboard.core.lifecycle.StatusFile;
import dev.switchboard.core.lifecycle.Supervisor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the supervisor's reports go: every change to {@code <data_dir>/services.json} (read by {@code status}
 * in this process and in the CLI), every notice (a failure, a restart) to whoever shows them (the console).
 */
public final class StatusReporter implements Supervisor.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(StatusReporter.class);

    private final Path file;
    private final Clock clock;
    private final Consumer<String> notices;
    private volatile boolean writeFailed;

    public StatusReporter(Path dataDir, Clock clock, Consumer<String> notices) {
        this.file = StatusFile.in(dataDir);
        this.clock = clock;
        this.notices = notices;
    }

    @Override
    public void notice(String line) {
        notices.accept(line);
    }

    @Override
    public void changed(List<ServiceStatus> services) {
        try {
            StatusFile.write(file, ProcessHandle.current().pid(), clock.instant(), services);
            writeFailed = false;
        } catch (IOException e) {
            if (!writeFailed) { // once per outage, not once per change
                LOG.warn(
                        "cannot write {} (status shows stale services until it works again): {}", file, e.getMessage());
            }
            writeFailed = true;
        }
    }
}
