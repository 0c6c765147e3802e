package dev.switchboard.config;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * What the config's YAML may not do, checked on the parser's events before anything is built: anchors and
 * aliases (a few lines of them expand to billions of nodes, and a config has no need of them) and keys given
 * twice (the later one silently won). Syntax errors are left to the loader, which reports them with a line.
 */
final class YamlShape {
    private YamlShape() {}

    /** A mapping being read: its keys so far, and whether the next scalar is a key. */
    private static final class Mapping {
        final Set<String> keys = new HashSet<>();
        boolean expectingKey = true;
    }

    /** @throws ConfigException naming the first anchor, alias or repeated key, with its line */
    static void check(String text, String name) {
        Deque<Object> open = new ArrayDeque<>(); // Mapping, or a marker for a sequence
        Object sequence = new Object();
        try {
            for (Event e : new Yaml(new LoaderOptions()).parse(new StringReader(text))) {
                int line = e.getStartMark() == null ? 0 : e.getStartMark().getLine() + 1;
                if (e instanceof AliasEvent || e instanceof NodeEvent n && n.getAnchor() != null) {
                    throw new ConfigException(name + ": YAML anchors and aliases (&name, *name) are not supported"
                            + " in the config; write the values out (line " + line + ")");
                }
                if (e instanceof ScalarEvent s) {
                    if (open.peek() instanceof Mapping m) {
                        if (m.expectingKey && !m.keys.add(s.getValue())) {
                            throw new ConfigException(
                                    name + ": key '" + s.getValue() + "' is given twice (line " + line + ")");
                        }
                        m.expectingKey = !m.expectingKey;
                    }
                } else if (e instanceof CollectionStartEvent) {
                    open.push(e instanceof MappingStartEvent ? new Mapping() : sequence);
                } else if (e instanceof CollectionEndEvent) {
                    open.poll();
                    if (open.peek() instanceof Mapping parent) {
                        parent.expectingKey = !parent.expectingKey; // the collection was a key's value (or a key)
                    }
                }
            }
        } catch (YAMLException syntax) {
            // Not valid YAML: the loader's own parse says where, in its words.
        }
    }
}
