package dev.switchboard.bot.cli;

import dev.switchboard.core.queue.MessageCodec;
import dev.switchboard.core.queue.SqliteMessageQueue;
import org.slf4j.LoggerFactory;

/**
 * One-time set-up a chat command of the CLI needs later, started on a thread of its own at the call's start so
 * that it runs while the main thread parses the command line and reads the config: SQLite's date format, which
 * loads the JDK's calendar and locale data (about 40 ms), and, for every command but those that only send, the
 * JSON reader of stored messages ({@code ack}, {@code status <id>}, {@code queue list} read messages;
 * {@code status} reads the service's status file with the same mapper). On a machine with a free core this
 * takes both off the call's wall time; on a busy one the main thread, arriving first, does the same work itself
 * (both are safe to race). Nothing here has an effect a user could see.
 */
public final class CliWarmUp {
    private CliWarmUp() {}

    /**
     * Starts the warm-up; never waits for it, never keeps the JVM alive.
     *
     * @param command the chat command's name ({@code msg}, {@code status} …)
     */
    public static void start(String command) {
        boolean reads = !command.equals("msg") && !command.equals("broadcast");
        Thread t = new Thread(() -> run(reads), "cli-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private static void run(boolean reads) {
        try {
            SqliteMessageQueue.prepareDriver();
            if (reads) {
                MessageCodec.prepareReading();
            }
        } catch (RuntimeException | LinkageError e) {
            // Whatever failed here fails again where the call needs it, and is reported there.
            LoggerFactory.getLogger(CliWarmUp.class).debug("warm-up failed", e);
        }
    }
}
