package io.locolink.gateway.config;

/**
 * Acquisition and framing rates.
 *
 * @param sampleRateHz acquisition cycles per second (fast channels: pack and drive currents, speed)
 * @param frameSpanMs how much time one telemetry frame covers, milliseconds
 */
public record FramingConfig(Integer sampleRateHz, Integer frameSpanMs) {

  public FramingConfig {
    sampleRateHz = ConfigException.requireRange("sampleRateHz", sampleRateHz == null ? 10 : sampleRateHz, 1, 50);
    frameSpanMs = ConfigException.requireRange("frameSpanMs", frameSpanMs == null ? 1000 : frameSpanMs, 100, 60_000);
    if (frameSpanMs * sampleRateHz < 1000) {
      throw new ConfigException("frameSpanMs", "must hold at least one sample at " + sampleRateHz + " Hz, got " + frameSpanMs + " ms");
    }
  }

  public static FramingConfig defaults() {
    return new FramingConfig(null, null);
  }

  /** Time between acquisition cycles, nanoseconds. */
  public long samplePeriodNanos() {
    return 1_000_000_000L / sampleRateHz;
  }
}
