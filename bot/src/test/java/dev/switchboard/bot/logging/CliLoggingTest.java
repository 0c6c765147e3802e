package dev.switchboard.bot.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class CliLoggingTest {
    @Test
    void eventsBelowTheShownLevelNeverSetUpLogback() {
        // GIVEN the CLI's provider with the default level (warnings and up are shown)
        CliLogging provider = started(null);
        Logger log = provider.getLoggerFactory().getLogger("dev.switchboard.x");

        // WHEN a call logs only below that level, and asks
        log.info("opened {}", "the queue");
        log.debug("details {} {}", 1, 2);
        boolean infoEnabled = log.isInfoEnabled();
        boolean debugEnabled = log.isDebugEnabled();

        // THEN nothing was enabled and logback was never set up
        assertFalse(infoEnabled);
        assertFalse(debugEnabled);
        assertFalse(provider.started());
    }

    @Test
    void aShownEventGoesToLogbackWithTheMdcSetBefore() {
        // GIVEN the CLI's provider, and a message id put in the MDC before logback exists
        CliLogging provider = started(null);
        Logger log = provider.getLoggerFactory().getLogger("dev.switchboard.y");
        provider.getMDCAdapter().put("message_id", "01a2-3b");
        log.info("not shown");
        assertFalse(provider.started());

        // WHEN a warning is logged (which sets logback up) and another one after it
        assertTrue(log.isWarnEnabled());
        assertTrue(provider.started());
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.setContext(provider.context());
        seen.start();
        provider.context().getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(seen);
        log.warn("could not {} in {}", "remove", "/tmp/x", new IllegalStateException("boom"));
        log.error("failed");

        // THEN logback got both, with their arguments, the exception and the MDC
        assertEquals(2, seen.list.size());
        ILoggingEvent warn = seen.list.get(0);
        assertEquals("could not remove in /tmp/x", warn.getFormattedMessage());
        assertEquals("dev.switchboard.y", warn.getLoggerName());
        assertEquals(ch.qos.logback.classic.Level.WARN, warn.getLevel());
        assertEquals("boom", warn.getThrowableProxy().getMessage());
        assertEquals(Map.of("message_id", "01a2-3b"), warn.getMDCPropertyMap());
        assertEquals(ch.qos.logback.classic.Level.ERROR, seen.list.get(1).getLevel());
        provider.getMDCAdapter().clear();
    }

    @Test
    void theShownLevelIsConsoleLoggingsProperty() {
        // GIVEN the level set to INFO, as a user does with -Dswitchboard.stderrLevel=INFO
        CliLogging provider = started("INFO");
        Logger log = provider.getLoggerFactory().getLogger("dev.switchboard.z");

        // WHEN / THEN debug stays below it, info is passed on to logback
        assertFalse(log.isDebugEnabled());
        assertFalse(provider.started());
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.setContext(provider.context());
        seen.start();
        ch.qos.logback.classic.Logger root = provider.context().getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(ch.qos.logback.classic.Level.INFO);
        root.addAppender(seen);
        log.info("shown");
        assertEquals(
                List.of("shown"),
                seen.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }

    private static CliLogging started(String level) {
        String before = System.getProperty(ConsoleLogging.LEVEL_PROPERTY);
        try {
            if (level == null) {
                System.clearProperty(ConsoleLogging.LEVEL_PROPERTY);
            } else {
                System.setProperty(ConsoleLogging.LEVEL_PROPERTY, level);
            }
            CliLogging provider = new CliLogging();
            provider.initialize();
            return provider;
        } finally {
            if (before == null) {
                System.clearProperty(ConsoleLogging.LEVEL_PROPERTY);
            } else {
                System.setProperty(ConsoleLogging.LEVEL_PROPERTY, before);
            }
        }
    }
}
