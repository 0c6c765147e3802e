package dev.switchboard.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a message can reach an agent; an agent lists these in fallback order. */
public enum DeliveryMethod {
    /** java.awt.Robot: click the agent's input box, paste, submit, verify on screen. */
    GUI,
    /** An atomic file in {@code <workspaces>/<Agent>/inbox/}. */
    INBOX,
    /** tmux load-buffer + paste-buffer + Enter into a pane. */
    TMUX;

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static DeliveryMethod parse(String text) {
        for (DeliveryMethod m : values()) {
            if (m.key().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown delivery method '" + text + "' (expected one of "
                + Arrays.stream(values()).map(DeliveryMethod::key).collect(Collectors.joining(", ")) + ")");
    }
}
