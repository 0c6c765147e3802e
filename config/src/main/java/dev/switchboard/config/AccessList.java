package dev.switchboard.config;

import java.util.List;

/** Platform role ids and user ids that hold a Switchboard role. */
public record AccessList(List<String> roles, List<String> users) {
    public AccessList {
        roles = roles == null ? List.of() : List.copyOf(roles);
        users = users == null ? List.of() : List.copyOf(users);
    }

    public static AccessList empty() {
        return new AccessList(null, null);
    }

    public boolean isEmpty() {
        return roles.isEmpty() && users.isEmpty();
    }
}
