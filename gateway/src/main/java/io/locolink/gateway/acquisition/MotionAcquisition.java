package io.locolink.gateway.acquisition;

import io.locolink.gateway.config.DevicesConfig;
import io.locolink.gateway.devices.BusTimeoutException;
import io.locolink.gateway.devices.DigitalSwitch;
import io.locolink.gateway.devices.GnssReceiver;
import io.locolink.gateway.devices.PulseCounter;
import io.locolink.gateway.devices.SensorFaultException;
import java.util.List;

/**
 * Wheel speed and distance from the wheel-speed pulses, the key switch, and the GNSS fix.
 * Not thread-safe.
 */
final class MotionAcquisition {

  private static final long SPEED_WINDOW_NANOS = 1_000_000_000L;

  private final PulseCounter wheel;
  private final DigitalSwitch key;
  private final GnssReceiver gnss;
  private final DeviceGuard gnssGuard;
  private final GnssTracker tracker = new GnssTracker();
  private final PulseRate wheelRate;
  private final long startEdges;
  private final double metresPerEdge;
  private final Channel speed = new Channel(0, 200, 20, 0);
  private final long staleAfterNanos;
  private long lastGnssBytesNanos;
  private long lastFixNanos;

  MotionAcquisition(DevicesConfig.Motion config, PulseCounter wheel, DigitalSwitch key, GnssReceiver gnss,
      GuardFactory guards, String gnssLabel, long startNanos) {
    this.wheel = wheel;
    this.key = key;
    this.gnss = gnss;
    this.gnssGuard = guards.guard(gnssLabel);
    this.startEdges = wheel.edges();
    this.wheelRate = new PulseRate(SPEED_WINDOW_NANOS, startNanos, startEdges);
    this.metresPerEdge = Math.PI * config.wheelDiameterM() / (2.0 * config.wheelPulsesPerRev());
    this.staleAfterNanos = 3_000_000_000L;
    this.lastGnssBytesNanos = startNanos;
    this.lastFixNanos = startNanos;
  }

  List<DeviceGuard> guards() {
    return List.of(gnssGuard);
  }

  MotionReadings read(long nanos) {
    long edges = wheel.edges();
    Reading wheelSpeed = speed.accept(wheelRate.edgesPerSecond(nanos, edges) * metresPerEdge * 3.6, nanos);
    double odometerM = (edges - startEdges) * metresPerEdge;
    GnssReceiver.PollResult poll = gnss.poll();
    if (poll.corruptSentences() > 0) {
      gnssGuard.countError(poll.corruptSentences() + " NMEA sentence(s) failed their checksum");
    }
    if (poll.bytesRead() > 0) {
      lastGnssBytesNanos = nanos;
    }
    poll.position().ifPresent(p -> {
      if (tracker.offer(p, nanos)) {
        lastFixNanos = nanos;
      } else {
        gnssGuard.countError("GNSS position jump rejected");
      }
    });
    boolean silent = nanos - lastGnssBytesNanos > staleAfterNanos;
    boolean noFix = nanos - lastFixNanos > staleAfterNanos;
    gnssGuard.run(() -> {
      if (silent) {
        throw new BusTimeoutException("GNSS receiver silent for over 3 s");
      }
      if (noFix) {
        throw new SensorFaultException("no valid GNSS fix for over 3 s");
      }
      return Boolean.TRUE;
    });
    return new MotionReadings(wheelSpeed, odometerM, tracker.fix(), key.closed());
  }

  ClockQuality clock() {
    return tracker.clock();
  }
}
