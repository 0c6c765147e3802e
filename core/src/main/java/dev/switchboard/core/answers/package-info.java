/**
 * What goes back to people: agents' answers and the switchboard's announcements, kept in the queue's database
 * until a chat bridge has posted them, so nothing is lost while no bridge runs.
 */
package dev.switchboard.core.answers;
