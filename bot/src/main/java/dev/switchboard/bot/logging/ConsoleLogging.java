package dev.switchboard.bot.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logging of every Switchboard process, set up in code: one line per event on stderr (warnings and up, or
 * {@code -Dswitchboard.stderrLevel}), with the message it is about, and no file, so a CLI call writes nothing
 * and creates no folder; {@code run} adds the JSON log file in its data_dir ({@link LogFiles}).
 *
 * <p>In code rather than in a {@code logback.xml}: parsing the XML cost a CLI call about 0.2 s of CPU, most
 * of a {@code status}. A {@code logback-test.xml} on the class path (the tests) is still honoured.
 */
public final class ConsoleLogging extends ContextAwareBase implements Configurator {
    /** The least level shown on stderr (default {@code WARN}). */
    public static final String LEVEL_PROPERTY = "switchboard.stderrLevel";

    /** The line's format, as a logback pattern; {@link ConsoleLineLayout} writes it without parsing it. */
    static final String PATTERN =
            "%-5level %logger{20} - %msg%replace( [message %X{message_id}]){' \\[message \\]', ''}%n%nopex";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (getClass().getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        ConsoleLineLayout layout = new ConsoleLineLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ThresholdFilter threshold = new ThresholdFilter();
        threshold.setContext(context);
        threshold.setLevel(System.getProperty(LEVEL_PROPERTY, "WARN"));
        threshold.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.addFilter(threshold);
        stderr.start();
        context.getLogger("org.sqlite").setLevel(Level.WARN);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
