package dev.switchboard.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads {@code switchboard.yaml} (or JSON) into {@link SwitchboardConfig}, fills defaults, resolves paths,
 * merges GUI coordinates from a Dream.OS coords file and validates. Every failure is a {@link ConfigException}
 * whose one-line message names the file and the field path.
 */
public final class ConfigLoader {
    public static final String ENV_CONFIG = "SWITCHBOARD_CONFIG";
    public static final String DEFAULT_FILE_NAME = "switchboard.yaml";
    /** Config files bigger than this are certainly a mistake (a log, a binary). */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    /**
     * Built on first use, not when this class loads: {@link #locate} and a CLI call served by the
     * {@link ConfigCache} need no YAML parser (building this one costs a CLI call tens of milliseconds).
     */
    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

        /** Without the checks: to read what can still be read of a file that does not load. */
        static ObjectMapper lenient() {
            return new ObjectMapper(new YAMLFactory());
        }
    }

    private ConfigLoader() {}

    /**
     * Which config file to use: {@code --config}, else {@code $SWITCHBOARD_CONFIG}, else
     * {@code ./switchboard.yaml} if it exists, else none (the built-in default).
     */
    public static Optional<Path> locate(Path explicit, Map<String, String> env, Path workingDir) {
        if (explicit != null) {
            return Optional.of(explicit);
        }
        String fromEnv = env.get(ENV_CONFIG);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(Path.of(fromEnv.trim()));
        }
        Path local = workingDir.resolve(DEFAULT_FILE_NAME);
        return Files.isRegularFile(local) ? Optional.of(local) : Optional.empty();
    }

    /** Loads the located file, or the built-in default rooted at {@code workingDir} when there is none. */
    public static SwitchboardConfig loadOrDefault(
            Path explicit, Map<String, String> env, Path workingDir, String layoutOverride) {
        Optional<Path> file = locate(explicit, env, workingDir);
        return file.isPresent() ? load(file.get(), layoutOverride) : builtInDefault(workingDir, layoutOverride);
    }

    /** The built-in default rooted at {@code workingDir}, for when no config file is found. */
    public static SwitchboardConfig builtInDefault(Path workingDir, String layoutOverride) {
        SwitchboardConfig defaults = SwitchboardConfig.defaults(workingDir);
        return layoutOverride == null ? defaults : finish(defaults, workingDir, layoutOverride, "(built-in default)");
    }

    public static SwitchboardConfig load(Path file) {
        return load(file, null);
    }

    /** Loads and validates one file; {@code layoutOverride} (from {@code --layout}) wins over {@code layout:}. */
    public static SwitchboardConfig load(Path file, String layoutOverride) {
        Path abs = file.toAbsolutePath().normalize();
        String name = file.toString();
        if (Files.isDirectory(abs)) {
            throw new ConfigException(name + ": is a folder, not a config file (give the path of switchboard.yaml)");
        }
        if (!Files.isRegularFile(abs)) {
            throw new ConfigException(name + ": no such file");
        }
        SwitchboardConfig raw;
        try {
            if (Files.size(abs) > MAX_FILE_BYTES) {
                throw new ConfigException(name + ": file is larger than 1 MiB; is it really a config file?");
            }
            String text = Files.readString(abs);
            if (text.isBlank()) {
                raw = new SwitchboardConfig(null, null, null, null, null, null, null, null, null, null, null, null);
            } else {
                YamlShape.check(text, name);
                raw = Yaml.MAPPER.readValue(text, SwitchboardConfig.class);
            }
        } catch (JsonProcessingException e) {
            Optional<String> syntax = syntaxError(e);
            throw new ConfigException(
                    name + ": "
                            + (syntax.isPresent()
                                    ? syntax.get()
                                    : e instanceof JsonMappingException m
                                            ? describe(m)
                                            : oneLine(e.getOriginalMessage())),
                    e);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ConfigException(name + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new ConfigException(name + ": cannot read: " + e.getMessage(), e);
        }
        if (raw == null) {
            throw new ConfigException(name + ": empty document");
        }
        Path base = abs.getParent();
        SwitchboardConfig withSource = new SwitchboardConfig(
                raw.dataDir(),
                raw.workspaces(),
                raw.coordsFile(),
                raw.layout(),
                raw.agents(),
                raw.limits(),
                raw.retry(),
                raw.discord(),
                raw.twitch(),
                raw.web(),
                raw.broker(),
                raw.onboarding(),
                raw.gas(),
                raw.alerts(),
                abs);
        return finish(withSource, base, layoutOverride, name);
    }

    private static SwitchboardConfig finish(SwitchboardConfig cfg, Path base, String layoutOverride, String name) {
        Path dataDir = base.resolve(cfg.dataDir()).normalize();
        Path workspaces = base.resolve(cfg.workspaces()).normalize();
        Path coords =
                cfg.coordsFile() == null ? null : base.resolve(cfg.coordsFile()).normalize();
        String layout = layoutOverride != null ? layoutOverride : cfg.layout();
        List<AgentConfig> agents =
                cfg.agents().isEmpty() && coords == null ? SwitchboardConfig.defaultAgents() : cfg.agents();
        agents = agents.stream()
                .map(a -> a.inbox() == null
                        ? a
                        : a.withInbox(base.resolve(a.inbox()).normalize()))
                .toList();
        if (coords != null) {
            if (layout == null) {
                throw new ConfigException(name + ": layout: required when coords_file is set (e.g. layout: 8-agent)");
            }
            agents = CoordsFile.merge(agents, CoordsFile.load(coords).layout(layout, coords.toString()));
        } else if (layoutOverride != null) {
            throw new ConfigException(name + ": --layout given but no coords_file is configured");
        }
        TwitchConfig twitch = cfg.twitch();
        if (twitch.quotesFile() != null) {
            twitch = twitch.withQuotesFile(base.resolve(twitch.quotesFile()).normalize());
        }
        OnboardingConfig onboarding = cfg.onboarding().templates() == null
                ? cfg.onboarding()
                : new OnboardingConfig(
                        base.resolve(cfg.onboarding().templates()).normalize());
        SwitchboardConfig done = new SwitchboardConfig(
                dataDir,
                workspaces,
                coords,
                layout,
                agents,
                cfg.limits(),
                cfg.retry(),
                cfg.discord(),
                twitch,
                cfg.web(),
                cfg.broker(),
                onboarding,
                cfg.gas(),
                cfg.alerts(),
                cfg.source());
        List<String> problems = ConfigValidator.validate(done);
        if (!problems.isEmpty()) {
            throw new ConfigException(name + ": " + String.join("; ", problems));
        }
        return done;
    }

    /** "not valid YAML at line 3: expected ',' or '}'" when the text itself does not parse. */
    static Optional<String> syntaxError(Throwable e) {
        // SnakeYAML's own problem first: Jackson's wrapper repeats it with a quoted snippet and "in 'reader'".
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException y) {
                int line = y.getProblemMark() == null ? -1 : y.getProblemMark().getLine() + 1;
                return Optional.of(
                        "not valid YAML" + (line > 0 ? " at line " + line : "") + ": " + oneLine(y.getProblem()));
            }
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof com.fasterxml.jackson.core.JsonParseException p) {
                return Optional.of("not valid YAML/JSON"
                        + (p.getLocation() != null
                                ? " at line " + p.getLocation().getLineNr()
                                : "") + ": " + oneLine(p.getOriginalMessage()));
            }
        }
        return Optional.empty();
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    /** "agents[1].delivery[0]: unknown delivery method 'guii' ..." from Jackson's exception. */
    static String describe(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
        if (path.startsWith(".")) {
            path = path.substring(1);
        }
        String why;
        if (e instanceof UnrecognizedPropertyException u) {
            why = "unknown key '" + u.getPropertyName() + "'"
                    + (u.getKnownPropertyIds() == null
                            ? ""
                            : " (known: "
                                    + u.getKnownPropertyIds().stream()
                                            .map(Object::toString)
                                            .sorted()
                                            .collect(Collectors.joining(", "))
                                    + ")");
            path = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) + "." + u.getPropertyName() : path;
        } else if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mi
                && mi.getTargetType() != null) {
            why = ConfigShapes.expected(mi.getTargetType(), path, mi);
        } else {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            why = root instanceof JacksonException je ? je.getOriginalMessage() : root.getMessage();
            if (why != null) {
                why = oneLine(why);
            }
        }
        String where = e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : "";
        return (path.isEmpty() ? "" : path + ": ") + why + where;
    }

    /**
     * What can still be read of a file that does not load, for commands that only look at the queue: its
     * {@code data_dir} and {@code workspaces} if those two can be read, else the defaults beside the file; no
     * agents (the file's list is not to be trusted). Never throws for the file's content.
     */
    public static SwitchboardConfig salvage(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path base = Files.isDirectory(abs) || abs.getParent() == null ? abs : abs.getParent();
        String dataDir = null;
        String workspaces = null;
        try {
            if (Files.isRegularFile(abs) && Files.size(abs) <= MAX_FILE_BYTES) {
                com.fasterxml.jackson.databind.JsonNode root = Yaml.lenient().readTree(Files.readString(abs));
                if (root != null && root.isObject()) {
                    dataDir = root.path("data_dir").isTextual()
                            ? root.path("data_dir").asText()
                            : null;
                    workspaces = root.path("workspaces").isTextual()
                            ? root.path("workspaces").asText()
                            : null;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Unreadable as YAML at all: the defaults beside the file are the best guess left.
            dataDir = null;
        }
        return new SwitchboardConfig(
                base.resolve(dataDir == null ? "switchboard-data" : dataDir).normalize(),
                base.resolve(workspaces == null ? "agent_workspaces" : workspaces)
                        .normalize(),
                null,
                null,
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                abs);
    }

    /** A human list of the problems of a config, for {@code config check}. */
    public static List<String> problems(SwitchboardConfig cfg) {
        return new ArrayList<>(ConfigValidator.validate(cfg));
    }
}
