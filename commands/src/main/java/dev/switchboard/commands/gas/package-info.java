/**
 * The gas pipeline: agents' {@code status.json} progress (or {@code switchboard progress}) turns into prompts at
 * 75, 90 and 100 %, once per task and threshold, and a prompt after a silence; its memory is in queue.db.
 */
package dev.switchboard.commands.gas;
