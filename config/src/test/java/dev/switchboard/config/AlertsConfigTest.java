package dev.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertsConfigTest {
    @TempDir
    Path dir;

    private SwitchboardConfig load(String yaml) throws Exception {
        Path file = dir.resolve("switchboard.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file);
    }

    @Test
    void defaultsWhenAbsent() throws Exception {
        AlertsConfig a = load("agents: [{id: Agent-1}]\n").alerts();
        assertEquals(1, a.deadLetters().count());
        assertEquals(10, a.deadLetters().minutes());
        assertTrue(a.breakerOpen());
        assertEquals(0, a.unreadMinutes());
        assertEquals(5, a.bridgeDownMinutes());
        assertEquals(15, a.checkSeconds());
    }

    @Test
    void everyKeyIsRead() throws Exception {
        AlertsConfig a = load("""
                alerts:
                  dead_letters: {count: 3, minutes: 30}
                  breaker_open: false
                  unread_minutes: 45
                  bridge_down_minutes: 2
                  check_seconds: 5
                """).alerts();
        assertEquals(new AlertsConfig(new AlertsConfig.DeadLetters(3, 30), false, 45, 2, 5), a);
        assertFalse(a.breakerOpen());
    }

    @Test
    void badValuesAndUnknownKeysNameTheirField() {
        ConfigException bad = assertThrows(
                ConfigException.class, () -> load("alerts: {dead_letters: {minutes: 0}, check_seconds: 0}\n"));
        assertTrue(bad.getMessage().contains("alerts.dead_letters.minutes: must be 1..10080"), bad.getMessage());
        assertTrue(bad.getMessage().contains("alerts.check_seconds: must be 1..3600"), bad.getMessage());
        ConfigException unknown = assertThrows(ConfigException.class, () -> load("alerts: {unread: 5}\n"));
        assertTrue(unknown.getMessage().contains("alerts.unread: unknown key 'unread'"), unknown.getMessage());
    }
}
