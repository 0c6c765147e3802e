package dev.switchboard.bot.discord;

import dev.switchboard.commands.Caller;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Sender;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.ISnowflake;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JDA events in, {@link RequestFlows} out. Runs on JDA's gateway thread, so it only filters, acknowledges
 * interactions (Discord allows 3 s) and hands the command to the bridge's executor.
 */
final class DiscordListener extends ListenerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(DiscordListener.class);
    private static final int MAX_CHOICES = 25;
    private static final ReplyRenderer.Rendered INTERNAL_ERROR = new ReplyRenderer.Rendered(
            null, List.of("❌ internal error; nothing more is known here — the Switchboard log has the details"));

    private final ChatFilter filter;
    private final DiscordAccess access;
    private final RequestFlows flows;
    private final ChatCommands commands;
    private final Map<String, SlashCommandDef> slashCommands = new LinkedHashMap<>();
    private final Executor executor;

    DiscordListener(
            ChatFilter filter,
            DiscordAccess access,
            RequestFlows flows,
            ChatCommands commands,
            List<SlashCommandDef> slashCommands,
            Executor executor) {
        this.filter = filter;
        this.access = access;
        this.flows = flows;
        this.commands = commands;
        slashCommands.forEach(d -> this.slashCommands.put(d.name(), d));
        this.executor = executor;
    }

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        if (!event.isFromGuild() || event.isWebhookMessage() || event.getMember() == null) {
            return;
        }
        MessageChannel channel = event.getChannel();
        String channelId = channelIdOf(channel);
        Optional<String> line = filter.commandLine(
                event.getGuild().getId(),
                channelId,
                event.getAuthor().isBot() || event.getAuthor().isSystem(),
                event.getMessage().getContentRaw());
        if (line.isEmpty()) {
            return;
        }
        Origin origin = new Origin(
                Platform.DISCORD,
                event.getGuild().getId(),
                channelId,
                event.getMessageId(),
                channel instanceof ThreadChannel ? channel.getId() : null);
        Caller caller = callerOf(event.getMember(), origin);
        RequestFlows.ChatView view = JdaViews.chat(channel, event.getMessageIdLong());
        executor.execute(() -> guarded(() -> flows.chat(line.get(), caller, view), () -> {
            view.react(StatusEmoji.FAILED);
            view.reply(INTERNAL_ERROR);
        }));
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        SlashCommandDef def = slashCommands.get(event.getName());
        if (def == null || event.getGuild() == null || event.getMember() == null) {
            event.reply("This command is not available here.")
                    .setEphemeral(true)
                    .queue();
            return;
        }
        String channelId = channelIdOf(event.getChannel());
        if (!filter.allows(event.getGuild().getId(), channelId)) {
            String where = filter.allowedChannels();
            event.reply(
                            where.isEmpty()
                                    ? "Switchboard is not set up for this server."
                                    : "Switchboard takes commands in " + where + ".")
                    .setEphemeral(true)
                    .queue();
            return;
        }
        // help lists what this member may run: for their eyes only
        event.deferReply(def.name().equals("help"))
                .queue(null, e -> LOG.warn("could not acknowledge /{}: {}", def.name(), e.toString()));
        Map<String, String> values = new LinkedHashMap<>();
        for (OptionMapping o : event.getOptions()) {
            values.put(o.getName(), o.getAsString());
        }
        Origin origin = new Origin(
                Platform.DISCORD,
                event.getGuild().getId(),
                channelId,
                null,
                event.getChannel() instanceof ThreadChannel t ? t.getId() : null);
        Caller caller = callerOf(event.getMember(), origin);
        RequestFlows.SlashView view = JdaViews.slash(event.getHook());
        String subcommand = event.getSubcommandName();
        executor.execute(() -> guarded(
                () -> flows.slash(SlashCommandDefs.toArgs(def, subcommand, values), caller, view),
                () -> view.show(INTERNAL_ERROR)));
    }

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
        if (!event.getFocusedOption().getName().equals(SlashCommandDefs.AGENT)) {
            event.replyChoices().queue();
            return;
        }
        List<String> names = commands.completeAgent(event.getFocusedOption().getValue()).stream()
                .limit(MAX_CHOICES)
                .toList();
        event.replyChoiceStrings(names)
                .queue(null, e -> LOG.debug("autocomplete answer not delivered: {}", e.toString()));
    }

    /** A bug must not go unanswered in chat nor kill the command thread; the log gets the stack trace. */
    private static void guarded(Runnable task, Runnable onFailure) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("Discord command failed", e);
            try {
                onFailure.run();
            } catch (RuntimeException again) {
                LOG.warn("could not report the failure in Discord: {}", again.toString());
            }
        }
    }

    private Caller callerOf(Member member, Origin origin) {
        List<String> roleIds = member.getRoles().stream().map(ISnowflake::getId).toList();
        var role = access.roleOf(member.getId(), roleIds, member.hasPermission(Permission.ADMINISTRATOR));
        return new Caller(new Sender(Platform.DISCORD, member.getId(), member.getEffectiveName(), role), origin);
    }

    /** Threads count as their parent channel for the channel allowlist. */
    private static String channelIdOf(Object channel) {
        if (channel instanceof ThreadChannel thread) {
            return thread.getParentChannel().getId();
        }
        return ((ISnowflake) channel).getId();
    }
}
