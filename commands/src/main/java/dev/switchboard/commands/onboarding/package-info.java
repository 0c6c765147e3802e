/** Onboarding texts: one template per role, from the configured folder or built in. */
package dev.switchboard.commands.onboarding;
