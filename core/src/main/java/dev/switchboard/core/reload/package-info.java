/**
 * Reloading the config file while Switchboard runs ({@link dev.switchboard.core.reload.ConfigWatcher}); it
 * lives in core, not in config, to run on core's one background loop.
 */
package dev.switchboard.core.reload;
