package dev.switchboard.commands.builtin;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The times of {@code msg --in/--at/--every}: parsing what was typed, and saying back when, in local time. */
final class When {
    private static final Pattern DURATION =
            Pattern.compile("(?:(\\d{1,4})d)?(?:(\\d{1,5})h)?(?:(\\d{1,6})m)?" + "(?:(\\d{1,7})s)?");
    private static final Duration LONGEST = Duration.ofDays(366);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter CLOCK_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd ");

    private When() {}

    /** "10m", "2h", "1h30m", "45s", "1d": refuses zero, negative, over a year, and anything else with one line. */
    static Duration duration(String option, String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(t);
        if (t.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException(
                    option + " wants a duration like 10m, 2h, 1h30m or 1d (got '" + shown(text) + "')");
        }
        Duration d = Duration.ofDays(number(m.group(1)))
                .plusHours(number(m.group(2)))
                .plusMinutes(number(m.group(3)))
                .plusSeconds(number(m.group(4)));
        if (d.isZero()) {
            throw new IllegalArgumentException(option + " must be longer than 0");
        }
        if (d.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(option + " must be at most 366 days");
        }
        return d;
    }

    /**
     * "14:30" (today in local time, or tomorrow when that has passed), "14:30:15", or "2026-12-01T14:30".
     */
    static ZonedDateTime at(String text, Clock clock) {
        String t = text == null ? "" : text.strip();
        ZoneId zone = clock.getZone();
        ZonedDateTime now = ZonedDateTime.now(clock);
        try {
            if (t.contains("T") || t.contains("t")) {
                ZonedDateTime when =
                        LocalDateTime.parse(t.toUpperCase(Locale.ROOT)).atZone(zone);
                if (!when.isAfter(now)) {
                    throw new IllegalArgumentException("--at " + t + " is in the past (now "
                            + now.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + " local time)");
                }
                if (Duration.between(now, when).compareTo(LONGEST) > 0) {
                    throw new IllegalArgumentException("--at must be within 366 days");
                }
                return when;
            }
            LocalTime time = LocalTime.parse(t);
            ZonedDateTime today = LocalDate.now(clock).atTime(time).atZone(zone);
            return today.isAfter(now) ? today : today.plusDays(1);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "--at wants a local time like 14:30 or 2026-12-01T14:30 (got '" + shown(text) + "')");
        }
    }

    /** "14:30 local time (Europe/Berlin), in 2h 5m": a date only when it is not today. */
    static String describe(Instant when, Clock clock) {
        ZoneId zone = clock.getZone();
        ZonedDateTime at = when.atZone(zone);
        ZonedDateTime now = ZonedDateTime.now(clock);
        String day = at.toLocalDate().equals(now.toLocalDate()) ? "" : DAY.format(at);
        String time = at.getSecond() == 0 ? CLOCK.format(at) : CLOCK_SECONDS.format(at);
        return day + time + " local time (" + zone.getId() + "), in " + span(Duration.between(now, at));
    }

    /** "2h 5m", "45s", "3d 4h". */
    static String span(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3_600) {
            return s / 60 + "m" + (s % 60 == 0 ? "" : " " + s % 60 + "s");
        }
        if (s < 86_400) {
            return s / 3_600 + "h" + (s % 3_600 / 60 == 0 ? "" : " " + s % 3_600 / 60 + "m");
        }
        return s / 86_400 + "d" + (s % 86_400 / 3_600 == 0 ? "" : " " + s % 86_400 / 3_600 + "h");
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }

    private static String shown(String text) {
        String t = text == null ? "" : text;
        return t.length() > 20 ? t.substring(0, 20) + "…" : t;
    }
}
