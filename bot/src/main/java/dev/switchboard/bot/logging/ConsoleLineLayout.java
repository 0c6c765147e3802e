package dev.switchboard.bot.logging;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;

/**
 * One stderr line per event, exactly what the pattern {@link ConsoleLogging#PATTERN} gives: level padded to 5,
 * the logger abbreviated to 20 characters, the message, and {@code [message <id>]} when the event is about a
 * message; no stack trace (it goes to the log file).
 *
 * <p>Written out rather than a {@code PatternLayout}: that class registers about 50 converters when it loads
 * and compiles the pattern, which cost a short CLI call a noticeable part of its start-up; every CLI call
 * sets up logging, few ever log a line.
 */
final class ConsoleLineLayout extends LayoutBase<ILoggingEvent> {
    private final TargetLengthBasedClassNameAbbreviator abbreviator = new TargetLengthBasedClassNameAbbreviator(20);

    @Override
    public String doLayout(ILoggingEvent event) {
        String level = event.getLevel().toString();
        StringBuilder line = new StringBuilder(128).append(level);
        for (int i = level.length(); i < 5; i++) {
            line.append(' ');
        }
        line.append(' ')
                .append(abbreviator.abbreviate(event.getLoggerName()))
                .append(" - ")
                .append(event.getFormattedMessage());
        String messageId = event.getMDCPropertyMap().get("message_id");
        if (messageId != null && !messageId.isEmpty()) {
            line.append(" [message ").append(messageId).append(']');
        }
        return line.append(CoreConstants.LINE_SEPARATOR).toString();
    }
}
