package dev.switchboard.bot.twitch.fake;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A local Twitch chat (IRC over WebSocket) on 127.0.0.1, enough of it for the real twitch4j client: CAP
 * REQ/ACK, PASS, NICK with the welcome numerics, JOIN answered with USERSTATE and ROOMSTATE, PING/PONG,
 * PRIVMSG from the client recorded with its tags, and for the tests: chat lines with tags, RECONNECT and
 * dropping the socket. One test, one instance; every wait is bounded.
 */
public final class FakeTwitchChat extends WebSocketServer implements AutoCloseable {
    private final CountDownLatch started = new CountDownLatch(1);
    private final List<SentPrivmsg> sent = new ArrayList<>();
    private final List<String> received = new ArrayList<>();
    private final Set<String> joined = ConcurrentHashMap.newKeySet();
    private final Map<WebSocket, String> nicks = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger pongs = new AtomicInteger();
    private volatile WebSocket current;
    private volatile String lastPass;
    private volatile String lastNick;
    private volatile boolean acknowledgeMessages = true;
    private volatile long stallNextPrivmsgMillis;

    public FakeTwitchChat() {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
    }

    /** Starts and waits until the port is bound. */
    public FakeTwitchChat begin() throws InterruptedException {
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("fake Twitch chat did not start");
        }
        return this;
    }

    public String url() {
        return "ws://127.0.0.1:" + getPort();
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        current = conn;
        connections.incrementAndGet();
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        nicks.remove(conn);
        if (conn == current) {
            joined.clear();
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        // A client going away mid-frame is part of the reconnect tests; nothing to do.
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        for (String line : message.split("\r\n")) {
            if (!line.isEmpty()) {
                handle(conn, line);
            }
        }
    }

    private void handle(WebSocket conn, String line) {
        synchronized (this) {
            received.add(line);
            notifyAll();
        }
        IrcLine irc = IrcLine.parse(line);
        String nick = nicks.getOrDefault(conn, "justinfan");
        switch (irc.command()) {
            case "CAP" -> {
                if (irc.params().size() >= 2 && irc.params().get(0).equals("REQ")) {
                    conn.send(":tmi.twitch.tv CAP * ACK :" + irc.params().get(1));
                }
            }
            case "PASS" ->
                lastPass = irc.params().isEmpty() ? null : irc.params().get(0);
            case "NICK" -> {
                nick = irc.params().get(0);
                nicks.put(conn, nick);
                lastNick = nick;
                for (String n : List.of(
                        "001 " + nick + " :Welcome, GLHF!",
                        "002 " + nick + " :Your host is tmi.twitch.tv",
                        "003 " + nick + " :This server is rather new",
                        "004 " + nick + " :-",
                        "375 " + nick + " :-",
                        "372 " + nick + " :You are in a maze of twisty passages, all alike.",
                        "376 " + nick + " :>")) {
                    conn.send(":tmi.twitch.tv " + n);
                }
            }
            case "JOIN" -> {
                for (String channel : irc.params().get(0).split(",")) {
                    String name = channel.startsWith("#") ? channel.substring(1) : channel;
                    conn.send(":" + nick + "!" + nick + "@" + nick + ".tmi.twitch.tv JOIN #" + name);
                    conn.send(userState(nick, name));
                    conn.send("@emote-only=0;followers-only=-1;r9k=0;room-id=" + roomId(name) + ";slow=0;subs-only=0 "
                            + ":tmi.twitch.tv ROOMSTATE #" + name);
                    synchronized (this) {
                        joined.add(name);
                        notifyAll();
                    }
                }
            }
            case "PING" ->
                conn.send("PONG :"
                        + (irc.params().isEmpty()
                                ? "tmi.twitch.tv"
                                : irc.params().get(0)));
            case "PONG" -> {
                pongs.incrementAndGet();
                synchronized (this) {
                    notifyAll();
                }
            }
            case "PRIVMSG" -> {
                long stall = stallNextPrivmsgMillis;
                if (stall > 0) {
                    // Network latency on this one line: it (and what follows it on the socket) arrives late.
                    stallNextPrivmsgMillis = 0;
                    try {
                        Thread.sleep(stall);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                String channel = irc.params().get(0).substring(1);
                synchronized (this) {
                    sent.add(new SentPrivmsg(
                            System.nanoTime(),
                            irc.tags(),
                            channel,
                            irc.params().size() > 1 ? irc.params().get(1) : ""));
                    notifyAll();
                }
                if (acknowledgeMessages) {
                    // As tmi does: every PRIVMSG is answered with the sender's USERSTATE in that channel.
                    conn.send(userState(nick, channel));
                }
            }
            default -> {
                // PART, other commands: accepted silently, as tmi does for most.
            }
        }
    }

    private static String userState(String nick, String channel) {
        return "@badge-info=;badges=;color=;display-name=" + nick + ";emote-sets=0;mod=0;subscriber=0;user-type= "
                + ":tmi.twitch.tv USERSTATE #" + channel;
    }

    /** Off: PRIVMSGs go unanswered, as when Twitch drops them silently. */
    /** The next PRIVMSG arrives {@code millis} late, as over a slow network (the next ones queue behind it). */
    public void stallNextPrivmsg(long millis) {
        stallNextPrivmsgMillis = millis;
    }

    public void acknowledgeMessages(boolean on) {
        acknowledgeMessages = on;
    }

    static String roomId(String channel) {
        return Integer.toString(Math.abs(channel.hashCode() % 1_000_000) + 1);
    }

    /** Sends a raw line to the connected client (for malformed and hostile input). */
    public void raw(String line) {
        WebSocket conn = current;
        if (conn == null || !conn.isOpen()) {
            throw new IllegalStateException("no client connected");
        }
        conn.send(line);
    }

    /** A viewer's (or moderator's) chat line, tagged as tmi tags it. */
    public void chat(ChatUser user, String channel, String messageId, String text) {
        raw(user.tags(channel, messageId) + " :" + user.login() + "!" + user.login() + "@" + user.login()
                + ".tmi.twitch.tv PRIVMSG #" + channel + " :" + text);
    }

    /** A chat line sent with Twitch's reply button: reply tags, and the text starting with the mention. */
    public void reply(
            ChatUser user, String channel, String messageId, String text, String parentMessageId, String parentLogin) {
        raw(user.tags(channel, messageId) + ";reply-parent-msg-id=" + parentMessageId + ";reply-parent-user-login="
                + parentLogin + ";reply-parent-display-name=" + parentLogin + ";reply-parent-user-id=1"
                + ";reply-parent-msg-body=earlier :" + user.login() + "!" + user.login() + "@" + user.login()
                + ".tmi.twitch.tv PRIVMSG #" + channel + " :@" + parentLogin + " " + text);
    }

    /** Asks the client to reconnect, as Twitch does before a server restart. */
    public void sendReconnect() {
        raw(":tmi.twitch.tv RECONNECT");
    }

    /** Kills the connection without a close handshake. */
    public void dropConnection() {
        WebSocket conn = current;
        if (conn != null) {
            conn.closeConnection(1006, "dropped by test");
        }
    }

    public void ping() {
        raw("PING :tmi.twitch.tv");
    }

    public int connections() {
        return connections.get();
    }

    public int pongs() {
        return pongs.get();
    }

    public String lastPass() {
        return lastPass;
    }

    /** The login the client gave (NICK). */
    public String lastNick() {
        return lastNick;
    }

    public synchronized List<SentPrivmsg> sent() {
        return List.copyOf(sent);
    }

    public synchronized List<String> received() {
        return List.copyOf(received);
    }

    /** Waits until the client has joined {@code channel} (USERSTATE/ROOMSTATE sent) on the current socket. */
    public synchronized void awaitJoined(String channel, Duration timeout) throws InterruptedException {
        awaitCondition(() -> joined.contains(channel), timeout, "client joined #" + channel);
    }

    /** Waits until {@code count} PRIVMSGs matching {@code filter} were sent by the client; returns them. */
    public synchronized List<SentPrivmsg> awaitSent(Predicate<SentPrivmsg> filter, int count, Duration timeout)
            throws InterruptedException {
        awaitCondition(
                () -> sent.stream().filter(filter).count() >= count,
                timeout,
                count + " matching PRIVMSG(s); got " + sent);
        return sent.stream().filter(filter).toList();
    }

    public synchronized void awaitCondition(java.util.function.BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop(2000);
    }
}
