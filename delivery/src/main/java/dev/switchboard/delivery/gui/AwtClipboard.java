package dev.switchboard.delivery.gui;

import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.awt.Toolkit;
import java.awt.datatransfer.Clipboard;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.StringSelection;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.io.IOException;
import java.util.Optional;

/**
 * {@link TextClipboard} on the AWT system clipboard. On X11 the content lives only as long as its owner process,
 * which is why delivery must run in the long-lived {@code switchboard run}, not in a short CLI call.
 */
public final class AwtClipboard implements TextClipboard {

    /** Another program may hold the clipboard for a moment (Windows especially); a few short retries cover it. */
    private static final int ATTEMPTS = 5;

    @Override
    public Optional<String> problem() {
        if (GraphicsEnvironment.isHeadless()) {
            return Optional.of("no clipboard: Java runs headless");
        }
        try {
            withRetry(() -> clipboard().getAvailableDataFlavors());
            return Optional.empty();
        } catch (HeadlessException | IllegalStateException | SecurityException e) {
            return Optional.of("clipboard unavailable: " + e.getMessage());
        }
    }

    @Override
    public Saved save() {
        return withRetry(() -> {
            Clipboard cb = clipboard();
            if (!cb.isDataFlavorAvailable(DataFlavor.stringFlavor)) {
                DataFlavor[] flavors = cb.getAvailableDataFlavors();
                return flavors.length == 0
                        ? Saved.NOTHING
                        : new Saved(
                                null,
                                "clipboard held non-text data (" + flavors[0].getMimeType()
                                        + "); it cannot be restored");
            }
            try {
                return new Saved((String) cb.getData(DataFlavor.stringFlavor), null);
            } catch (UnsupportedFlavorException | IOException e) {
                return new Saved(null, "could not read the clipboard's text: " + e.getMessage());
            }
        });
    }

    @Override
    public void put(String text) {
        withRetry(() -> {
            StringSelection selection = new StringSelection(text);
            clipboard().setContents(selection, selection);
            return null;
        });
    }

    @Override
    public void restore(Saved saved) {
        // With nothing to restore, an empty text beats leaving the delivered message on the user's clipboard.
        put(saved.text() == null ? "" : saved.text());
    }

    private static Clipboard clipboard() {
        return Toolkit.getDefaultToolkit().getSystemClipboard();
    }

    private static <T> T withRetry(java.util.function.Supplier<T> action) {
        IllegalStateException last = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            try {
                return action.get();
            } catch (IllegalStateException busy) {
                last = busy;
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw busy;
                }
            }
        }
        throw last;
    }
}
