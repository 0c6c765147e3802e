package dev.switchboard.bot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.config.AccessList;
import dev.switchboard.config.DiscordConfig;
import dev.switchboard.core.message.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscordAccessTest {

    private static DiscordConfig config(AccessList operators, AccessList admins) {
        return new DiscordConfig(null, null, null, null, operators, admins, null, null);
    }

    @Test
    void withNothingConfiguredOnlyDiscordAdministratorsMayAct() {
        DiscordAccess access = new DiscordAccess(DiscordConfig.defaults());

        assertEquals(Role.ADMIN, access.roleOf("1", List.of(), true));
        assertEquals(Role.VIEWER, access.roleOf("2", List.of("77"), false));
    }

    @Test
    void listedRolesAndUsersGetTheirRole() {
        DiscordAccess access = new DiscordAccess(
                config(new AccessList(List.of("10"), List.of("5")), new AccessList(List.of("20"), List.of("6"))));

        assertEquals(Role.OPERATOR, access.roleOf("1", List.of("10"), false), "operator by role");
        assertEquals(Role.OPERATOR, access.roleOf("5", List.of(), false), "operator by user id");
        assertEquals(Role.ADMIN, access.roleOf("1", List.of("10", "20"), false), "admin wins over operator");
        assertEquals(Role.ADMIN, access.roleOf("6", List.of(), false), "admin by user id");
        assertEquals(Role.VIEWER, access.roleOf("7", List.of("99"), false), "unlisted is a viewer");
    }

    @Test
    void configuredAdminsReplaceTheAdministratorFallback() {
        DiscordAccess access = new DiscordAccess(config(AccessList.empty(), new AccessList(List.of(), List.of("6"))));

        assertEquals(Role.VIEWER, access.roleOf("1", List.of(), true));
        assertEquals(Role.ADMIN, access.roleOf("6", List.of(), false));
    }

    @Test
    void onlyOperatorsConfiguredKeepsServerAdministratorsAsAdmins() {
        DiscordAccess access = new DiscordAccess(config(new AccessList(List.of("10"), List.of()), AccessList.empty()));

        assertEquals(Role.ADMIN, access.roleOf("1", List.of(), true));
        assertEquals(Role.OPERATOR, access.roleOf("2", List.of("10"), false));
        assertEquals(Role.VIEWER, access.roleOf("3", List.of(), false));
    }
}
