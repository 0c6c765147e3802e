/**
 * Where the service's log goes: JSON lines in {@code <data_dir>/switchboard.log}, attached by {@code run} once
 * the config (and so the data directory) is known. CLI calls log only to the console.
 */
package dev.switchboard.bot.logging;
