package dev.switchboard.core.message;

public enum MessageType {
    TEXT,
    BROADCAST,
    ONBOARDING,
    GAS,
    REPLY,
    SYSTEM
}
