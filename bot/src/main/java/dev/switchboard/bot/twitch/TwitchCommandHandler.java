package dev.switchboard.bot.twitch;

import dev.switchboard.commands.Caller;
import dev.switchboard.commands.Reply;
import dev.switchboard.core.message.Origin;
import dev.switchboard.core.message.Platform;
import dev.switchboard.core.message.Role;
import dev.switchboard.core.message.Sender;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the bot does with one chat line: {@code !quote} here, every other known command through the shared
 * command set, anything else ignored (other bots' commands, chatter). Viewers are held to a per-user cooldown
 * and get an answer only while the send budget has room; operators' commands always run and are always
 * answered. The answer is a reply to the chat message; the status of what it queued follows as replies too.
 */
final class TwitchCommandHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TwitchCommandHandler.class);
    static final String PREFIX = "!";
    static final String QUOTE = "quote";

    private final ChatCommands commands;
    private final TwitchRoles roles;
    private final Cooldowns cooldowns;
    private final QuoteBook quotes;
    private final ChatOutbox outbox;
    private final StatusFollower follower;

    public TwitchCommandHandler(
            ChatCommands commands,
            TwitchRoles roles,
            Cooldowns cooldowns,
            QuoteBook quotes,
            ChatOutbox outbox,
            StatusFollower follower) {
        this.commands = commands;
        this.roles = roles;
        this.cooldowns = cooldowns;
        this.quotes = quotes;
        this.outbox = outbox;
        this.follower = follower;
    }

    /** Cheap test on the socket's thread: is this line for us at all? */
    public static boolean looksLikeCommand(String text) {
        return text != null
                && text.startsWith(PREFIX)
                && text.length() > PREFIX.length()
                && !Character.isWhitespace(text.charAt(PREFIX.length()));
    }

    public void handle(IncomingChat chat) {
        String text = ChatText.withoutDuplicateBypass(chat.text());
        if (!looksLikeCommand(text)) {
            return;
        }
        String line = text.substring(PREFIX.length());
        String name = firstWord(line).toLowerCase(Locale.ROOT);
        boolean quote = name.equals(QUOTE);
        if (!quote && !commands.isCommand(name)) {
            return;
        }
        Role role = roles.resolve(chat);
        boolean operator = role.atLeast(Role.OPERATOR);
        if (!operator) {
            // Budget first: a viewer turned away because chat is busy keeps their cooldown.
            if (!outbox.hasRoomNow(1)) {
                LOG.debug("twitch: ignoring !{} from {}: send budget used up", name, chat.login());
                return;
            }
            if (!cooldowns.tryEnter(chat.userId())) {
                LOG.debug("twitch: ignoring !{} from {}: cooling down", name, chat.login());
                return;
            }
        }
        if (quote) {
            say(chat, ChatText.split("@" + chat.mention() + " " + quotes.next()), !operator);
            return;
        }
        Caller caller = new Caller(
                new Sender(Platform.TWITCH, chat.userId(), chat.displayName(), role),
                new Origin(Platform.TWITCH, null, chat.channel(), chat.messageId(), null));
        Reply reply = commands.executeChat(line, caller);
        // Answer first, then follow: lines already due for these ids are replayed after the answer.
        say(chat, ReplyText.render(chat.mention(), reply), !operator);
        StatusFollower.Target target = new StatusFollower.Target(chat.channel(), chat.messageId(), chat.mention());
        if (!reply.messageIds().isEmpty()) {
            follower.followBroadcast(reply.messageIds(), target);
        }
    }

    private void say(IncomingChat chat, List<String> parts, boolean optional) {
        for (String part : parts) {
            outbox.offer(new OutgoingChat(chat.channel(), part, chat.messageId(), optional));
        }
    }

    static String firstWord(String line) {
        int end = 0;
        while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
            end++;
        }
        return line.substring(0, end);
    }
}
