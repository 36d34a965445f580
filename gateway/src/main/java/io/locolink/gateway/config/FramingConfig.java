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
 * @param maxMessageBytes largest encoded telemetry frame, bytes: a frame that would be larger is
 *     split into several, each with its own sequence number, so no reading is dropped and no broker
 *     refuses a frame for its size. The default, 7,168 (7 KiB), stays under the smallest limit in
 *     common use (an embedded broker refusing messages over about 8 KB) with room for the topic;
 *     1,024 to 262,144.
 */
public record FramingConfig(Integer sampleRateHz, Integer frameSpanMs, Integer keyFrameInterval,
    Integer maxMessageBytes) {

  /** Key frame interval when the configuration names none, frames. */
  public static final int DEFAULT_KEY_FRAME_INTERVAL = 30;
  /** Largest telemetry frame when the configuration names none, bytes. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 7168;

  public FramingConfig {
    sampleRateHz = ConfigException.requireRange("sampleRateHz", sampleRateHz == null ? 10 : sampleRateHz, 1, 50);
    frameSpanMs = ConfigException.requireRange("frameSpanMs", frameSpanMs == null ? 1000 : frameSpanMs, 100, 60_000);
    keyFrameInterval = ConfigException.requireRange("keyFrameInterval",
        keyFrameInterval == null ? DEFAULT_KEY_FRAME_INTERVAL : keyFrameInterval, 1, 3600);
    maxMessageBytes = ConfigException.requireRange("maxMessageBytes",
        maxMessageBytes == null ? DEFAULT_MAX_MESSAGE_BYTES : maxMessageBytes, 1024, 262_144);
    if (frameSpanMs * sampleRateHz < 1000) {
      throw new ConfigException("frameSpanMs", "must hold at least one sample at " + sampleRateHz + " Hz, got " + frameSpanMs + " ms");
    }
  }

  /** Rates with the default key frame interval and size bound. */
  public FramingConfig(Integer sampleRateHz, Integer frameSpanMs) {
    this(sampleRateHz, frameSpanMs, null, null);
  }

  /** Rates and key frame interval with the default size bound. */
  public FramingConfig(Integer sampleRateHz, Integer frameSpanMs, Integer keyFrameInterval) {
    this(sampleRateHz, frameSpanMs, keyFrameInterval, null);
  }

  public static FramingConfig defaults() {
    return new FramingConfig(null, null, null, null);
  }

  /** Time between acquisition cycles, nanoseconds. */
  public long samplePeriodNanos() {
    return 1_000_000_000L / sampleRateHz;
  }
}
