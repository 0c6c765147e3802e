package dev.switchboard.bot.console;

import dev.switchboard.bot.Bridge;
import dev.switchboard.commands.Caller;
import dev.switchboard.commands.CommandSet;
import dev.switchboard.commands.Reply;
import dev.switchboard.commands.answers.AnswerBoard;
import dev.switchboard.commands.answers.AnswerSink;
import dev.switchboard.core.answers.Answer;
import dev.switchboard.core.answers.Destination;
import dev.switchboard.commands.track.RequestTracker;
import dev.switchboard.core.events.EventBus;
import dev.switchboard.core.events.StatusEvent;
import dev.switchboard.core.message.MessageIds;
import dev.switchboard.core.message.Platform;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Interactive chat on the terminal: each line is a command ({@code !msg Agent-2 please rebase}; the
 * {@code !} is optional), a line ending in {@code \} continues on the next one. Status of messages sent from
 * here is printed as it changes (followed by the shared request tracker). End of input calls {@code onEnd} (the app stops).
 */
public final class ConsoleBridge implements Bridge {
    private final CommandSet commands;
    private final EventBus bus;
    private final BufferedReader in;
    private final PrintWriter out;
    private final boolean interactive;
    private final Runnable onEnd;
    private final Caller caller = Caller.local(Platform.CONSOLE);
    private final RequestTracker tracker = new RequestTracker(
            e -> e.origin() != null && e.origin().platform() == Platform.CONSOLE, 10_000);
    private AnswerBoard answers = AnswerBoard.NONE;
    private final List<AutoCloseable> registrations = new ArrayList<>();
    private AutoCloseable subscription;
    private Thread reader;

    public ConsoleBridge(CommandSet commands, EventBus bus, BufferedReader in, PrintWriter out, boolean interactive,
                         Runnable onEnd) {
        this.commands = commands;
        this.bus = bus;
        this.in = in;
        this.out = out;
        this.interactive = interactive;
        this.onEnd = onEnd;
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
        subscription = bus.subscribe(tracker);
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

    private void print(StatusEvent e) {
        synchronized (out) {
            out.println("  #" + MessageIds.shortForm(e.messageId()) + " " + e.agent() + ": " + e.describe());
            out.flush();
        }
    }

    /** "💬 Agent-2 answered #2af0:" and the text, indented; a notice on one line. */
    private void printAnswer(Answer a) {
        String text = a.kind() == Answer.Kind.NOTICE ? "ℹ️ " + a.body()
                : "💬 " + a.agent() + " answered" + (a.replyTo() == null ? "" : " #" + MessageIds.shortForm(a.replyTo()))
                + ":\n  " + a.body().strip().replace("\n", "\n  ");
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }

    private void readLoop() {
        try {
            prompt();
            StringBuilder pending = new StringBuilder();
            for (String line; (line = in.readLine()) != null; ) {
                if (line.endsWith("\\")) {
                    pending.append(line, 0, line.length() - 1).append('\n');
                    continue;
                }
                pending.append(line);
                String command = pending.toString();
                pending.setLength(0);
                handle(command);
                prompt();
            }
            if (!pending.isEmpty()) {
                // Input ended after a continuation line: the command is complete as far as it goes.
                handle(pending.toString().stripTrailing());
            }
        } catch (IOException e) {
            synchronized (out) {
                out.println("console input failed: " + e.getMessage());
            }
        } finally {
            onEnd.run();
        }
    }

    void handle(String line) {
        String trimmed = line.stripLeading();
        if (trimmed.isEmpty()) {
            return;
        }
        if (trimmed.startsWith("!") || trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        if (trimmed.equals("quit") || trimmed.equals("exit")) {
            onEnd.run();
            return;
        }
        // The tracker keeps the status lines of what the command queued until the reply (with the id) is printed,
        // even when the event pump publishes them before the command returns.
        Reply reply = commands.executeChat(trimmed, caller);
        synchronized (out) {
            out.println(render(reply));
            out.flush();
        }
        if (!reply.messageIds().isEmpty()) {
            tracker.track(reply.messageIds(), (progress, event) -> print(event));
        }
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
        return b.toString();
    }

    private void prompt() {
        if (interactive) {
            synchronized (out) {
                out.print("switchboard> ");
                out.flush();
            }
        }
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
    }
}
