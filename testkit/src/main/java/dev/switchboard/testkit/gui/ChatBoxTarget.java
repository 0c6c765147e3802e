package dev.switchboard.testkit.gui;

import java.awt.BorderLayout;
import java.awt.EventQueue;
import java.awt.Font;
import java.awt.Point;
import java.awt.event.ActionEvent;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.AbstractAction;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.KeyStroke;
import javax.swing.WindowConstants;

/**
 * A stand-in for an agent's chat box, used by tests and {@code switchboard bench}: a window with a multi-line text
 * input that, on its submit key, appends the text to a file ({@link SubmittedLog}) and clears itself.
 *
 * <p>Run it in its own JVM with {@code -Dsun.java2d.xrender=false} (XRender can paint a long text blank, which
 * would look "submitted"). Arguments: {@code --out FILE [--x N --y N --width N --height N]
 * [--submit enter|ctrl+enter|shift+enter|alt+enter|none]}; with {@code none}, Enter only adds a new line, like a
 * box whose submit key is something else. A "New chat" button clears the box and notes it in
 * {@link #eventsFile}. Prints {@code READY x y sx sy} (the input's and the button's screen points) once shown, and
 * exits when its standard input closes, so it never outlives whoever started it.
 */
final class ChatBoxTarget {

    private ChatBoxTarget() {}

    public static void main(String[] args) throws Exception {
        Path out = null;
        int x = 100;
        int y = 100;
        int width = 760;
        int height = 260;
        String submit = "enter";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[i + 1]);
                case "--x" -> x = Integer.parseInt(args[i + 1]);
                case "--y" -> y = Integer.parseInt(args[i + 1]);
                case "--width" -> width = Integer.parseInt(args[i + 1]);
                case "--height" -> height = Integer.parseInt(args[i + 1]);
                case "--submit" -> submit = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out FILE is required");
        }
        Path file = out;
        int fx = x;
        int fy = y;
        int fw = width;
        int fh = height;
        String chord = submit;
        AtomicReference<Point[]> points = new AtomicReference<>();
        EventQueue.invokeAndWait(() -> points.set(show(file, fx, fy, fw, fh, chord)));
        Point input = points.get()[0];
        Point starter = points.get()[1];
        System.out.println("READY " + input.x + " " + input.y + " " + starter.x + " " + starter.y);
        System.out.flush();
        exitWhenStdinCloses(System.in);
    }

    /** @return the input's point and the "new chat" button's point, on screen */
    private static Point[] show(Path file, int x, int y, int width, int height, String submit) {
        JFrame frame = new JFrame("switchboard chat box");
        frame.setUndecorated(true);
        frame.setDefaultCloseOperation(WindowConstants.EXIT_ON_CLOSE);
        JTextArea area = new JTextArea();
        area.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 14));
        if (!"none".equals(submit)) {
            area.getInputMap().put(keyStroke(submit), "switchboard-submit");
            area.getActionMap().put("switchboard-submit", new AbstractAction() {
                @Override
                public void actionPerformed(ActionEvent e) {
                    String text = area.getText();
                    if (text.isEmpty()) {
                        return;
                    }
                    try {
                        SubmittedLog.append(file, text);
                    } catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                    area.setText("");
                }
            });
        }
        // Like an agent tool's "new chat" (gui.starter_location_box): clears the box and notes it. Not
        // focusable and at the bottom, so it never changes the look around the input point.
        JButton newChat = new JButton("New chat");
        newChat.setFocusable(false);
        newChat.addActionListener(e -> {
            area.setText("");
            try {
                SubmittedLog.append(eventsFile(file), "new chat");
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
        frame.add(new JScrollPane(area), BorderLayout.CENTER);
        frame.add(newChat, BorderLayout.SOUTH);
        frame.setBounds(x, y, width, height);
        frame.setVisible(true);
        area.requestFocusInWindow();
        Point p = area.getLocationOnScreen();
        Point b = newChat.getLocationOnScreen();
        return new Point[] {
            new Point(p.x + 40, p.y + 10), new Point(b.x + newChat.getWidth() / 2, b.y + newChat.getHeight() / 2)
        };
    }

    /** Where the "new chat" clicks are noted: {@code <out>.events}. */
    public static Path eventsFile(Path out) {
        return out.resolveSibling(out.getFileName() + ".events");
    }

    static KeyStroke keyStroke(String chord) {
        int mods = 0;
        String[] parts = chord.toLowerCase(java.util.Locale.ROOT).split("\\+");
        for (int i = 0; i < parts.length - 1; i++) {
            mods |= switch (parts[i]) {
                case "ctrl" -> InputEvent.CTRL_DOWN_MASK;
                case "shift" -> InputEvent.SHIFT_DOWN_MASK;
                case "alt" -> InputEvent.ALT_DOWN_MASK;
                case "meta" -> InputEvent.META_DOWN_MASK;
                default -> throw new IllegalArgumentException("unknown modifier " + parts[i]);
            };
        }
        if (!"enter".equals(parts[parts.length - 1])) {
            throw new IllegalArgumentException("submit key must end in enter: " + chord);
        }
        return KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, mods);
    }

    private static void exitWhenStdinCloses(InputStream in) throws IOException {
        byte[] buf = new byte[64];
        while (in.read(buf) >= 0) {
            // Input is ignored; only its end matters.
        }
        System.exit(0);
    }
}
