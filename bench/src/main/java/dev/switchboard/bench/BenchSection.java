package dev.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * A measurement another part of Switchboard adds to the report under its own key (e.g. {@code "gui"},
 * {@code "tmux"}: typing into agent windows is timed by the delivery code that does it). Register one in
 * {@link BenchSections#all()}.
 */
interface BenchSection {
    /** The report key. */
    String key();

    /**
     * Runs the measurement.
     *
     * @param workDir an empty folder on the measured disk, deleted afterwards
     * @param quick   the smaller smoke-test run
     * @return the section's figures; should include {@code "measured": true/false} and, when false, a reason
     */
    JsonNode run(Path workDir, boolean quick) throws Exception;
}
