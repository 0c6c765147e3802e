package dev.switchboard.bot.discord.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discord's gateway protocol, one session: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeat → ACK, RESUME →
 * replay of missed dispatches + RESUMED. Every dispatch is kept with its sequence number, so events sent while
 * the client is disconnected reach it when it resumes, as on the real gateway.
 */
final class FakeGateway extends WebSocketServer {
    private static final Logger LOG = LoggerFactory.getLogger(FakeGateway.class);

    private final Supplier<ObjectNode> ready;
    private final Supplier<ObjectNode> guildCreate;
    private final Object lock = new Object();
    private final List<ObjectNode> dispatched = new ArrayList<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private final AtomicInteger identifies = new AtomicInteger();
    private final AtomicInteger resumes = new AtomicInteger();
    private WebSocket current;
    private boolean sessionLive;
    private String sessionId;

    FakeGateway(Supplier<ObjectNode> ready, Supplier<ObjectNode> guildCreate) {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.ready = ready;
        this.guildCreate = guildCreate;
        setReuseAddr(true);
        setConnectionLostTimeout(0);
    }

    void startAndWait() throws InterruptedException {
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("fake gateway did not start");
        }
    }

    String url() {
        return "ws://127.0.0.1:" + getPort() + "/";
    }

    int identifies() {
        return identifies.get();
    }

    int resumes() {
        return resumes.get();
    }

    /** Sends (or, while the client is away, keeps for its RESUME) one dispatch event. */
    void dispatch(String type, JsonNode data) {
        synchronized (lock) {
            ObjectNode frame = DiscordJson.object();
            frame.put("op", 0);
            frame.put("t", type);
            frame.put("s", dispatched.size() + 1);
            frame.set("d", data);
            dispatched.add(frame);
            if (sessionLive) {
                send(current, frame);
            }
        }
    }

    /** Closes the connection without a close handshake, as a network failure would. */
    void dropConnection() {
        synchronized (lock) {
            sessionLive = false;
            if (current != null) {
                current.closeConnection(CloseFrame.ABNORMAL_CLOSE, "fake network failure");
            }
        }
    }

    /** Op 7: asks the client to reconnect and resume, as Discord does during its maintenance. */
    void requestReconnect() {
        synchronized (lock) {
            if (current != null) {
                ObjectNode frame = DiscordJson.object();
                frame.put("op", 7);
                frame.putNull("d");
                send(current, frame);
            }
        }
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        synchronized (lock) {
            current = conn;
            sessionLive = false;
            ObjectNode hello = DiscordJson.object();
            hello.put("op", 10);
            hello.putObject("d").put("heartbeat_interval", 41250);
            send(conn, hello);
        }
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        JsonNode frame;
        try {
            frame = DiscordJson.MAPPER.readTree(message);
        } catch (JsonProcessingException e) {
            LOG.warn("fake gateway: unparsable frame", e);
            conn.close(4002, "decode error");
            return;
        }
        switch (frame.path("op").asInt(-1)) {
            case 1 -> heartbeatAck(conn);
            case 2 -> identify(conn);
            case 6 -> resume(conn, frame.path("d"));
            default -> LOG.debug("fake gateway: ignoring op {}", frame.path("op"));
        }
    }

    private void heartbeatAck(WebSocket conn) {
        ObjectNode ack = DiscordJson.object();
        ack.put("op", 11);
        send(conn, ack);
    }

    private void identify(WebSocket conn) {
        identifies.incrementAndGet();
        synchronized (lock) {
            dispatched.clear();
            sessionId = "fake-session-" + identifies.get();
            current = conn;
            sessionLive = true;
            ObjectNode readyData = ready.get();
            readyData.put("session_id", sessionId);
            readyData.put("resume_gateway_url", url());
            dispatch("READY", readyData);
            dispatch("GUILD_CREATE", guildCreate.get());
        }
    }

    private void resume(WebSocket conn, JsonNode d) {
        synchronized (lock) {
            if (!d.path("session_id").asText().equals(sessionId)) {
                ObjectNode invalid = DiscordJson.object();
                invalid.put("op", 9);
                invalid.put("d", false);
                send(conn, invalid);
                return;
            }
            resumes.incrementAndGet();
            current = conn;
            sessionLive = true;
            int after = d.path("seq").asInt(0);
            for (int i = after; i < dispatched.size(); i++) {
                send(conn, dispatched.get(i));
            }
            dispatch("RESUMED", DiscordJson.object());
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        synchronized (lock) {
            if (conn == current) {
                sessionLive = false;
            }
        }
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        LOG.debug("fake gateway: socket error", ex);
    }

    private static void send(WebSocket conn, ObjectNode frame) {
        if (conn != null && conn.isOpen()) {
            conn.send(frame.toString());
        }
    }
}
