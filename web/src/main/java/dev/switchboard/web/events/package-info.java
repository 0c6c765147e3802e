/**
 * Live status over Server-Sent Events: one event per persisted state change, numbered by the transition log's
 * sequence so a client that reconnects with {@code Last-Event-ID} gets exactly what it missed from SQLite.
 */
package dev.switchboard.web.events;
