package io.locolink.gateway.acquisition;

import java.util.Optional;

/**
 * How one device has been answering, for the status message.
 *
 * @param name device label (chip, bus and address)
 * @param online false after several failed cycles in a row, true again at the next good answer
 * @param errorCount failed reads since start (each retry counts)
 * @param lastError the last failure's message, empty when none ever happened
 */
public record DeviceHealth(String name, boolean online, long errorCount, Optional<String> lastError) {}
