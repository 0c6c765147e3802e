package dev.switchboard.delivery.tmux;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.switchboard.delivery.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each tmux agent's input line looks like when empty ({@link EmptyLine}), and the judgement made with it
 * before every paste: nothing may be pasted behind text already in the line (a user's draft, or a message pasted
 * by a delivery that was stopped before its Enter), since the program would take both as one input.
 *
 * <p>The looks are kept in {@code <data_dir>/tmux-input.json} (written atomically), so a restarted node or
 * service knows them from its first delivery. Without a data dir they live as long as the deliverer.
 *
 * <p>Only the row the terminal's cursor is on is judged, and only while the program shows the cursor: a line
 * editor keeps it at the end of the input. A program that hides the cursor and draws its own (Ink-based TUIs)
 * leaves it anywhere, so its input line cannot be told; it gets no check ({@link Verdict#UNKNOWN}).
 */
final class InputLines {
    private static final Logger LOG = LoggerFactory.getLogger(InputLines.class);

    static final String FILE_NAME = "tmux-input.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What the pane's input line holds before a paste. */
    enum Verdict {
        /** it looks as it did after the last verified delivery */
        EMPTY,
        /** nothing to judge by: no look learned for this program, or the cursor is hidden */
        UNKNOWN,
        /** exactly this message's text, unsubmitted, after the prompt (a delivery stopped before its Enter) */
        OWN_TEXT,
        /** something else: a draft, or another message that was never submitted */
        NOT_EMPTY
    }

    private final Path file;
    private Map<String, EmptyLine> known;
    /** Where the cursor was right after each agent's last verified submit, in this process. */
    private final Map<String, PaneWatcher.Snapshot> afterSubmit = new ConcurrentHashMap<>();

    /** @param dataDir where the looks are kept, or null to keep them in memory only */
    InputLines(Path dataDir) {
        this.file = dataDir == null ? null : dataDir.resolve(FILE_NAME);
    }

    synchronized EmptyLine get(String agent) {
        return all().get(agent);
    }

    /**
     * @param command what the pane runs now
     * @param now     the pane just before the paste
     * @param text    the message about to be pasted
     */
    Verdict judge(String agent, String command, PaneWatcher.Snapshot now, String text) {
        // Nothing has moved since this process saw its last message submitted: nobody typed. This holds even
        // where the program drew its prompt wrongly (a program whose idea of a character's width differs from
        // tmux's garbles its line after wide emoji or right-to-left text), which the empty line cannot judge.
        PaneWatcher.Snapshot submitted = afterSubmit.remove(agent);
        if (submitted != null
                && now != null
                && now.cursorShown()
                && sameLine(submitted, now)
                && submitted.cursor() == now.cursor()
                && submitted.history() == now.history()) {
            return Verdict.EMPTY;
        }
        EmptyLine empty = get(agent);
        String row = now == null ? null : now.cursorRow();
        if (empty == null
                || row == null
                || !now.cursorShown()
                || !empty.command().equals(command)) {
            return Verdict.UNKNOWN;
        }
        if (empty.shownBy(row, now.column(), now.width())) {
            return Verdict.EMPTY;
        }
        if (holdsExactly(empty, now, text)) {
            return Verdict.OWN_TEXT;
        }
        String program = ForegroundProgram.of(now.panePid());
        if (!empty.program().isEmpty() && !program.isEmpty() && !program.equals(empty.program())) {
            return Verdict.UNKNOWN; // restarted: a new program's input starts empty, and its prompt may differ
        }
        if (file != null && !empty.equals(reread(agent))) {
            return judge(agent, command, now, text); // the entry was deleted or changed by hand: judge by that
        }
        return Verdict.NOT_EMPTY;
    }

    /**
     * The file as it is now: deleting an agent's entry is how a user makes a line that changed for good (a
     * prompt switched by a mode of the program) be learned again, without a restart.
     */
    private synchronized EmptyLine reread(String agent) {
        known = read();
        return known.get(agent);
    }

    /**
     * Whether the input holds exactly {@code text} after the empty line's prompt, and nothing else: the rows from
     * one that starts with the prompt down to the cursor show the prompt and the text (letters, digits and
     * punctuation, as {@link PaneProbe} compares them), and right of the cursor stands what stands there when
     * the line is empty.
     */
    static boolean holdsExactly(EmptyLine empty, PaneWatcher.Snapshot now, String text) {
        String wanted = PaneProbe.normalize(text);
        String prompt = EmptyLine.left(empty.row(), empty.column()).stripTrailing();
        int cursor = now.cursorIndex();
        if (wanted.isEmpty() || cursor < 0 || prompt.isEmpty()) {
            return false;
        }
        String row = now.rows().get(cursor);
        if (!PaneProbe.normalize(EmptyLine.right(row, now.column()))
                .equals(PaneProbe.normalize(EmptyLine.right(empty.row(), empty.column())))) {
            return false;
        }
        String expected = PaneProbe.normalize(prompt) + wanted;
        StringBuilder shown = new StringBuilder(PaneProbe.normalize(EmptyLine.left(row, now.column())));
        List<String> rows = now.rows();
        for (int i = cursor; i >= 0 && shown.length() <= expected.length(); i--) {
            if (i < cursor) {
                shown.insert(0, PaneProbe.normalize(rows.get(i)));
            }
            if (rows.get(i).startsWith(prompt) && shown.toString().equals(expected)) {
                return true;
            }
        }
        return false;
    }

    /**
     * After a verified delivery: when the cursor's row looked the same before the paste and after the submit,
     * that is how the line looks empty (a prompt that changes with every input, such as a counter, is never
     * learned, and such a pane is not judged). Written only when it differs from what is known.
     */
    void learn(String agent, String command, PaneWatcher.Snapshot before, PaneWatcher.Snapshot after) {
        if (!sameLine(before, after)) {
            return;
        }
        EmptyLine learned = new EmptyLine(
                command, after.width(), after.column(), after.cursorRow(), ForegroundProgram.of(after.panePid()));
        synchronized (this) {
            EmptyLine old = all().get(agent);
            if (learned.equals(old)
                    || old != null
                            && old.command().equals(command)
                            && old.width() == after.width()
                            && old.program().equals(learned.program())
                            && EmptyLine.covered(learned.row(), old.row())
                            && !learned.row().equals(old.row())) {
                // The same, or less of it: a program that misjudges wide characters may leave its prompt partly
                // erased, and such a look must not replace the whole one.
                return;
            }
            all().put(agent, learned);
            if (file != null) {
                try {
                    write();
                } catch (IOException e) {
                    // Still used while this process runs; a restart learns it again.
                    LOG.warn("cannot keep the empty input line of {} in {}: {}", agent, file, e.getMessage());
                }
            }
        }
    }

    /** After a verified submit: the pane as it looked then, for the next {@link #judge} in this process. */
    void submitted(String agent, PaneWatcher.Snapshot after) {
        if (after != null) {
            afterSubmit.put(agent, after);
        }
    }

    /** Both show the cursor on a row that reads the same, at the same column. */
    static boolean sameLine(PaneWatcher.Snapshot before, PaneWatcher.Snapshot after) {
        return before != null
                && after != null
                && before.cursorShown()
                && after.cursorShown()
                && before.cursorRow() != null
                && before.cursorRow().equals(after.cursorRow())
                && before.column() == after.column();
    }

    private Map<String, EmptyLine> all() {
        if (known == null) {
            known = read();
        }
        return known;
    }

    private Map<String, EmptyLine> read() {
        if (file == null || !Files.exists(file)) {
            return new TreeMap<>();
        }
        try {
            return new TreeMap<>(JSON.readValue(file.toFile(), new TypeReference<Map<String, EmptyLine>>() {}));
        } catch (IOException e) {
            // Only a guard's memory: relearned from the next verified delivery of each agent.
            LOG.warn("ignoring unreadable {} ({}); the empty input lines are learned again", file, e.getMessage());
            return new TreeMap<>();
        }
    }

    /** Another process using the same data dir may have written its agents meanwhile: keep theirs. */
    private void write() throws IOException {
        Map<String, EmptyLine> merged = read();
        merged.putAll(known);
        AtomicFiles.write(file, JSON.writeValueAsBytes(merged));
    }
}
