package io.locolink.gateway.acquisition;

import io.locolink.gateway.config.DevicesConfig;
import io.locolink.gateway.devices.Ads1115;
import io.locolink.gateway.devices.Ina228;
import io.locolink.gateway.devices.PulseCounter;
import java.util.List;

/**
 * The genset: electrical output from an INA228 on its DC output every cycle, engine speed and
 * fuel flow from pulse inputs, coolant from an NTC on the pack's ADS1115 (AIN1) when the slow
 * period is due. Not thread-safe.
 */
final class GensetAcquisition {

  private static final long RPM_WINDOW_NANOS = 1_000_000_000L;
  private static final long FUEL_WINDOW_NANOS = 10_000_000_000L;
  private static final double RUNNING_RPM = 300;

  private final DevicesConfig.Genset config;
  private final DevicesConfig.Ntc ntc;
  private final Ina228 shunt;
  private final Ads1115 analog;
  private final PulseCounter rpmPulses;
  private final PulseCounter fuelPulses;
  private final DeviceGuard shuntGuard;
  private final DeviceGuard analogGuard;
  private final PulseRate rpmRate;
  private final PulseRate fuelRate;
  private final long fuelStartEdges;
  private final Periodic slow;
  private final Channel rpm = new Channel(0, 3000, 2000, 0);
  private final Channel power = new Channel(-50, 2000, Double.POSITIVE_INFINITY, Channel.STUCK_AFTER_FAST);
  private final Channel fuel = new Channel(0, 500, Double.POSITIVE_INFINITY, 0);
  private final Channel coolant = new Channel(-50, 120, 5, 0);
  private Reading coolantReading = coolant.failed(0);

  GensetAcquisition(DevicesConfig.Genset config, DevicesConfig.Ntc ntc, Ina228 shunt, Ads1115 analog,
      PulseCounter rpmPulses, PulseCounter fuelPulses, GuardFactory guards, long slowPeriodNanos, long startNanos) {
    this.config = config;
    this.ntc = ntc;
    this.shunt = shunt;
    this.analog = analog;
    this.rpmPulses = rpmPulses;
    this.fuelPulses = fuelPulses;
    this.shuntGuard = guards.guard(shunt.label());
    this.analogGuard = guards.guard(analog.label() + " genset coolant");
    this.rpmRate = new PulseRate(RPM_WINDOW_NANOS, startNanos, rpmPulses.edges());
    this.fuelStartEdges = fuelPulses.edges();
    this.fuelRate = new PulseRate(FUEL_WINDOW_NANOS, startNanos, fuelStartEdges);
    this.slow = new Periodic(slowPeriodNanos);
  }

  List<DeviceGuard> guards() {
    return List.of(shuntGuard, analogGuard);
  }

  GensetReadings read(long nanos) {
    double edgesPerS = rpmRate.edgesPerSecond(nanos, rpmPulses.edges());
    Reading engineRpm = rpm.accept(edgesPerS / (2.0 * config.rpmPulsesPerRev()) * 60.0, nanos);
    DeviceGuard.Outcome<Double> kw = shuntGuard.run(() -> shunt.busVoltageV() * shunt.currentA() / 1000.0);
    Reading powerKw = kw.ok() ? power.accept(kw.value().get(), nanos) : power.failed(kw.flags());
    long fuelEdges = fuelPulses.edges();
    double litresPerEdge = 1.0 / (2.0 * config.fuelPulsesPerLitre());
    Reading fuelLph = fuel.accept(fuelRate.edgesPerSecond(nanos, fuelEdges) * litresPerEdge * 3600.0, nanos);
    if (slow.due(nanos)) {
      DeviceGuard.Outcome<Double> cool = analogGuard.run(
          () -> NtcConversion.temperatureC(analog.readVolts(Ads1115.Mux.AIN1, Ads1115.Pga.FS_4_096), ntc));
      coolantReading = cool.ok() ? coolant.accept(cool.value().get(), nanos) : coolant.failed(cool.flags());
    }
    return new GensetReadings(engineRpm.value() > RUNNING_RPM, engineRpm, powerKw, fuelLph,
        (fuelEdges - fuelStartEdges) * litresPerEdge, coolantReading);
  }
}
