/**
 * Test stand-ins shared by the tests of every module and run by {@code switchboard bench}: hard message texts
 * here, an agent's chat window in {@code gui}, a terminal agent in {@code tmux}. Never on the product's class
 * path: the other modules take this one with test scope, and only the bench runs it.
 */
package dev.switchboard.testkit;
