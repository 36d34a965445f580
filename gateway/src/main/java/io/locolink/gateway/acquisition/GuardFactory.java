package io.locolink.gateway.acquisition;

import io.locolink.gateway.config.DevicesConfig;
import java.util.function.LongSupplier;

/** Builds {@link DeviceGuard}s with the configured retry and backoff policy. */
final class GuardFactory {

  private final DevicesConfig config;
  private final LongSupplier monotonicNanos;

  GuardFactory(DevicesConfig config, LongSupplier monotonicNanos) {
    this.config = config;
    this.monotonicNanos = monotonicNanos;
  }

  DeviceGuard guard(String name) {
    return new DeviceGuard(name, config.maxRetries(), config.offlineAfterFailures(),
        config.maxBackoffMs() * 1_000_000L, monotonicNanos);
  }
}
