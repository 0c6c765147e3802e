package dev.switchboard.bot.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One REST request the client made to the fake, in arrival order.
 *
 * @param seq    arrival number, from 1
 * @param method HTTP method
 * @param path   path below {@code /api/v10/}, URL-decoded (so reaction emoji read as emoji)
 * @param body   parsed JSON body, or a missing node when there was none
 */
public record RestCall(long seq, String method, String path, JsonNode body) {
    public boolean is(String httpMethod, String pathRegex) {
        return method.equals(httpMethod) && path.matches(pathRegex);
    }

    @Override
    public String toString() {
        return seq + " " + method + " " + path + (body.isMissingNode() ? "" : " " + body);
    }
}
