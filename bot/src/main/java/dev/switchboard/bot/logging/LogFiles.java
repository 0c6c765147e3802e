package dev.switchboard.bot.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.mask.MaskingJsonGeneratorDecorator;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The service's log file: one JSON object per line ({@code @timestamp}, {@code level}, {@code logger_name},
 * {@code message}, {@code stack_trace}, and the MDC keys {@code message_id}, {@code correlation_id},
 * {@code agent} on lines about a message), rolled daily and at 10 MB, 7 days kept.
 *
 * <p>Attached programmatically rather than in {@code logback.xml}: logback starts before the config is read,
 * so a file named there would land in whatever folder the command was started in (and every CLI call would
 * leave that folder behind). Only {@code run} calls {@link #start}; the encoder's classes are never loaded
 * by a CLI call.
 */
public final class LogFiles {
    public static final String FILE_NAME = "switchboard.log";
    static final String APPENDER = "JSON_FILE";

    private LogFiles() {}

    /**
     * Starts writing the log to {@code <dataDir>/switchboard.log} (replacing a file log started before).
     *
     * @param secrets values that must never reach the file (tokens): masked wherever they appear, as a second
     *                line of defence behind not logging them at all
     * @return the log file, or empty when logback is not the logging backend (nothing to attach to)
     */
    public static Optional<Path> start(Path dataDir, Collection<String> secrets) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext ctx)) {
            return Optional.empty();
        }
        Path file = dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        stop();

        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(ctx);
        appender.setName(APPENDER);
        appender.setFile(file.toString());

        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(ctx);
        policy.setParent(appender);
        policy.setFileNamePattern(
                file.getParent().resolve("switchboard.%d{yyyy-MM-dd}.%i.log.gz").toString());
        policy.setMaxFileSize(FileSize.valueOf("10MB"));
        policy.setMaxHistory(7);
        policy.setTotalSizeCap(FileSize.valueOf("200MB"));
        policy.start();
        appender.setRollingPolicy(policy);

        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(ctx);
        MaskingJsonGeneratorDecorator masks = new MaskingJsonGeneratorDecorator();
        masks.setDefaultMask("****");
        secrets.stream()
                .filter(s -> s != null && s.length() >= 8)
                .map(Pattern::quote)
                .forEach(masks::addValue);
        masks.start();
        encoder.setJsonGeneratorDecorator(masks);
        encoder.start();
        appender.setEncoder(encoder);
        appender.start();
        root.addAppender(appender);
        return Optional.of(file);
    }

    /** Flushes and closes the file log, if one was started. */
    public static void stop() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
            var previous = root.getAppender(APPENDER);
            if (previous != null) {
                root.detachAppender(previous);
                previous.stop();
            }
        }
    }
}
