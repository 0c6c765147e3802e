/**
 * Log context shared by every module: the MDC keys that tie a log line to the message (and the request) it is
 * about, so the JSON log can be searched by message id or correlation id.
 */
package dev.switchboard.core.logging;
