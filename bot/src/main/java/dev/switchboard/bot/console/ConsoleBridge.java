package dev.switchboard.bot.console;

import dev.switchboard.bot.Bridge;
import dev.switchboard.commands.Caller;
import dev.switchboard.commands.CommandSet;
import dev.switchboard.commands.Reply;
import dev.switchboard.commands.answers.AnswerBoard;
import dev.switchboard.commands.answers.AnswerSink;
import dev.switchboard.core.answers.Answer;
import dev.switchboard.core.answers.Destination;
import dev.switchboard.core.events.EventBus;
import dev.switchboard.core.events.StatusEvent;
import dev.switchboard.core.message.MessageIds;
import dev.switchboard.core.message.MessageState;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.queue.MessageQueue;
import dev.switchboard.core.snapshot.Attachment;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Interactive chat on the terminal: each command is a line ({@code !msg Agent-2 please rebase}; the {@code !}
 * is optional). Every message's state changes are printed as they happen, from the console, the CLI, chat or
 * the agents (or only the console's own, {@link Events#OWN}). End of input calls {@code onEnd} (the app
 * stops); a reader thread that dies for any other reason calls {@code onFailure} instead, so the service
 * never reports a clean stop for it. Agents' answers to questions asked here, and those for the status
 * channel, are shown too ({@link #showingAnswers}).
 */
public final class ConsoleBridge implements Bridge {
    /** Which state changes the console shows. */
    public enum Events {
        ALL,
        OWN;

        public static Events parse(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    private final CommandSet commands;
    private final EventBus bus;
    private final ConsoleIo io;
    private final Events shown;
    private final Runnable onEnd;
    private final Consumer<Throwable> onFailure;
    private final Caller caller = Caller.local(Platform.CONSOLE);
    /** Guards {@link #commandRunning} and {@link #held}; held only for printing, never while a command runs. */
    private final Object output = new Object();

    private boolean commandRunning;
    private final List<String> held = new ArrayList<>();
    private AnswerBoard answers = AnswerBoard.NONE;
    private final List<AutoCloseable> registrations = new ArrayList<>();
    private AutoCloseable subscription;
    private Thread reader;

    /**
     * How long the end of piped input waits for the messages it sent to settle (delivered, failed, dead ...),
     * so that a script sees their outcome before the service stops.
     */
    static final Duration SETTLE_AT_END = Duration.ofSeconds(10);

    /** Ids of messages sent from piped input whose outcome is still to come; guarded by {@link #output}. */
    private final Set<String> awaited = new HashSet<>();

    /**
     * States seen while a command runs, of messages it may have just queued (its reply, which names them, comes
     * after); guarded by {@link #output}.
     */
    private final Map<String, MessageState> seenWhileRunning = new HashMap<>();

    public ConsoleBridge(
            CommandSet commands,
            EventBus bus,
            ConsoleIo io,
            Events shown,
            Runnable onEnd,
            Consumer<Throwable> onFailure) {
        this.commands = commands;
        this.bus = bus;
        this.io = io;
        this.shown = shown;
        this.onEnd = onEnd;
        this.onFailure = onFailure;
    }

    /** Shows agents' answers to questions asked here, and those for the status channel. Call before start. */
    public ConsoleBridge showingAnswers(AnswerBoard board) {
        this.answers = board;
        return this;
    }

    @Override
    public String name() {
        return "console";
    }

    @Override
    public void start() {
        subscription = bus.subscribe(this::onEvent);
        AnswerSink sink = new AnswerSink() {
            @Override
            public String name() {
                return "console";
            }

            @Override
            public CompletableFuture<Void> post(Answer answer) {
                printAnswer(answer);
                return CompletableFuture.completedFuture(null);
            }
        };
        registrations.add(answers.register(Destination.CONSOLE, sink));
        registrations.add(answers.register(Destination.STATUS, sink));
        reader = new Thread(this::readLoop, "console");
        reader.setDaemon(true);
        reader.start();
    }

    /** Runs on the event pump's thread (shared by every platform): it must never wait for a command. */
    void onEvent(StatusEvent e) {
        Platform from = e.origin() == null ? null : e.origin().platform();
        if (shown == Events.OWN && from != Platform.CONSOLE) {
            return;
        }
        String line = "  #" + MessageIds.shortForm(e.messageId()) + " " + e.agent() + ": " + e.describe()
                + (from == null || from == Platform.CONSOLE
                        ? ""
                        : " · from " + from.name().toLowerCase(Locale.ROOT));
        synchronized (output) {
            if (awaited.contains(e.messageId())) {
                if (!onTheWay(e.to())) {
                    awaited.remove(e.messageId()); // its outcome is printed: nothing more to wait for at the end
                }
            } else if (commandRunning) {
                seenWhileRunning.put(e.messageId(), e.to());
            }
            if (commandRunning) {
                // Printed right after the running command's reply, so a message's id comes before its states.
                held.add(line);
                return;
            }
            io.print(line);
        }
    }

    /** "💬 Agent-2 answered #2af0:" and the text, indented; a notice on one line. */
    private void printAnswer(Answer a) {
        String text = a.kind() == Answer.Kind.NOTICE
                ? "ℹ️ " + a.body()
                : "💬 " + a.agent() + " answered"
                        + (a.replyTo() == null ? "" : " #" + MessageIds.shortForm(a.replyTo())) + ":\n  "
                        + a.body().strip().replace("\n", "\n  ");
        synchronized (output) {
            if (commandRunning) {
                held.add(text);
                return;
            }
            io.print(text);
        }
    }

    private void readLoop() {
        try {
            for (ConsoleLines.Command c; (c = io.read()) != null; ) {
                if (c.refusal() != null) {
                    io.print("error: " + c.refusal());
                } else if (!handle(c.text())) {
                    break;
                }
            }
            if (!io.interactive()) {
                awaitSentSettled(SETTLE_AT_END);
            }
        } catch (IOException e) {
            io.print("console input failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            onFailure.accept(e);
            return;
        }
        onEnd.run();
    }

    /**
     * At the end of piped input: waits (bounded) until every message sent from here that is due now has left
     * queued and delivering, so its outcome is printed before the service stops; says how many are still on
     * their way otherwise (the queue keeps them). Messages scheduled for later are not waited for.
     */
    void awaitSentSettled(Duration bound) throws InterruptedException {
        MessageQueue queue =
                commands.services() == null ? null : commands.services().queue();
        Instant dueBy = Instant.now().plus(bound);
        if (queue != null) {
            List<String> ids;
            synchronized (output) {
                ids = List.copyOf(awaited);
            }
            List<String> later = ids.stream()
                    .filter(id -> queue.find(id)
                            .map(q -> q.message().notBefore().isAfter(dueBy))
                            .orElse(true))
                    .toList();
            synchronized (output) {
                later.forEach(awaited::remove);
            }
        }
        long deadline = System.nanoTime() + bound.toNanos();
        while (unsettled() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long left = unsettled();
        if (left > 0) {
            synchronized (output) {
                io.print(left + (left == 1 ? " message is" : " messages are") + " still on the way after "
                        + bound.toSeconds() + " s; the queue keeps "
                        + (left == 1 ? "it" : "them") + " and delivers at the next start");
            }
        }
    }

    private long unsettled() {
        synchronized (output) {
            return awaited.size();
        }
    }

    /** Queued or being delivered: its outcome is still to come. */
    private static boolean onTheWay(MessageState state) {
        return state == MessageState.QUEUED || state == MessageState.DELIVERING;
    }

    /** Runs one command; false when it asked to quit. */
    boolean handle(String line) {
        String trimmed = line.stripLeading();
        if (trimmed.isEmpty()) {
            return true;
        }
        if (trimmed.startsWith("!") || trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        if (trimmed.equals("quit") || trimmed.equals("exit")) {
            return false;
        }
        synchronized (output) {
            commandRunning = true;
        }
        Reply reply = null;
        try {
            reply = commands.executeChat(trimmed, caller);
        } finally {
            synchronized (output) {
                if (reply != null && !io.interactive()) {
                    for (String id : reply.messageIds()) {
                        if (onTheWay(seenWhileRunning.getOrDefault(id, MessageState.QUEUED))) {
                            awaited.add(id);
                        }
                    }
                }
                seenWhileRunning.clear();
                if (reply != null) {
                    io.print(render(reply));
                    if (commands.services() != null) { // (stand-in command sets in tests have none)
                        SavedPictures.save(
                                        reply,
                                        commands.services().config().get().dataDir(),
                                        Clock.systemUTC())
                                .forEach(io::print);
                    }
                }
                held.forEach(io::print);
                held.clear();
                commandRunning = false;
            }
        }
        return true;
    }

    public static String render(Reply reply) {
        String mark = switch (reply.status()) {
            case OK -> "";
            case ERROR -> "error: ";
            case DENIED -> "denied: ";
            case USAGE -> "usage error: ";
        };
        StringBuilder b = new StringBuilder(mark).append(reply.title());
        for (String l : reply.lines()) {
            b.append("\n  ").append(l.replace("\n", "\n  "));
        }
        for (Attachment a : reply.attachments()) {
            if (a.isText()) {
                b.append("\n── ")
                        .append(a.fileName())
                        .append(" ──\n")
                        .append(a.text().stripTrailing());
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        for (AutoCloseable r : registrations) {
            try {
                r.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        io.close();
    }
}
