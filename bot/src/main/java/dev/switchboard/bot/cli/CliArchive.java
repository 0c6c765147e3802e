package dev.switchboard.bot.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;

/**
 * The launcher's class-data archive for CLI calls, as this JVM found it. An archive fits only the Java that
 * made it: after an update or a switch to another Java the JVM refuses it without a word (with
 * {@code -Xshare:auto}) and every call is slow again, while the launcher, which looks only at time stamps,
 * keeps handing it over. The JVM says whether it mapped an archive ({@code java.vm.info} ends in
 * {@code sharing}); when the archive the launcher named was refused, it is deleted here, and the launcher's next
 * call makes one for this Java.
 */
public final class CliArchive {
    /** Set by the launcher to the archive it passed with {@code -XX:SharedArchiveFile}. */
    public static final String PROPERTY = "switchboard.cliArchive";

    private CliArchive() {}

    /** Deletes the archive the launcher named when this JVM did not map it. */
    public static void dropIfRefused() {
        dropIfRefused(System::getProperty);
    }

    /** @return whether the archive was refused (and so deleted, if it was still there) */
    static boolean dropIfRefused(UnaryOperator<String> properties) {
        String archive = properties.apply(PROPERTY);
        if (archive == null
                || archive.isEmpty()
                || String.valueOf(properties.apply("java.vm.info")).contains("sharing")) {
            return false;
        }
        try {
            Files.deleteIfExists(Path.of(archive));
        } catch (IOException | InvalidPathException e) {
            // The call goes on without it as before; the next one tries again.
            LoggerFactory.getLogger(CliArchive.class).debug("could not delete the refused archive {}", archive, e);
        }
        return true;
    }
}
