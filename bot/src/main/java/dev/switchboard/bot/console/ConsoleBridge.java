package dev.switchboard.bot.console;

import dev.switchboard.bot.Bridge;
import dev.switchboard.commands.Caller;
import dev.switchboard.commands.CommandSet;
import dev.switchboard.commands.Reply;
import dev.switchboard.core.events.EventBus;
import dev.switchboard.core.events.StatusEvent;
import dev.switchboard.core.message.MessageIds;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.snapshot.Attachment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;

/**
 * Interactive chat on the terminal: each line is a command ({@code !msg Agent-2 please rebase}; the
 * {@code !} is optional), a line ending in {@code \} continues on the next one. Status of messages sent from
 * here is printed as it changes. End of input calls {@code onEnd} (the app stops).
 */
public final class ConsoleBridge implements Bridge {
    private final CommandSet commands;
    private final EventBus bus;
    private final BufferedReader in;
    private final PrintWriter out;
    private final boolean interactive;
    private final Runnable onEnd;
    private final Caller caller = Caller.local(Platform.CONSOLE);
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

    @Override
    public String name() {
        return "console";
    }

    @Override
    public void start() {
        subscription = bus.subscribe(this::onEvent);
        reader = new Thread(this::readLoop, "console");
        reader.setDaemon(true);
        reader.start();
    }

    private void onEvent(StatusEvent e) {
        if (e.origin() == null || e.origin().platform() != Platform.CONSOLE) {
            return;
        }
        synchronized (out) {
            out.println("  #" + MessageIds.shortForm(e.messageId()) + " " + e.agent() + ": " + e.describe());
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
        // Holding the output while the command runs keeps its reply (with the id) ahead of the status lines
        // of the message it queued, which the event pump may publish before the command returns.
        synchronized (out) {
            Reply reply = commands.executeChat(trimmed, caller);
            out.println(render(reply));
            SavedPictures.save(reply, commands.services().config().get().dataDir(), Clock.systemUTC())
                    .forEach(out::println);
            out.flush();
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
        for (Attachment a : reply.attachments()) {
            if (a.isText()) {
                b.append("\n── ").append(a.fileName()).append(" ──\n").append(a.text().stripTrailing());
            }
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
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
