package dev.switchboard.config;

/**
 * When Switchboard raises an alert (to the status channel and the dashboard), and how often it looks.
 * A rule with 0 (or {@code false}) is off.
 *
 * @param deadLetters       alert when at least {@code count} messages went dead in the last {@code minutes}
 * @param breakerOpen       alert while a delivery method of an agent is paused by its circuit breaker
 * @param unreadMinutes     alert when a message delivered to an inbox has not been read for this long
 * @param bridgeDownMinutes alert when a chat bridge (Discord, Twitch) has been disconnected this long
 * @param checkSeconds      how often the rules are evaluated
 */
public record AlertsConfig(
        DeadLetters deadLetters,
        Boolean breakerOpen,
        Integer unreadMinutes,
        Integer bridgeDownMinutes,
        Integer checkSeconds) {

    /** At least {@code count} dead letters within {@code minutes}; count 0 turns the rule off. */
    public record DeadLetters(Integer count, Integer minutes) {
        public DeadLetters {
            count = count == null ? 1 : count;
            minutes = minutes == null ? 10 : minutes;
        }
    }

    public AlertsConfig {
        deadLetters = deadLetters == null ? new DeadLetters(null, null) : deadLetters;
        breakerOpen = breakerOpen == null || breakerOpen;
        unreadMinutes = unreadMinutes == null ? 0 : unreadMinutes;
        bridgeDownMinutes = bridgeDownMinutes == null ? 5 : bridgeDownMinutes;
        checkSeconds = checkSeconds == null ? 15 : checkSeconds;
    }

    public static AlertsConfig defaults() {
        return new AlertsConfig(null, null, null, null, null);
    }
}
