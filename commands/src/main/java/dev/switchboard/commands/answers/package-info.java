/**
 * Agents' answers go back where the question came from. {@link dev.switchboard.commands.answers.OutboxWatcher}
 * and the {@code reply}/{@code say} commands hand answers to {@link dev.switchboard.commands.answers.AnswerIntake},
 * which stores them durably (or queues them to another agent) and marks the question read;
 * {@link dev.switchboard.commands.answers.AnswerRouter} hands stored answers to the front-end of their
 * destination once one is up. Bridges implement {@link dev.switchboard.commands.answers.AnswerSink} and only render.
 */
package dev.switchboard.commands.answers;
