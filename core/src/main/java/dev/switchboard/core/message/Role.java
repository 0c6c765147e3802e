package dev.switchboard.core.message;

/** What a person may do; each role includes the ones before it. */
public enum Role {
    /** Read-only commands (agents, status, help). */
    VIEWER,
    /** Send messages to agents, broadcast. */
    OPERATOR,
    /** Queue control and configuration. */
    ADMIN;

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }
}
