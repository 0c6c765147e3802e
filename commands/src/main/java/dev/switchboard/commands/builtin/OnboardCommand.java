package dev.switchboard.commands.builtin;

import dev.switchboard.commands.CommandContext;
import dev.switchboard.commands.Reply;
import dev.switchboard.commands.SwitchboardCommand;
import dev.switchboard.commands.onboarding.OnboardingTemplates;
import dev.switchboard.config.AgentConfig;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.core.message.MessageType;
import dev.switchboard.core.message.Priority;
import dev.switchboard.core.message.Recipient;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.queue.QueueException;
import dev.switchboard.core.routing.RejectedException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "onboard",
        description = "Start an agent (or all, one after another) on a fresh chat with its"
                + " onboarding text, from its role's template.")
public final class OnboardCommand extends BaseCommand implements SwitchboardCommand.TakesText {
    static final String ALL = "all";

    @Option(
            names = "--role",
            paramLabel = "<role>",
            description =
                    "Template to use (<templates>/<role>.md; default: the agent's first tag with one, else default).")
    String role;

    @Parameters(index = "0", paramLabel = "<agent>", description = "Agent id or alias, or all.")
    String agent;

    @Parameters(
            index = "1..*",
            arity = "0..*",
            paramLabel = "<text>",
            description = "Onboarding text instead of the template.")
    List<String> text;

    @Override
    public Role requiredRole() {
        return Role.ADMIN;
    }

    @Override
    public int positionalsBeforeText() {
        return 1;
    }

    @Override
    public Reply run(CommandContext ctx) {
        SwitchboardConfig cfg = ctx.services().config().get();
        OnboardingTemplates templates = new OnboardingTemplates(cfg.onboarding().templates());
        if (!agent.toLowerCase(Locale.ROOT).equals(ALL)) {
            AgentConfig a = Formats.agent(ctx.services().agents(), agent);
            return Queued.submit(
                    ctx,
                    Recipient.agent(a.id()),
                    MessageType.ONBOARDING,
                    Priority.HIGH,
                    render(templates, cfg, a, ctx).text());
        }
        // One after another, each reported: one agent's problem (a broken template) does not stop the others.
        List<String> lines = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        int failed = 0;
        for (AgentConfig a : ctx.services().agents().all()) {
            try {
                OnboardingTemplates.Rendered rendered = render(templates, cfg, a, ctx);
                Reply r = Queued.submit(
                        ctx, Recipient.agent(a.id()), MessageType.ONBOARDING, Priority.HIGH, rendered.text());
                ids.addAll(r.messageIds());
                lines.add(Formats.shortId(r.messageIds().get(0)) + " → " + a.id() + " (" + rendered.role() + ")");
            } catch (IllegalArgumentException | RejectedException | QueueException e) {
                failed++;
                lines.add(a.id() + ": not onboarded: " + e.getMessage());
            }
        }
        String title = "onboarding " + ids.size() + " of "
                + ctx.services().agents().all().size() + " agents" + (failed > 0 ? " (" + failed + " failed)" : "");
        return new Reply(ids.isEmpty() ? Reply.Status.ERROR : Reply.Status.OK, title, lines, ids);
    }

    private OnboardingTemplates.Rendered render(
            OnboardingTemplates templates, SwitchboardConfig cfg, AgentConfig a, CommandContext ctx) {
        if (text != null && !text.isEmpty()) {
            return new OnboardingTemplates.Rendered("text given", String.join(" ", text), "command");
        }
        return templates.render(
                a, role, cfg.workspaceOf(a), LocalDate.now(ctx.services().clock()));
    }
}
