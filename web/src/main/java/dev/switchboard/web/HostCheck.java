package dev.switchboard.web;

import java.util.Locale;
import java.util.Set;

/**
 * While the server listens on loopback only, it answers only requests addressed to a loopback name: a page of
 * another site that rebinds its own name to 127.0.0.1 (DNS rebinding) would otherwise read the API through the
 * user's browser. Beyond loopback every request needs the token anyway, so any Host is accepted there.
 */
final class HostCheck {
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private final String host;
    private final boolean loopback;

    HostCheck(String host) {
        this.host = host.toLowerCase(Locale.ROOT);
        this.loopback = ApiAuth.isLoopback(host);
    }

    boolean allows(String hostHeader) {
        if (!loopback) {
            return true;
        }
        if (hostHeader == null) {
            return false;
        }
        String h = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            h = end < 0 ? h : h.substring(0, end + 1);
        } else if (h.indexOf(':') == h.lastIndexOf(':') && h.contains(":")) {
            h = h.substring(0, h.indexOf(':'));
        }
        return h.equals(host) || LOOPBACK_NAMES.contains(h) || h.startsWith("127.") && h.matches("[0-9.]+");
    }

    String example() {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
