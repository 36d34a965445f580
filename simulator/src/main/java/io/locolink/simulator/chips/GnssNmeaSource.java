package io.locolink.simulator.chips;

import io.locolink.gateway.devices.Nmea;
import io.locolink.simulator.faults.FaultInjector;
import io.locolink.simulator.faults.FaultKind;
import io.locolink.simulator.physics.LocomotiveState;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A GNSS receiver talking NMEA 0183 once per simulated second: GGA then RMC, talker GN, with
 * checksums. Faults: {@code gnss-loss} (no fix: RMC status V, GGA quality 0) and
 * {@code gnss-jump=M} (position M metres north). Not thread-safe.
 */
public final class GnssNmeaSource implements SerialDevice {

  private final Supplier<LocomotiveState> state;
  private final FaultInjector faults;
  private long lastSecond = Long.MIN_VALUE;

  public GnssNmeaSource(Supplier<LocomotiveState> state, FaultInjector faults) {
    this.state = state;
    this.faults = faults;
  }

  @Override
  public void receive(byte[] data) {
    // the receiver ignores configuration commands
  }

  @Override
  public byte[] transmit() {
    LocomotiveState s = state.get();
    long second = (long) Math.floor(s.timeS());
    if (second == lastSecond) {
      return new byte[0];
    }
    lastSecond = second;
    return sentences(s).getBytes(StandardCharsets.US_ASCII);
  }

  private String sentences(LocomotiveState s) {
    ZonedDateTime utc = s.utc().atZone(ZoneOffset.UTC);
    String time = String.format(Locale.ROOT, "%02d%02d%02d.00", utc.getHour(), utc.getMinute(), utc.getSecond());
    String date = String.format(Locale.ROOT, "%02d%02d%02d", utc.getDayOfMonth(), utc.getMonthValue(), utc.getYear() % 100);
    if (faults.isActive(FaultKind.GNSS_LOSS, "", s.timeS())) {
      return Nmea.withChecksum("GNGGA," + time + ",,,,,0,00,99.99,,,,,,") + "\r\n"
          + Nmea.withChecksum("GNRMC," + time + ",V,,,,,,," + date + ",,,N") + "\r\n";
    }
    double lat = s.latitudeDeg() + faults.active(FaultKind.GNSS_JUMP, "", s.timeS())
        .map(f -> f.magnitude() / 111_195.0).orElse(0.0);
    String latField = coordinate(Math.abs(lat), 2) + "," + (lat >= 0 ? "N" : "S");
    String lonField = coordinate(Math.abs(s.longitudeDeg()), 3) + "," + (s.longitudeDeg() >= 0 ? "E" : "W");
    String knots = String.format(Locale.ROOT, "%.2f", s.speedKmh() / 1.852);
    return Nmea.withChecksum("GNGGA," + time + "," + latField + "," + lonField + ",1,12,0.8,400.0,M,-20.0,M,,") + "\r\n"
        + Nmea.withChecksum("GNRMC," + time + ",A," + latField + "," + lonField + "," + knots + ",0.0," + date + ",,,A")
        + "\r\n";
  }

  /** Degrees as (d)ddmm.mmmmmm. */
  private static String coordinate(double degrees, int degreeDigits) {
    int whole = (int) degrees;
    double minutes = (degrees - whole) * 60;
    return String.format(Locale.ROOT, "%0" + degreeDigits + "d%09.6f", whole, minutes);
  }

  @Override
  public long turnaroundNanos() {
    return 0;
  }
}
