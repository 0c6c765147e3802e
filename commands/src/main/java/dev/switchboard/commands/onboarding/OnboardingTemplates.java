package dev.switchboard.commands.onboarding;

import dev.switchboard.config.AgentConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders an agent's onboarding text from a template: {@code <folder>/<role>.md} if the configured folder has
 * one, else a built-in template of that name, else {@code default.md} (folder first, then built in). Variables:
 * {@code {{agent}}}, {@code {{role}}}, {@code {{tags}}}, {@code {{tags_line}}} (", tags: …" or nothing),
 * {@code {{workspace}}} and {@code {{date}}} (ISO, local). An unknown variable is an error that names it.
 */
public final class OnboardingTemplates {
    public static final String DEFAULT_ROLE = "default";
    private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z_]+)\\s*}}");
    private static final long MAX_BYTES = 64 * 1024;

    /** The text and where it came from ("templates/reviewer.md", "built-in default"). */
    public record Rendered(String role, String text, String source) {}

    private final Path folder;

    /** @param folder the configured templates folder, or null */
    public OnboardingTemplates(Path folder) {
        this.folder = folder;
    }

    /**
     * @param role the role asked for ({@code --role}), or null: the agent's first tag that has a template, else
     *             {@code default}
     * @throws IllegalArgumentException with one line when the role is not a name or no template renders
     */
    public Rendered render(AgentConfig agent, String role, Path workspace, LocalDate date) {
        if (role != null && !ROLE.matcher(role).matches()) {
            throw new IllegalArgumentException("--role must be letters, digits, - or _ (at most 40)");
        }
        String chosen = role;
        if (chosen == null) {
            chosen = agent.tags().stream()
                    .filter(t -> ROLE.matcher(t).matches() && find(t).isPresent())
                    .findFirst()
                    .orElse(DEFAULT_ROLE);
        }
        Map.Entry<String, String> template = find(chosen)
                .or(() -> find(DEFAULT_ROLE))
                .orElseThrow(
                        () -> new IllegalStateException("no default onboarding template (built-in resource missing)"));
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("agent", agent.id());
        vars.put("role", chosen);
        vars.put("tags", String.join(", ", agent.tags()));
        vars.put("tags_line", agent.tags().isEmpty() ? "" : ", tags: " + String.join(", ", agent.tags()));
        vars.put("workspace", workspace.toString());
        vars.put("date", date.toString());
        return new Rendered(chosen, fill(template.getValue(), vars, template.getKey()), template.getKey());
    }

    private static String fill(String template, Map<String, String> vars, String source) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = vars.get(m.group(1).toLowerCase(java.util.Locale.ROOT));
            if (value == null) {
                throw new IllegalArgumentException(source + ": unknown variable {{" + m.group(1) + "}} (known: "
                        + String.join(", ", new TreeSet<>(vars.keySet())) + ")");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().strip();
    }

    /** (source, text) of the template for a role: the folder's file, else the built-in one. */
    private Optional<Map.Entry<String, String>> find(String role) {
        if (folder != null) {
            Path file = folder.resolve(role + ".md");
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    if (Files.size(file) > MAX_BYTES) {
                        throw new IllegalArgumentException(file + ": larger than 64 KiB");
                    }
                    return Optional.of(Map.entry(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
                }
            }
        }
        try (InputStream in = OnboardingTemplates.class.getResourceAsStream(role + ".md")) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(Map.entry("built-in " + role, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in template " + role, e);
        }
    }
}
