/**
 * Scale-out over RabbitMQ. The hub ({@code switchboard run} with {@code broker:}) keeps the authoritative
 * SQLite queue; {@link dev.switchboard.broker.HubRelay} publishes messages for agents on other desktops, with
 * publisher confirms, and {@link dev.switchboard.broker.HubEvents} records what the nodes report. A
 * {@link dev.switchboard.broker.Node} ({@code switchboard node}) consumes its agents' queues and delivers with
 * the same fallback chain as the hub. Nothing here knows a chat platform.
 */
package dev.switchboard.broker;
