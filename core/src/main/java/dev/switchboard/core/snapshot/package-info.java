/**
 * Snapshots of what an agent shows (a picture of its window, the last lines of its pane, its newest inbox and
 * outbox files), as platform-neutral data: the {@code peek} command asks a {@link
 * dev.switchboard.core.snapshot.SnapshotSource}, front-ends render the {@link dev.switchboard.core.snapshot.Attachment}s.
 */
package dev.switchboard.core.snapshot;
