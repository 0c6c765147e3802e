/** What the gas pipeline remembers per agent (task, thresholds already prompted, last prompt), in queue.db. */
package dev.switchboard.core.gas;
