package io.locolink.gateway.config;

/**
 * Acquisition and framing rates.
 *
 * @param sampleRateHz acquisition cycles per second (fast channels: pack and drive currents, speed)
 * @param frameSpanMs how much time one telemetry frame covers, milliseconds
 * @param keyFrameInterval at most this many telemetry frames from one frame with every cell value in
 *     full (a key frame) to the next; the frames between carry the cells' change from the previous
 *     frame. After a lost frame the ground waits for the next key frame for the cell lists (the cell
 *     statistics come in every frame). 1 sends every frame in full.
 */
public record FramingConfig(Integer sampleRateHz, Integer frameSpanMs, Integer keyFrameInterval) {

  /** Key frame interval when the configuration names none, frames. */
  public static final int DEFAULT_KEY_FRAME_INTERVAL = 30;

  public FramingConfig {
    sampleRateHz = ConfigException.requireRange("sampleRateHz", sampleRateHz == null ? 10 : sampleRateHz, 1, 50);
    frameSpanMs = ConfigException.requireRange("frameSpanMs", frameSpanMs == null ? 1000 : frameSpanMs, 100, 60_000);
    keyFrameInterval = ConfigException.requireRange("keyFrameInterval",
        keyFrameInterval == null ? DEFAULT_KEY_FRAME_INTERVAL : keyFrameInterval, 1, 3600);
    if (frameSpanMs * sampleRateHz < 1000) {
      throw new ConfigException("frameSpanMs", "must hold at least one sample at " + sampleRateHz + " Hz, got " + frameSpanMs + " ms");
    }
  }

  /** Rates with the default key frame interval. */
  public FramingConfig(Integer sampleRateHz, Integer frameSpanMs) {
    this(sampleRateHz, frameSpanMs, null);
  }

  public static FramingConfig defaults() {
    return new FramingConfig(null, null, null);
  }

  /** Time between acquisition cycles, nanoseconds. */
  public long samplePeriodNanos() {
    return 1_000_000_000L / sampleRateHz;
  }
}
