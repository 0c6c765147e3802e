package dev.switchboard.config;

/**
 * The gas pipeline: prompts that keep agents going, from their {@code status.json} progress.
 *
 * @param watch          watch {@code <workspaces>/<Agent>/status.json} while running (default true)
 * @param scanSeconds    how often the status files are read (default 5)
 * @param silenceMinutes prompt an agent silent (no status change, no answer) this long; 0 = never (default 30)
 * @param prompts        the prompts' templates; missing ones are built in
 */
public record GasConfig(Boolean watch, Integer scanSeconds, Integer silenceMinutes, GasPrompts prompts) {
    public GasConfig {
        watch = watch == null || watch;
        scanSeconds = scanSeconds == null ? 5 : scanSeconds;
        silenceMinutes = silenceMinutes == null ? 30 : silenceMinutes;
        prompts = prompts == null ? GasPrompts.defaults() : prompts;
    }

    public static GasConfig defaults() {
        return new GasConfig(null, null, null, null);
    }

    /**
     * Prompt templates; {@code {agent}}, {@code {task}}, {@code {progress}} and {@code {minutes}} are filled in.
     *
     * @param keepGoing at 75 %
     * @param wrapUp    at 90 %
     * @param report    at 100 %
     * @param silent    after {@code silence_minutes} without a sign of life
     */
    public record GasPrompts(String keepGoing, String wrapUp, String report, String silent) {
        public GasPrompts {
            keepGoing = keepGoing == null
                    ? "{agent}, you are at {progress}% of \"{task}\": keep going, you are on" + " track."
                    : keepGoing;
            wrapUp = wrapUp == null
                    ? "{agent}, \"{task}\" is at {progress}%: start wrapping up — finish, test,"
                            + " and tidy what is left."
                    : wrapUp;
            report = report == null
                    ? "{agent}, \"{task}\" is done: write a short report to your outbox, then pick"
                            + " the next task and set your status."
                    : report;
            silent = silent == null
                    ? "{agent}, nothing from you for {minutes} minutes: post a status update (or"
                            + " an answer to your outbox) and carry on with \"{task}\"."
                    : silent;
        }

        public static GasPrompts defaults() {
            return new GasPrompts(null, null, null, null);
        }
    }
}
