package dev.switchboard.commands.parse;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one text rule of every front-end (console, chat, slash commands, CLI) for commands whose last
 * parameter is free text ({@code msg <agent> <text>}, {@code broadcast <text>}):
 * <ul>
 *   <li>options are read only right after the command or right after the positionals before the text (the
 *       agent name): {@code msg -p high Agent-2 …} and {@code msg Agent-2 -p high …};</li>
 *   <li>{@code -h/--help} is an option only right after the command: after the agent name it is text;</li>
 *   <li>the first word that is not a known option starts the text, and from there everything is sent
 *       exactly: in chat the rest of the line after one separating space (further spaces, quotes, newlines
 *       and words like {@code -p} or {@code ---} are the text's own); on the command line the remaining
 *       arguments joined by one space;</li>
 *   <li>{@code --} ends the options explicitly, so a text may begin with a dash word: {@code msg Agent-2 --
 *       --help me} sends "--help me".</li>
 * </ul>
 * The result is the argument list picocli parses: options and positionals, then {@code --} and the text as a
 * single argument.
 */
public final class TextArgs {
    /** Where the words come from: a chat line (with its untouched remainder) or pre-split arguments. */
    public interface Words {
        /** The next word without consuming it, or null at the end. */
        String peek();

        /** Consumes and returns the next word, or null at the end. */
        String next();

        /** Everything not consumed yet, as the text ("" when nothing is left). */
        String rest();
    }

    /**
     * The split: picocli arguments, whether any text was given (blank counts as none), and whether every
     * positional before the text (the agent) was there.
     */
    public record Split(List<String> args, boolean hasText, boolean positionalsComplete) {}

    private TextArgs() {}

    /**
     * @param name        the command word as typed ({@code msg}, {@code send})
     * @param spec        the command's picocli model (which options it knows, and their arity)
     * @param positionals how many positional words come before the text
     */
    public static Split split(String name, CommandSpec spec, int positionals, Words words) {
        List<String> args = new ArrayList<>();
        args.add(name);
        int seen = 0;
        boolean optionsOpen = true;
        while (words.peek() != null) {
            String peek = words.peek();
            boolean optionPlace = seen == 0 || seen == positionals;
            if (optionsOpen && optionPlace && peek.equals("--")) {
                words.next();
                optionsOpen = false;
                continue;
            }
            if (optionsOpen && optionPlace && peek.startsWith("-") && peek.length() > 1) {
                OptionSpec option = spec.findOption(peek.contains("=") ? peek.substring(0, peek.indexOf('=')) : peek);
                boolean help = option != null && (option.usageHelp() || option.versionHelp());
                if (option != null && (!help || seen == 0)) {
                    args.add(words.next());
                    if (!peek.contains("=") && option.arity().min() > 0 && words.peek() != null) {
                        args.add(words.next());
                    }
                    continue;
                }
                if (seen < positionals) {
                    // An unknown option before the agent: picocli names it ("Unknown option: '-x'").
                    args.add(words.next());
                    continue;
                }
            }
            if (seen < positionals) {
                args.add(words.next());
                seen++;
                continue;
            }
            break;
        }
        String text = words.rest();
        if (seen < positionals || text.isBlank()) {
            return new Split(args, false, seen == positionals);
        }
        args.add("--");
        args.add(text);
        return new Split(args, true, true);
    }

    /** Words of a chat line: quoted words; the text is the rest of the line after one separating whitespace. */
    public static Words of(ChatTokenizer tokenizer) {
        return new Words() {
            @Override
            public String peek() {
                try {
                    return tokenizer.peek();
                } catch (IllegalArgumentException unclosedQuote) {
                    // Only the text can hold it ("don't"): as a word it is no option, and the text is taken raw.
                    return tokenizer.peekRaw();
                }
            }

            @Override
            public String next() {
                return tokenizer.next();
            }

            @Override
            public String rest() {
                return tokenizer.restAfterOneSeparator();
            }
        };
    }

    /** Pre-split arguments (the CLI, slash commands): the text is the remaining arguments joined by a space. */
    public static Words of(List<String> arguments) {
        return new Words() {
            private int pos;

            @Override
            public String peek() {
                return pos < arguments.size() ? arguments.get(pos) : null;
            }

            @Override
            public String next() {
                return pos < arguments.size() ? arguments.get(pos++) : null;
            }

            @Override
            public String rest() {
                String r = String.join(" ", arguments.subList(pos, arguments.size()));
                pos = arguments.size();
                return r;
            }
        };
    }
}
