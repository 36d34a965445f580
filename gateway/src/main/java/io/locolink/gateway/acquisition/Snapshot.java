package io.locolink.gateway.acquisition;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the gateway read in one acquisition cycle. Fast channels (pack and drive currents,
 * speed) are fresh every cycle; slower ones (cells, temperatures) hold their last reading, flagged
 * {@link QualityFlag#STALE} only when their own refresh failed.
 *
 * @param monotonicNanos the gateway's monotonic clock at the cycle (use for integration)
 * @param utc the gateway's UTC clock at the cycle (use for labelling only)
 * @param clock quality of {@code utc}
 * @param pack the battery pack
 * @param drives every traction drive, by index
 * @param genset the genset, empty on a pure battery locomotive
 * @param motion speed and position
 */
public record Snapshot(
    long monotonicNanos,
    Instant utc,
    ClockQuality clock,
    PackReadings pack,
    List<DriveReadings> drives,
    Optional<GensetReadings> genset,
    MotionReadings motion) {

  public Snapshot {
    Objects.requireNonNull(utc, "utc");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(pack, "pack");
    drives = List.copyOf(drives);
    Objects.requireNonNull(genset, "genset");
    Objects.requireNonNull(motion, "motion");
  }
}
