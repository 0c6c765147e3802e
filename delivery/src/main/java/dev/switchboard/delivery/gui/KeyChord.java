package dev.switchboard.delivery.gui;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A key with modifiers, as written in config ({@code enter}, {@code ctrl+enter}, {@code meta+v}). Platform-free:
 * the AWT adapter maps it to key codes.
 */
public record KeyChord(Set<Modifier> modifiers, Key key) {

    /** Modifier keys, pressed in this order and released in reverse. */
    enum Modifier {
        CTRL,
        SHIFT,
        ALT,
        META
    }

    /** The few keys Switchboard ever presses. */
    enum Key {
        ENTER,
        V,
        A,
        BACKSPACE
    }

    public KeyChord {
        modifiers = modifiers.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(modifiers));
    }

    public static final KeyChord ENTER = new KeyChord(Set.of(), Key.ENTER);

    /**
     * Parses {@code [mod+]...key}: modifiers ctrl|control, shift, alt, meta|cmd|super; keys enter|return, v, a,
     * backspace. @throws IllegalArgumentException with a one-line reason
     */
    public static KeyChord parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty key chord (expected e.g. enter or ctrl+enter)");
        }
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("\\s*\\+\\s*");
        List<Modifier> mods = new ArrayList<>();
        for (int i = 0; i < parts.length - 1; i++) {
            mods.add(
                    switch (parts[i]) {
                        case "ctrl", "control" -> Modifier.CTRL;
                        case "shift" -> Modifier.SHIFT;
                        case "alt", "option" -> Modifier.ALT;
                        case "meta", "cmd", "command", "super" -> Modifier.META;
                        default ->
                            throw new IllegalArgumentException("unknown modifier '" + parts[i] + "' in '" + text
                                    + "' (expected ctrl, shift, alt or meta)");
                    });
        }
        Key key = switch (parts[parts.length - 1]) {
            case "enter", "return" -> Key.ENTER;
            case "v" -> Key.V;
            case "a" -> Key.A;
            case "backspace" -> Key.BACKSPACE;
            default ->
                throw new IllegalArgumentException(
                        "unknown key '" + parts[parts.length - 1] + "' in '" + text + "' (expected enter)");
        };
        return new KeyChord(mods.isEmpty() ? Set.of() : EnumSet.copyOf(mods), key);
    }

    /** The paste chord of this platform: Cmd+V on macOS, Ctrl+V elsewhere. */
    public static KeyChord pasteForThisPlatform() {
        return of(isMac() ? Modifier.META : Modifier.CTRL, Key.V);
    }

    /** Select-all of this platform (used by calibrate to clear its probe text). */
    public static KeyChord selectAllForThisPlatform() {
        return of(isMac() ? Modifier.META : Modifier.CTRL, Key.A);
    }

    public static KeyChord of(Modifier modifier, Key key) {
        return new KeyChord(EnumSet.of(modifier), key);
    }

    private static boolean isMac() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Modifier m : Modifier.values()) {
            if (modifiers.contains(m)) {
                sb.append(m.name().toLowerCase(Locale.ROOT)).append('+');
            }
        }
        return sb.append(key.name().toLowerCase(Locale.ROOT)).toString();
    }
}
