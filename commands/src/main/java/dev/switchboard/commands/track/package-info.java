/**
 * Following requests: which status events belong to which chat request, in order, and when following is over.
 * The one tracker every front-end uses; bridges only render what it hands them.
 */
package dev.switchboard.commands.track;
