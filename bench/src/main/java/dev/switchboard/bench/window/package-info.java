/** The window part of {@code switchboard bench}: GUI and tmux delivery latency and exactness. */
package dev.switchboard.bench.window;
