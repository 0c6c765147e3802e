package dev.switchboard.bot.twitch.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One IRC line as the fake server reads it: tags (unescaped), prefix, command, parameters. */
public record IrcLine(Map<String, String> tags, String prefix, String command, List<String> params) {

    public static IrcLine parse(String line) {
        Map<String, String> tags = new LinkedHashMap<>();
        String rest = line;
        if (rest.startsWith("@")) {
            int sp = rest.indexOf(' ');
            for (String kv : rest.substring(1, sp < 0 ? rest.length() : sp).split(";")) {
                int eq = kv.indexOf('=');
                tags.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : unescape(kv.substring(eq + 1)));
            }
            rest = sp < 0 ? "" : rest.substring(sp + 1);
        }
        String prefix = null;
        if (rest.startsWith(":")) {
            int sp = rest.indexOf(' ');
            prefix = rest.substring(1, sp < 0 ? rest.length() : sp);
            rest = sp < 0 ? "" : rest.substring(sp + 1);
        }
        List<String> params = new ArrayList<>();
        int sp = rest.indexOf(' ');
        String command = sp < 0 ? rest : rest.substring(0, sp);
        rest = sp < 0 ? "" : rest.substring(sp + 1);
        while (!rest.isEmpty()) {
            if (rest.startsWith(":")) {
                params.add(rest.substring(1));
                break;
            }
            sp = rest.indexOf(' ');
            params.add(sp < 0 ? rest : rest.substring(0, sp));
            rest = sp < 0 ? "" : rest.substring(sp + 1);
        }
        return new IrcLine(tags, prefix, command.toUpperCase(java.util.Locale.ROOT), params);
    }

    /** IRCv3 tag value escaping, as Twitch uses it. */
    public static String escape(String value) {
        return value.replace("\\", "\\\\")
                .replace(";", "\\:")
                .replace(" ", "\\s")
                .replace("\r", "\\r")
                .replace("\n", "\\n");
    }

    static String unescape(String value) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char n = value.charAt(++i);
                b.append(
                        switch (n) {
                            case ':' -> ';';
                            case 's' -> ' ';
                            case 'r' -> '\r';
                            case 'n' -> '\n';
                            default -> n;
                        });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
