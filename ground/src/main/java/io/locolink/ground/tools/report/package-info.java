/**
 * The {@code report} and {@code export} commands: read a pulled trip log and write a readable HTML
 * trip report with charts, and CSV. May use the gateway's {@code trips} (log reader) and {@code
 * framing} (the log's records and the decoders), {@code storage} (the atomic replace of the files
 * it writes), the generated protobuf classes and picocli. Used by the launcher.
 */
package io.locolink.ground.tools.report;
