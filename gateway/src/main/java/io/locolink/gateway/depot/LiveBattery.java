package io.locolink.gateway.depot;

import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.estimation.Estimates;
import java.time.Instant;
import java.util.Objects;

/**
 * The live battery state the depot server offers for observation.
 *
 * @param utc when it was measured
 * @param socPercent the gateway's SoC estimate, percent
 * @param packVoltageV pack voltage, volts
 * @param packCurrentA pack current, amperes, + discharge
 * @param packPowerKw pack power, kilowatts, + discharge
 * @param cellMinV lowest good cell voltage, volts (NaN when none was good)
 * @param cellMaxV highest good cell voltage, volts (NaN when none was good)
 * @param cellMinTempC lowest good cell temperature, degrees Celsius (NaN when none)
 * @param cellMaxTempC highest good cell temperature, degrees Celsius (NaN when none)
 * @param activeAlarms alarms active now
 * @param highestAlarmTier most severe active tier name, or "NONE"
 */
public record LiveBattery(
    Instant utc,
    double socPercent,
    double packVoltageV,
    double packCurrentA,
    double packPowerKw,
    double cellMinV,
    double cellMaxV,
    double cellMinTempC,
    double cellMaxTempC,
    int activeAlarms,
    String highestAlarmTier) {

  public LiveBattery {
    Objects.requireNonNull(utc, "utc");
    Objects.requireNonNull(highestAlarmTier, "highestAlarmTier");
  }

  /** The state after one acquisition cycle. */
  public static LiveBattery of(Snapshot s, Estimates e) {
    return new LiveBattery(s.utc(), e.socPercent(), s.pack().voltageV().value(), s.pack().currentA().value(),
        s.pack().powerW() / 1000.0, e.cells().minV(), e.cells().maxV(), e.cells().minTempC(), e.cells().maxTempC(),
        e.activeAlarms(), e.highestTier().map(Enum::name).orElse("NONE"));
  }
}
