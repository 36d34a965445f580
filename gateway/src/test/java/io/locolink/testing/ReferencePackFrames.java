package io.locolink.testing;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.acquisition.Contactor;
import io.locolink.gateway.acquisition.DriveReadings;
import io.locolink.gateway.acquisition.GnssFix;
import io.locolink.gateway.acquisition.MotionReadings;
import io.locolink.gateway.acquisition.PackReadings;
import io.locolink.gateway.acquisition.Reading;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.config.FramingConfig;
import io.locolink.gateway.estimation.Estimates;
import io.locolink.gateway.framing.CellPredictor;
import io.locolink.gateway.framing.HeaderFields;
import io.locolink.gateway.framing.TelemetryFrameEncoder;
import io.locolink.proto.v1.TelemetryFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * 1 s frames made by the gateway's own framing ({@code TelemetryFrameEncoder}) from 10 Hz snapshots
 * of the reference pack: 216 cells read in whole millivolts (a BMS's resolution) with Gaussian read
 * noise on slowly drifting true voltages that sag with the current, 108 temperature sensors in
 * 0.1 degC, 4 drives, GNSS; pack and drive currents with 1-2 A of read noise; a 10-minute cycle of
 * accelerating, running, braking and standing. Each frame both as v1.1 (every cell list in full)
 * and as v1.2 (cells predicted from the previous frame, a key frame at the default interval). The
 * trip log benchmark's generator, and the trip log tests' source of realistic frames.
 */
public final class ReferencePackFrames {

  /** The frames of one second, as v1.1 and as v1.2. */
  public record Second(TelemetryFrame v11, TelemetryFrame v12) {}

  private final Random noise = new Random(7);
  private final double sigmaMv;
  private final double[] offsetMv = new double[216];
  private final CellPredictor predictor = new CellPredictor(FramingConfig.DEFAULT_KEY_FRAME_INTERVAL);
  private int t;

  /** @param sigmaMv one-sigma read noise on every cell reading, mV */
  public ReferencePackFrames(double sigmaMv) {
    this.sigmaMv = sigmaMv;
    for (int c = 0; c < offsetMv.length; c++) {
      offsetMv[c] = noise.nextGaussian() * 8;
    }
  }

  /** The next second's frames. */
  public Second next() {
    List<Snapshot> snaps = new ArrayList<>();
    for (int k = 0; k < 10; k++) {
      snaps.add(snapshot(t + k / 10.0));
    }
    HeaderFields header = new HeaderFields("KZ-0042", 1, t, snaps.get(0).utc(), ClockQuality.SYNCED);
    Estimates estimates = SyntheticTrip.estimates(new SyntheticTrip.State(true, 0, 700, 0, 0, 25, 70, 80));
    t++;
    return new Second(TelemetryFrameEncoder.encode(header, snaps, estimates),
        TelemetryFrameEncoder.encode(header, snaps, estimates, predictor));
  }

  private Snapshot snapshot(double sec) {
    double phase = (sec % 600) / 600.0;
    double speed = phase < 0.3 ? phase / 0.3 * 40 : phase < 0.6 ? 40 : phase < 0.8 ? (0.8 - phase) / 0.2 * 40 : 0;
    double current = speed > 0 ? 400 + noise.nextGaussian() * 2 : -20 + noise.nextGaussian();
    double[] cells = new double[216];
    for (int c = 0; c < 216; c++) {
      double trueMv = 3290 - sec / 3600 * 40 + offsetMv[c] - current * 0.18;
      cells[c] = Math.round(trueMv + noise.nextGaussian() * sigmaMv) / 1000.0;
    }
    double[] temps = new double[108];
    for (int i = 0; i < temps.length; i++) {
      temps[i] = Math.round((22 + sec / 600 + (i % 7) * 0.3) * 10) / 10.0;
    }
    double packV = Arrays.stream(cells).sum();
    PackReadings pack = new PackReadings(Reading.good(packV), Reading.good(current), cells, new int[216], temps,
        new int[108], Reading.good(80), Reading.good(98), Reading.good(5000), Contactor.CLOSED, new boolean[216], 5);
    List<DriveReadings> drives = new ArrayList<>();
    for (int d = 0; d < 4; d++) {
      drives.add(new DriveReadings(d, Reading.good(current / 4 + noise.nextGaussian()), Reading.good(speed * 40),
          Reading.good(packV), Reading.good(Math.round((70 + sec / 300) * 10) / 10.0), Reading.good(55),
          Reading.good(60), Reading.good(40)));
    }
    long whole = (long) Math.floor(sec);
    GnssFix fix = new GnssFix(43.25 + sec * 1e-6, 76.95, speed, Instant.ofEpochSecond(1_795_000_000L + whole), 1, 9, 0);
    return new Snapshot((long) (sec * 1e9), Instant.ofEpochSecond(1_795_000_000L + whole), ClockQuality.SYNCED, pack,
        drives, Optional.empty(), new MotionReadings(Reading.good(speed), sec * 8, Optional.of(fix), true));
  }
}
