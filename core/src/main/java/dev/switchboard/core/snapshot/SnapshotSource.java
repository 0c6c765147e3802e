package dev.switchboard.core.snapshot;

import dev.switchboard.config.AgentConfig;

/** Takes a snapshot of one agent by its first delivery method that can show something. */
public interface SnapshotSource {
    /** Used where no snapshots can be taken (tests, tools that only queue). */
    SnapshotSource NONE = agent -> {
        throw new SnapshotException("snapshots are not available in this process");
    };

    /** @throws SnapshotException with a one-line reason when nothing can be shown */
    Snapshot take(AgentConfig agent) throws InterruptedException;

    /** Why a snapshot could not be taken, in one line a user can act on. */
    final class SnapshotException extends RuntimeException {
        public SnapshotException(String message) {
            super(message);
        }

        public SnapshotException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
