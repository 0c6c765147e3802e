package dev.switchboard.commands.alerts;

import java.time.Instant;

/**
 * One active condition.
 *
 * @param key   stable identity while the condition lasts ({@code dead_letters}, {@code breaker:Agent-2/gui},
 *              {@code unread}, {@code bridge_down:discord})
 * @param rule  the config rule that raised it ({@code dead_letters}, {@code breaker_open}, {@code unread_minutes},
 *              {@code bridge_down_minutes})
 * @param text  what is wrong, as first seen
 * @param since when it fired
 */
public record Alert(String key, String rule, String text, Instant since) {}
