package dev.switchboard.bench.window;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The child JVM of the GUI figures: {@link WindowDeliveryBench} starts it on a display of its own (a private
 * Xvfb), where it starts the target, delivers into it and prints the figures as one JSON line. Not a user
 * command: only {@link WindowDeliveryBench} runs it.
 */
@Command(name = "window-child", description = "Measures GUI delivery on this process's display; prints JSON.")
final class WindowChild implements Callable<Integer> {

    /** What the child delivers into. */
    enum Target {
        GUI("gui"),
        BROWSER("gui_browser");

        private final String label;

        Target(String label) {
            this.label = label;
        }

        /** Its key in the report. */
        String label() {
            return label;
        }
    }

    @Parameters(index = "0", description = "GUI (the Swing chat box) or BROWSER (chromium's composer page).")
    Target target;

    @Parameters(index = "1", description = "Folder for the target's files.")
    Path workDir;

    @Parameters(index = "2", description = "Messages to deliver.")
    int messages;

    public static void main(String[] args) {
        System.exit(new CommandLine(new WindowChild()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Figures f = target == Target.GUI
                ? WindowDeliveryBench.guiHere(workDir, messages)
                : WindowDeliveryBench.guiBrowserHere(workDir, messages);
        System.out.println(WindowDeliveryBench.toJsonLine(f));
        return 0;
    }
}
