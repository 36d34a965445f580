package io.locolink.gateway.acquisition;

import io.locolink.gateway.devices.BusException;
import io.locolink.gateway.devices.BusNackException;
import io.locolink.gateway.devices.BusTimeoutException;
import io.locolink.gateway.devices.FrameCorruptException;
import io.locolink.gateway.devices.SensorFaultException;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Runs one device's reads with bounded retries (none after a timeout), counts failures, reports the device offline after
 * several failed cycles and then only tries again after an exponentially growing backoff. A sensor
 * fault (the device answered) keeps the device online. Not thread-safe.
 */
final class DeviceGuard {

  /** A read that may fail on the bus. */
  @FunctionalInterface
  interface BusRead<T> {
    T read() throws BusException;
  }

  /** A read's result: the value, or the quality flags that explain its absence. */
  record Outcome<T>(Optional<T> value, int flags) {
    boolean ok() {
      return value.isPresent();
    }
  }

  private static final long FIRST_BACKOFF_NANOS = 1_000_000_000L;

  private final String name;
  private final int maxRetries;
  private final int offlineAfterFailures;
  private final long maxBackoffNanos;
  private final LongSupplier monotonicNanos;
  private boolean online = true;
  private int failedCycles;
  private long errorCount;
  private String lastError;
  private long backoffNanos = FIRST_BACKOFF_NANOS;
  private long nextAttemptNanos;
  private int lastCauseFlag;

  DeviceGuard(String name, int maxRetries, int offlineAfterFailures, long maxBackoffNanos, LongSupplier monotonicNanos) {
    this.name = name;
    this.maxRetries = maxRetries;
    this.offlineAfterFailures = offlineAfterFailures;
    this.maxBackoffNanos = maxBackoffNanos;
    this.monotonicNanos = monotonicNanos;
  }

  /**
   * Reads once plus up to maxRetries retries; skipped while an offline device is backing off (the
   * outcome then carries the last failure's cause, DEVICE_OFFLINE and STALE).
   */
  <T> Outcome<T> run(BusRead<T> read) {
    long now = monotonicNanos.getAsLong();
    if (!online && now - nextAttemptNanos < 0) {
      return new Outcome<>(Optional.empty(),
          lastCauseFlag | QualityFlag.mask(QualityFlag.DEVICE_OFFLINE, QualityFlag.STALE));
    }
    BusException failure = null;
    for (int attempt = 0; attempt <= maxRetries; attempt++) {
      try {
        T value = read.read();
        online = true;
        failedCycles = 0;
        backoffNanos = FIRST_BACKOFF_NANOS;
        return new Outcome<>(Optional.of(value), 0);
      } catch (SensorFaultException e) {
        errorCount++;
        lastError = e.getMessage();
        failedCycles = 0;
        online = true;
        return new Outcome<>(Optional.empty(), QualityFlag.mask(QualityFlag.SENSOR_INVALID, QualityFlag.STALE));
      } catch (BusTimeoutException e) {
        errorCount++;
        lastError = e.getMessage();
        failure = e;
        break; // a silent device would cost a whole timeout per retry: try again next cycle
      } catch (BusException e) {
        errorCount++;
        lastError = e.getMessage();
        failure = e;
      }
    }
    failedCycles++;
    if (failedCycles >= offlineAfterFailures) {
      if (!online) {
        backoffNanos = Math.min(maxBackoffNanos, backoffNanos * 2);
      }
      online = false;
      nextAttemptNanos = now + backoffNanos;
    }
    lastCauseFlag = flagOf(failure);
    int flags = lastCauseFlag | QualityFlag.STALE.bit() | (online ? 0 : QualityFlag.DEVICE_OFFLINE.bit());
    return new Outcome<>(Optional.empty(), flags);
  }

  static int flagOf(BusException e) {
    return switch (e) {
      case BusNackException n -> QualityFlag.BUS_ERROR.bit();
      case BusTimeoutException t -> QualityFlag.TIMEOUT.bit();
      case FrameCorruptException c -> QualityFlag.CHECKSUM.bit();
      case SensorFaultException s -> QualityFlag.SENSOR_INVALID.bit();
    };
  }

  /** Counts a failure seen outside {@link #run} (a garbled GNSS sentence) without changing state. */
  void countError(String message) {
    errorCount++;
    lastError = message;
  }

  boolean online() {
    return online;
  }

  DeviceHealth health() {
    return new DeviceHealth(name, online, errorCount, Optional.ofNullable(lastError));
  }
}
