/**
 * Typed settings of Switchboard: records for every key of {@code switchboard.yaml}, loading with
 * path-precise validation errors, secrets from the environment, and import of the Dream.OS
 * {@code cursor_agent_coords.json} layout file. Depends on nothing else of Switchboard.
 */
package dev.switchboard.config;
