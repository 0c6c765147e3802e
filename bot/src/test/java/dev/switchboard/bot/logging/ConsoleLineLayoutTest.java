package dev.switchboard.bot.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleLineLayoutTest {
    @Test
    void writesWhatTheConsolePatternWrites() {
        // GIVEN the pattern the console used to parse, and the layout that writes it out
        LoggerContext context = new LoggerContext();
        PatternLayout pattern = new PatternLayout();
        pattern.setContext(context);
        pattern.setPattern(ConsoleLogging.PATTERN);
        pattern.start();
        ConsoleLineLayout layout = new ConsoleLineLayout();
        layout.setContext(context);
        layout.start();

        List<String> loggers = List.of(
                "dev.switchboard.bot.cli.CommandSetBridge",
                "dev.switchboard.bot.Main",
                "x",
                "org.sqlite.core.NativeDB",
                "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.VeryLongClassNameIndeed",
                "");
        List<Map<String, String>> mdcs = List.of(
                Map.of(),
                Map.of("message_id", "01a2-3b"),
                Map.of("message_id", ""),
                Map.of("agent", "Agent-1", "correlation_id", "c"));
        for (String name : loggers) {
            for (Level level : List.of(Level.ERROR, Level.WARN, Level.INFO, Level.DEBUG, Level.TRACE)) {
                for (Map<String, String> mdc : mdcs) {
                    // WHEN both lay out the same event (with arguments, a line break, a stack trace)
                    LoggingEvent event = new LoggingEvent(
                            getClass().getName(),
                            context.getLogger(name),
                            level,
                            "could not {} in {}: é\nsecond line",
                            new IllegalStateException("boom"),
                            new Object[] {"remove", "/tmp/x"});
                    event.setMDCPropertyMap(mdc);

                    // THEN the lines are the same
                    assertEquals(pattern.doLayout(event), layout.doLayout(event), name + " " + level + " " + mdc);
                }
            }
        }
    }
}
