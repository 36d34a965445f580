/**
 * The {@code depot} command: pulls trip logs and energy records from a locomotive's depot server
 * into a directory, resumably, through the depot client of {@code io.locolink.ground.collect}. May
 * use {@code ground.collect}, the gateway's {@code trips} (trip ids, log checks) and key-file
 * reader, and picocli. Used by the launcher.
 */
package io.locolink.ground.tools.depot;
