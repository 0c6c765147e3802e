/** The runnable application: entry point, lifecycle and the chat bridges (one sub-package each). */
package dev.switchboard.bot;
