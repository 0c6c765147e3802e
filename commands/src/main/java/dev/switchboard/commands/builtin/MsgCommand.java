package dev.switchboard.commands.builtin;

import dev.switchboard.commands.CommandContext;
import dev.switchboard.commands.Reply;
import dev.switchboard.commands.SwitchboardCommand;
import dev.switchboard.core.message.MessageIds;
import dev.switchboard.core.message.MessageType;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Recipient;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.message.UnifiedMessage;
import dev.switchboard.core.queue.QueuedMessage;
import dev.switchboard.core.queue.Schedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "msg", aliases = "send", description = "Send text to one agent (by name or alias, any case).")
public final class MsgCommand extends BaseCommand implements SwitchboardCommand.TakesText {
    @Option(
            names = {"-p", "--priority"},
            paramLabel = "<priority>",
            description = "urgent, high, normal (default) or low.")
    Priority priority = Priority.NORMAL;

    @Option(names = "--in", paramLabel = "<duration>", description = "Deliver later: after 10m, 2h, 1h30m, 1d …")
    String in;

    @Option(
            names = "--at",
            paramLabel = "<time>",
            description = "Deliver at a local time: 14:30 (today, or tomorrow once past) or 2026-12-01T14:30.")
    String at;

    @Option(
            names = "--every",
            paramLabel = "<duration>",
            description = "Send again every 1h, 30m, 1d … (at least 1m); the first at --in/--at, else one period"
                    + " from now. Cancel with queue cancel <schedule id>.")
    String every;

    @Parameters(index = "0", paramLabel = "<agent>", description = "Agent id or alias, e.g. Agent-2.")
    String agent;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "<text>", description = "The message, exactly as typed.")
    List<String> text;

    @Override
    public Role requiredRole() {
        return Role.OPERATOR;
    }

    @Override
    public int positionalsBeforeText() {
        return 1;
    }

    @Override
    public Reply run(CommandContext ctx) {
        Clock clock = ctx.services().clock();
        if (in != null && at != null) {
            throw new IllegalArgumentException("give --in or --at, not both");
        }
        Duration period = every == null ? null : When.duration("--every", every);
        Instant when = in != null
                ? clock.instant().plus(When.duration("--in", in))
                : at != null ? When.at(at, clock).toInstant() : null;
        String body = String.join(" ", text);
        if (period != null) {
            return repeat(
                    ctx, body, period, when != null ? when : clock.instant().plus(period));
        }
        if (when == null) {
            return Queued.submit(ctx, Recipient.agent(agent), MessageType.TEXT, priority, body);
        }
        List<QueuedMessage> queued = ctx.services().router().submit(message(ctx, body, when));
        Reply r = Queued.reply(ctx, queued);
        QueuedMessage q = queued.get(0);
        return new Reply(
                r.status(),
                "scheduled " + Formats.shortId(q.id()) + " for " + q.agent() + " at " + When.describe(when, clock)
                        + " (id " + q.id() + ")",
                r.lines(),
                r.messageIds());
    }

    private Reply repeat(CommandContext ctx, String body, Duration period, Instant first) {
        UnifiedMessage template =
                ctx.services().router().check(message(ctx, body, null)).get(0);
        Schedule s = ctx.services()
                .queue()
                .schedules()
                .add(template, period, first, ctx.caller().sender().describe());
        String shortId = Formats.shortId(s.id());
        return Reply.ok(
                "scheduled " + shortId + " for " + s.agent() + " every " + Schedule.describe(period) + ", first at "
                        + When.describe(first, ctx.services().clock()),
                List.of("stop it with: queue cancel " + shortId));
    }

    private UnifiedMessage message(CommandContext ctx, String body, Instant notBefore) {
        String id = MessageIds.newId();
        Instant now = ctx.services().clock().instant();
        return new UnifiedMessage(
                id,
                id,
                ctx.caller().sender(),
                Recipient.agent(agent),
                MessageType.TEXT,
                priority,
                body,
                null,
                null,
                ctx.caller().origin(),
                now,
                notBefore);
    }
}
