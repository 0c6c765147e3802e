package dev.switchboard.delivery.tmux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Which process holds a pane's terminal now: the foreground process group of the pane's terminal, with the
 * start time of its leader, so that a program restarted in the same pane (same name, maybe the same pid) reads
 * as another one. tmux names the program but gives no pid for it. On Linux this reads {@code /proc} (no process
 * is started); elsewhere it asks {@code ps} for the group only.
 */
final class ForegroundProgram {
    private ForegroundProgram() {}

    /** @param panePid {@code #{pane_pid}}; @return an identity like {@code "4242@296004"}, or "" if unknown */
    static String of(long panePid) {
        if (panePid <= 0) {
            return "";
        }
        String[] pane = procStat(panePid);
        if (pane != null) {
            String group = pane[5]; // tpgid: the terminal's foreground process group
            String[] leader = group.equals("-1") ? null : procStat(Long.parseLong(group));
            return leader == null ? "" : group + "@" + leader[19]; // starttime, in clock ticks since boot
        }
        return fromPs(panePid);
    }

    /** The fields of /proc/pid/stat after the command name (state first), or null where there is no /proc. */
    private static String[] procStat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            // The command name is in parentheses and may itself hold spaces and parentheses.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return fields.length > 19 ? fields : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String fromPs(long panePid) {
        try {
            Process p = new ProcessBuilder("ps", "-o", "tpgid=", "-p", Long.toString(panePid))
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return p.exitValue() == 0 && out.matches("\\d+") ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
