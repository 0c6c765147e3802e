package dev.switchboard.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Dream.OS {@code cursor_agent_coords.json}: top-level layout names ({@code "8-agent"} …), each mapping
 * agent ids to {@code {"input_box": {"x": -1399, "y": 486}, "starter_location_box": {...}}}.
 */
record CoordsFile(Map<String, Map<String, GuiConfig>> layouts) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static CoordsFile load(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new ConfigException(
                    file + ": not valid JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(),
                    e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read coords file: " + e.getMessage(), e);
        }
        return parse(root, file.toString());
    }

    static CoordsFile parse(JsonNode root, String name) {
        if (root == null || !root.isObject()) {
            throw new ConfigException(name + ": expected an object of layouts, e.g. {\"8-agent\": {...}}");
        }
        Map<String, Map<String, GuiConfig>> layouts = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> layout = it.next();
            if (!layout.getValue().isObject()) {
                continue; // Dream.OS files carry comments/metadata keys beside the layouts
            }
            Map<String, GuiConfig> agents = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> a = layout.getValue().fields(); a.hasNext(); ) {
                Map.Entry<String, JsonNode> agent = a.next();
                String at = layout.getKey() + "." + agent.getKey();
                ScreenPoint input = point(agent.getValue().get("input_box"), name, at + ".input_box", true);
                ScreenPoint starter =
                        point(agent.getValue().get("starter_location_box"), name, at + ".starter_location_box", false);
                agents.put(agent.getKey(), new GuiConfig(input, starter, null));
            }
            layouts.put(layout.getKey(), agents);
        }
        return new CoordsFile(layouts);
    }

    private static ScreenPoint point(JsonNode node, String name, String at, boolean required) {
        if (node == null || node.isNull()) {
            if (required) {
                throw new ConfigException(name + ": " + at + ": required");
            }
            return null;
        }
        JsonNode x = node.get("x");
        JsonNode y = node.get("y");
        if (x == null || y == null || !x.isNumber() || !y.isNumber()) {
            throw new ConfigException(name + ": " + at + ": needs numeric x and y");
        }
        return new ScreenPoint(x.asInt(), y.asInt());
    }

    /** The agents of one layout, or an error that lists the layouts there are. */
    public Map<String, GuiConfig> layout(String layoutName, String fileName) {
        Map<String, GuiConfig> found = layouts.get(layoutName);
        if (found == null) {
            throw new ConfigException(fileName + ": no layout '" + layoutName + "' (layouts: "
                    + String.join(", ", layouts.keySet()) + ")");
        }
        return found;
    }

    /**
     * Gives configured agents their coordinates from the layout (agents that set {@code gui.input_box} keep
     * theirs). With no agents configured, the layout's agents become the agent list, GUI first, inbox second.
     */
    static List<AgentConfig> merge(List<AgentConfig> configured, Map<String, GuiConfig> layout) {
        if (configured.isEmpty()) {
            List<AgentConfig> fromLayout = new ArrayList<>();
            layout.forEach((id, gui) -> fromLayout.add(new AgentConfig(
                    id, List.of(), List.of(), List.of(DeliveryMethod.GUI, DeliveryMethod.INBOX), null, gui, null)));
            return fromLayout;
        }
        Map<String, GuiConfig> byLowerId = new LinkedHashMap<>();
        layout.forEach((id, gui) -> byLowerId.put(id.toLowerCase(Locale.ROOT), gui));
        return configured.stream()
                .map(a -> {
                    GuiConfig fromFile = byLowerId.get(a.id() == null ? "" : a.id().toLowerCase(Locale.ROOT));
                    if (fromFile == null || (a.gui() != null && a.gui().inputBox() != null)) {
                        return a;
                    }
                    String submit = a.gui() == null ? null : a.gui().submit();
                    WatchArea watch = a.gui() == null ? null : a.gui().watch();
                    return a.withGui(new GuiConfig(fromFile.inputBox(), fromFile.starterLocationBox(), submit, watch));
                })
                .toList();
    }
}
