package dev.switchboard.config;

/**
 * Where an agent's chat box is on screen.
 *
 * @param inputBox           the agent's text input; clicked before pasting
 * @param starterLocationBox clicked to open a fresh chat before onboarding (optional)
 * @param submit             key chord that submits, e.g. {@code enter} or {@code ctrl+enter}
 * @param watch              the input box's rectangle on screen, when it should not be taken from calibration or
 *                           found around {@code inputBox} (optional)
 */
public record GuiConfig(ScreenPoint inputBox, ScreenPoint starterLocationBox, String submit, WatchArea watch) {
    public GuiConfig {
        submit = submit == null || submit.isBlank() ? "enter" : submit.trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** Without a configured watch area. */
    public GuiConfig(ScreenPoint inputBox, ScreenPoint starterLocationBox, String submit) {
        this(inputBox, starterLocationBox, submit, null);
    }

    public GuiConfig withPoints(ScreenPoint input, ScreenPoint starter) {
        return new GuiConfig(input, starter, submit, watch);
    }
}
