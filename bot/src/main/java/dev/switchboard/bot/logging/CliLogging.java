package dev.switchboard.bot.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.StatusUtil;
import ch.qos.logback.core.util.StatusPrinter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.spi.LocationAwareLogger;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * SLF4J for the short CLI calls ({@code send}, {@code status} …), chosen by the launcher with
 * {@code -Dslf4j.provider}: logback, set up as {@link ConsoleLogging} sets it up, but only when something is
 * logged at a level that {@link ConsoleLogging} shows ({@value ConsoleLogging#LEVEL_PROPERTY}, warnings and up
 * by default). Below that level an event is dropped without a word, as {@link ConsoleLogging}'s filter would
 * drop it; most calls log nothing at all and so never set logback up, which was about a tenth of a call
 * (reading every jar of the class path for service files, its own start-up).
 *
 * <p>Only for processes whose logging is {@link ConsoleLogging}'s, with no file: not for {@code run}, which
 * adds its log file to logback's context.
 */
public final class CliLogging implements SLF4JServiceProvider {
    private final LogbackMDCAdapter mdc = new LogbackMDCAdapter();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, n -> new Deferred(n, this));
    private int shownFrom;
    private volatile LoggerContext context;

    @Override
    public void initialize() {
        // The same reading of the property as ConsoleLogging's filter (an unknown name means DEBUG there too).
        shownFrom = Level.toLocationAwareLoggerInteger(
                Level.toLevel(System.getProperty(ConsoleLogging.LEVEL_PROPERTY, "WARN")));
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    /** Logback's own, handed to its context when it is made: events carry the MDC set before that too. */
    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99"; // as logback's provider: any 2.0.x
    }

    /** Whether logback has been set up (for the tests). */
    boolean started() {
        return context != null;
    }

    /** Logback's context, set up now if it was not yet. */
    LoggerContext context() {
        LoggerContext c = context;
        if (c == null) {
            synchronized (this) {
                c = context;
                if (c == null) {
                    c = start();
                    context = c;
                }
            }
        }
        return c;
    }

    /** What logback's own provider does at start, with this provider's MDC. */
    private LoggerContext start() {
        LoggerContext c = new LoggerContext();
        c.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
        c.setMDCAdapter(mdc);
        try {
            new ContextInitializer(c).autoConfig();
        } catch (JoranException e) {
            System.err.println("SLF4J: failed to set up logging: " + e.getMessage());
        }
        if (!StatusUtil.contextHasStatusListener(c)) {
            StatusPrinter.printInCaseOfErrorsOrWarnings(c);
        }
        c.start();
        return c;
    }

    /** A logger that asks logback only about events that could be shown. */
    private static final class Deferred extends LegacyAbstractLogger {
        private final transient CliLogging owner;

        Deferred(String name, CliLogging owner) {
            this.name = name;
            this.owner = owner;
        }

        private boolean enabled(int level) {
            return level >= owner.shownFrom && target().isEnabledFor(Level.fromLocationAwareLoggerInteger(level));
        }

        private ch.qos.logback.classic.Logger target() {
            return owner.context().getLogger(name);
        }

        @Override
        public boolean isTraceEnabled() {
            return enabled(LocationAwareLogger.TRACE_INT);
        }

        @Override
        public boolean isDebugEnabled() {
            return enabled(LocationAwareLogger.DEBUG_INT);
        }

        @Override
        public boolean isInfoEnabled() {
            return enabled(LocationAwareLogger.INFO_INT);
        }

        @Override
        public boolean isWarnEnabled() {
            return enabled(LocationAwareLogger.WARN_INT);
        }

        @Override
        public boolean isErrorEnabled() {
            return enabled(LocationAwareLogger.ERROR_INT);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(
                org.slf4j.event.Level level, Marker marker, String message, Object[] args, Throwable thrown) {
            target().log(marker, Deferred.class.getName(), level.toInt(), message, args, thrown);
        }
    }
}
