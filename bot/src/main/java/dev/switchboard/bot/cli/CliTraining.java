package dev.switchboard.bot.cli;

import dev.switchboard.bot.Main;
import dev.switchboard.bot.UserCacheDir;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The launcher's training run for the CLI's class-data archive: the short commands agents and scripts call
 * ({@code send}, {@code status}, {@code ack}, {@code reply} …), once each, on a throwaway config and queue in
 * the folder given, so that the JVM can list every class they load. Not a user command; nothing outside
 * that folder is touched (the config cache goes there too).
 *
 * <p>{@code java -XX:DumpLoadedClassList=<list> -cp switchboard.jar dev.switchboard.bot.cli.CliTraining <dir>}
 */
public final class CliTraining {
    private static final Pattern ID = Pattern.compile("\\(id ([0-9a-f-]{36})\\)");

    private CliTraining() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CliTraining <empty folder>");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(dir);
        System.setProperty(UserCacheDir.PROPERTY, dir.resolve("cache").toString());
        Path config = dir.resolve("switchboard.yaml");
        Files.writeString(
                config,
                "data_dir: ./data\nworkspaces: ./workspaces\nagents:\n"
                        + "  - {id: Agent-1, aliases: [a1]}\n  - {id: Agent-2}\n");
        List<String> failed = new ArrayList<>();
        String c = config.toString();
        call(failed, "--config", c, "status"); // reads the YAML, fills the config cache
        call(failed, "--config", c, "status"); // … and takes it from the cache
        String sent = call(failed, "--config", c, "send", "a1", "training run: hello");
        Matcher m = ID.matcher(sent);
        String id = m.find() ? m.group(1) : "0";
        call(failed, "--config", c, "send", "Agent-2", "-p", "high", "--", "--text", "with options");
        call(failed, "--config", c, "status", id);
        call(failed, "--config", c, "queue", "list");
        call(failed, "--config", c, "agents");
        call(failed, "--config", c, "ack", id); // refused (not delivered): the error path
        call(failed, "--config", c, "reply", id, "training run: an answer");
        call(failed, "--config", c, "send", "nobody", "x"); // unknown agent
        call(failed, "--config", c, "status", "--help");
        if (!failed.isEmpty()) {
            // The archive is still written from what did run; the launcher shows this only when asked.
            System.err.println("training: unexpected exit codes: " + String.join("; ", failed));
        }
    }

    private static String call(List<String> failed, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        boolean refusalExpected = args[args.length - 1].equals("x") || args[2].equals("ack");
        if (code != 0 && !refusalExpected) {
            failed.add(String.join(" ", args).replace(args[1], "<config>") + " -> " + code + ": "
                    + err.toString().strip());
        }
        return out.toString();
    }
}
