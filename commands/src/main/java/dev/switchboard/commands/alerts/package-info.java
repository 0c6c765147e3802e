/**
 * Alerts: rules from {@code alerts:} in the config (dead letters, open circuit breakers, unread messages,
 * disconnected bridges) evaluated periodically against the fleet's state. Each alert fires once when its
 * condition starts and clears once when it ends; front-ends (the Discord status channel, the console, the
 * dashboard) subscribe to those events. No platform types here.
 */
package dev.switchboard.commands.alerts;
