package dev.switchboard.bot;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** One terminal CLI call in-process ({@link Main#execute}) with a config file, its output captured. */
record CliRun(int code, String out, String err) {

    static CliRun of(Path config, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Every line of stderr: none may be a stack trace's. */
    boolean noTrace() {
        return !err.contains("Exception") && !err.contains("\tat ") && !out.contains("\tat ");
    }
}
