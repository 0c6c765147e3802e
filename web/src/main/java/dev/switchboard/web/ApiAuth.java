package dev.switchboard.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Who may do what over HTTP. Writes need {@code Authorization: Bearer <SWITCHBOARD_API_TOKEN>}; with no token
 * configured every write is refused. When the server listens on more than the loopback interface, reads need
 * the token too. Tokens are compared in constant time (of their SHA-256 digests, so not even the length leaks)
 * and never logged or echoed.
 */
public final class ApiAuth {
    /** What a request was found to be allowed. */
    public enum Verdict {
        ALLOWED,
        NO_TOKEN_CONFIGURED,
        MISSING,
        WRONG
    }

    private final byte[] tokenDigest;
    private final boolean readsNeedToken;

    public ApiAuth(Optional<String> token, boolean readsNeedToken) {
        this.tokenDigest = token.map(ApiAuth::digest).orElse(null);
        this.readsNeedToken = readsNeedToken;
    }

    /** Reads need the token when the server listens beyond loopback. */
    public static ApiAuth forHost(String host, Optional<String> token) {
        return new ApiAuth(token, !isLoopback(host));
    }

    /**
     * Refuses to serve beyond loopback without a token: the queue's contents would be open to the network.
     *
     * @throws IllegalStateException with the sentence {@code run} prints
     */
    public static void checkCanServe(String host, Optional<String> token) {
        if (!isLoopback(host) && token.isEmpty()) {
            throw new IllegalStateException("web.host " + host + " is reachable from other machines: set "
                    + "SWITCHBOARD_API_TOKEN (every request will need it), or use web.host: 127.0.0.1");
        }
    }

    public static boolean isLoopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host.replaceAll("^\\[|]$", ""))) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public boolean readsNeedToken() {
        return readsNeedToken;
    }

    public boolean writesEnabled() {
        return tokenDigest != null;
    }

    public Verdict check(String authorizationHeader) {
        if (tokenDigest == null) {
            return Verdict.NO_TOKEN_CONFIGURED;
        }
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Verdict.MISSING;
        }
        byte[] given = digest(authorizationHeader.substring(7).trim());
        return MessageDigest.isEqual(tokenDigest, given) ? Verdict.ALLOWED : Verdict.WRONG;
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
