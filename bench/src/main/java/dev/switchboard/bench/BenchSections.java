package dev.switchboard.bench;

import java.util.List;

/**
 * The extension point for measurements of other delivery methods. The report always has a {@code "gui"} and
 * a {@code "tmux"} key: a section registered here under that key fills it; otherwise it says
 * {@code "measured": false} and why.
 */
final class BenchSections {
    /** Keys the report keeps a place for even when no section fills them. */
    static final List<String> RESERVED = List.of("gui", "tmux");

    private BenchSections() {}

    /** Every registered section, run after the core measurements (add new ones here). */
    public static List<BenchSection> all() {
        List<BenchSection> all = new java.util.ArrayList<>(WindowSections.all());
        all.add(new CliBench());
        return all;
    }
}
