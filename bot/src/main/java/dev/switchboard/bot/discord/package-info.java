/**
 * The Discord front-end on JDA: {@code !msg} and other prefix commands in allowed channels, guild slash
 * commands derived from the command set's picocli definitions, reactions and edited replies that follow each
 * queued message on the event bus, and a status channel for dead letters and paused agents.
 *
 * <p>Logic without JDA types ({@link dev.switchboard.bot.discord.DiscordAccess},
 * {@link dev.switchboard.bot.discord.RequestFlows} (rendering what the shared request tracker reports),
 * {@link dev.switchboard.bot.discord.MessageSplitter}, {@link dev.switchboard.bot.discord.ReplyRenderer},
 * {@link dev.switchboard.bot.discord.SlashCommandDefs}) is separate from the thin JDA adapters
 * ({@code DiscordListener}, {@code JdaViews}, {@code ReactionChain}, {@code SlashCommandsJda}).
 */
package dev.switchboard.bot.discord;
