/**
 * The runnable application: {@code Main} (picocli), the wiring of one running Switchboard ({@code App}),
 * and thin bridges to the console, Discord and Twitch.
 */
package dev.switchboard.bot;
