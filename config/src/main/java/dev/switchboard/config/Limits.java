package dev.switchboard.config;

/**
 * Input limits applied to every front-end.
 *
 * @param maxText    longest message body in characters
 * @param perUser    messages one user may send ...
 * @param perSeconds ... within this many seconds
 */
public record Limits(Integer maxText, Integer perUser, Integer perSeconds) {
    public Limits {
        maxText = maxText == null ? 4000 : maxText;
        perUser = perUser == null ? 5 : perUser;
        perSeconds = perSeconds == null ? 10 : perSeconds;
    }

    public static Limits defaults() {
        return new Limits(null, null, null);
    }
}
