package dev.switchboard.testkit.tmux;

import dev.switchboard.testkit.gui.SubmittedLog;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A stand-in for a terminal agent, run inside a tmux pane by tests and {@code switchboard bench}: like a chat
 * TUI it puts the terminal in raw mode, asks for bracketed paste, echoes what it reads after its prompt, collects
 * a paste (new lines included) as one input, and on Enter appends that input to a file ({@link SubmittedLog}) and
 * shows a new prompt. Ctrl+U clears the input, as a user clears a line.
 * Argument: the file. Ctrl+D exits.
 */
final class PaneReader {

    private static final byte ESC = 0x1b;
    private static final byte[] PASTE_START = "\u001b[200~".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PASTE_END = "\u001b[201~".getBytes(StandardCharsets.US_ASCII);

    private final Path out;
    private final PrintStream screen;
    private final ByteArrayOutputStream input = new ByteArrayOutputStream();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean inPaste;

    PaneReader(Path out, PrintStream screen) {
        this.out = out;
        this.screen = screen;
    }

    public static void main(String[] args) throws Exception {
        Process stty = new ProcessBuilder("sh", "-c", "stty raw -echo </dev/tty")
                .inheritIO()
                .start();
        if (stty.waitFor() != 0) {
            throw new IllegalStateException("stty raw failed: run me inside a terminal");
        }
        PaneReader reader = new PaneReader(
                Path.of(args[0]),
                new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
        reader.screen.print("\u001b[?2004hready> ");
        reader.run(new FileInputStream(FileDescriptor.in));
    }

    void run(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            for (int i = 0; i < n; i++) {
                if (!accept(buf[i])) {
                    screen.flush();
                    return;
                }
            }
            screen.flush();
        }
    }

    /** Feeds one byte; false means "exit". Escape sequences are held until they are known. */
    boolean accept(byte b) throws IOException {
        if (pending.size() > 0 || b == ESC) {
            pending.write(b);
            byte[] seq = pending.toByteArray();
            if (startsWith(PASTE_START, seq) || startsWith(PASTE_END, seq)) {
                if (java.util.Arrays.equals(seq, PASTE_START)) {
                    inPaste = true;
                    pending.reset();
                } else if (java.util.Arrays.equals(seq, PASTE_END)) {
                    inPaste = false;
                    pending.reset();
                }
                return true;
            }
            pending.reset();
            input.write(seq, 0, seq.length);
            return true;
        }
        if (!inPaste && (b == '\r' || b == '\n')) {
            submit();
            return true;
        }
        if (!inPaste && b == 0x04) {
            return false;
        }
        if (!inPaste && b == 0x15) {
            clearInput();
            return true;
        }
        input.write(b);
        echo(b);
        return true;
    }

    /** Echoes a byte of input as a line editor would: a new line in the text starts a new row. */
    private void echo(byte b) {
        if (b == '\n') {
            screen.write('\r');
        }
        screen.write(b);
    }

    /** Ctrl+U: forgets the input and redraws an empty prompt (rows a long line wrapped onto are not erased). */
    private void clearInput() {
        long rows = input.toString(StandardCharsets.UTF_8)
                .chars()
                .filter(c -> c == '\n')
                .count();
        input.reset();
        screen.print("\r\u001b[K" + "\u001b[A\u001b[K".repeat((int) rows) + "ready> ");
    }

    private void submit() throws IOException {
        String text = input.toString(StandardCharsets.UTF_8);
        input.reset();
        if (!text.isEmpty()) {
            SubmittedLog.append(out, text);
        }
        screen.print("\r\nready> ");
    }

    private static boolean startsWith(byte[] full, byte[] prefix) {
        if (prefix.length > full.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (full[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
