package dev.switchboard.bot.twitch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.core.message.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class TwitchRolesTest {
    private final TwitchRoles roles = new TwitchRoles(List.of("Trusted_Viewer", "@other"));

    private static IncomingChat from(String login, boolean broadcaster, boolean mod) {
        return new IncomingChat("stream", "m", "1", login, login, broadcaster, mod, "!msg a b");
    }

    @Test
    void broadcasterIsAdminAndModeratorsAreOperators() {
        assertEquals(Role.ADMIN, roles.resolve(from("streamer", true, false)));
        assertEquals(Role.OPERATOR, roles.resolve(from("mod1", false, true)));
    }

    @Test
    void allowlistedLoginsAreOperatorsWhateverTheirCase() {
        assertEquals(Role.OPERATOR, roles.resolve(from("trusted_viewer", false, false)));
        assertEquals(Role.OPERATOR, roles.resolve(from("OTHER", false, false)));
    }

    @Test
    void everyoneElseIsAViewer() {
        assertEquals(Role.VIEWER, roles.resolve(from("random", false, false)));
        assertEquals(Role.VIEWER, new TwitchRoles(List.of()).resolve(from("trusted_viewer", false, false)));
    }
}
