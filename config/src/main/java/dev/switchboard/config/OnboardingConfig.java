package dev.switchboard.config;

import java.nio.file.Path;

/**
 * Onboarding texts.
 *
 * @param templates folder with one template per role ({@code <role>.md}, {@code default.md}); relative to the
 *                  config file; null: only the built-in templates
 */
public record OnboardingConfig(Path templates) {
    public static OnboardingConfig defaults() {
        return new OnboardingConfig(null);
    }
}
