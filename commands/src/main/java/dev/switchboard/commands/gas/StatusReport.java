package dev.switchboard.commands.gas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;

/**
 * An agent's {@code status.json}, with the fields of the Dream.OS files: {@code agent_id}, {@code status},
 * {@code current_task}, {@code progress} (0–100) and {@code last_updated}. Other fields are ignored.
 *
 * @param agentId     as written, or null
 * @param status      free text, or null
 * @param task        the current task, or null
 * @param progress    0–100, or null when not given
 * @param lastUpdated as written, or null
 */
record StatusReport(String agentId, String status, String task, Integer progress, String lastUpdated) {
    static final int MAX_TEXT = 500;
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** What identifies this report: the same report read again is not news. */
    public String stamp() {
        return String.join(
                "\u0001",
                String.valueOf(status),
                String.valueOf(task),
                String.valueOf(progress),
                String.valueOf(lastUpdated));
    }

    /**
     * @param agent the agent whose workspace the file is in
     * @throws IllegalArgumentException with one line saying what is wrong
     */
    public static StatusReport parse(String json, String agent) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "not valid JSON (line " + e.getLocation().getLineNr() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String agentId = text(root, "agent_id");
        if (agentId != null && !agentId.toLowerCase(Locale.ROOT).equals(agent.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(
                    "agent_id is '" + shorten(agentId) + "', but the file is in " + agent + "'s workspace");
        }
        Integer progress = null;
        JsonNode p = root.get("progress");
        if (p != null && !p.isNull()) {
            if (!p.isNumber() || Double.isNaN(p.asDouble()) || p.asDouble() < 0 || p.asDouble() > 100) {
                throw new IllegalArgumentException("progress must be a number from 0 to 100");
            }
            progress = (int) Math.floor(p.asDouble());
        }
        return new StatusReport(
                agentId, text(root, "status"), text(root, "current_task"), progress, text(root, "last_updated"));
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isValueNode() || n.isBinary()) {
            throw new IllegalArgumentException(field + " must be text");
        }
        String s = n.asText().strip();
        if (s.length() > MAX_TEXT) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_TEXT + " characters");
        }
        if (s.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw new IllegalArgumentException(field + " contains a control character");
        }
        return s.isEmpty() ? null : s;
    }

    static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
