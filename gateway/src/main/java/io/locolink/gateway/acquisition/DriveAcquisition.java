package io.locolink.gateway.acquisition;

import io.locolink.gateway.config.DevicesConfig;
import io.locolink.gateway.devices.Ads1115;
import io.locolink.gateway.devices.Max31865;
import io.locolink.gateway.devices.PulseCounter;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One traction drive: DC current and DC-link voltage (ADS1115) and speed (encoder pulses) every
 * cycle; coolant (NTC on the ADS1115) and the three PT100s when the slow period is due.
 * Not thread-safe.
 */
final class DriveAcquisition {

  private static final long SPEED_WINDOW_NANOS = 1_000_000_000L;

  /** The ADS1115 range the DC current transducer's output is read at (AIN2-AIN3, differential). */
  private static final Ads1115.Pga CURRENT_PGA = Ads1115.Pga.FS_2_048;

  /**
   * ADC codes around zero within which a current reading cannot tell which way power flows: the
   * ADS1115's differential offset error, at most 3 LSB at +-2.048 V (TI SBAS444, electrical
   * characteristics), plus three times its conversion noise, about 1 LSB RMS at that range (its
   * noise table).
   */
  private static final int CURRENT_DEADBAND_LSB = 3 + 3 * 1;

  private final int index;
  private final DevicesConfig.Drive config;
  private final DevicesConfig.Ntc ntc;
  private final Ads1115 adc;
  private final Max31865 winding;
  private final Max31865 bearing;
  private final Max31865 inverter;
  private final PulseCounter speed;
  private final PulseRate speedRate;
  private final DeviceGuard adcGuard;
  private final DeviceGuard windingGuard;
  private final DeviceGuard bearingGuard;
  private final DeviceGuard inverterGuard;
  private final Periodic slow;
  private final Channel current = new Channel(-2000, 2000, Double.POSITIVE_INFINITY, Channel.STUCK_AFTER_FAST);
  private final Channel dcLink = new Channel(0, 1000, 2000, Channel.STUCK_AFTER_FAST);
  private final Channel rpm = new Channel(0, 6000, 3000, 0);
  private final Channel coolant = new Channel(-50, 110, 5, 0);
  private final Channel windingC = new Channel(-50, 220, 10, 0);
  private final Channel bearingC = new Channel(-50, 150, 10, 0);
  private final Channel inverterC = new Channel(-50, 175, 10, 0);
  private Reading coolantReading = coolant.failed(0);
  private Reading windingReading = windingC.failed(0);
  private Reading bearingReading = bearingC.failed(0);
  private Reading inverterReading = inverterC.failed(0);

  DriveAcquisition(int index, DevicesConfig.Drive config, DevicesConfig.Ntc ntc, Ads1115 adc, Max31865 winding,
      Max31865 bearing, Max31865 inverter, PulseCounter speed, GuardFactory guards, long slowPeriodNanos,
      long startNanos) {
    this.index = index;
    this.config = config;
    this.ntc = ntc;
    this.adc = adc;
    this.winding = winding;
    this.bearing = bearing;
    this.inverter = inverter;
    this.speed = speed;
    this.speedRate = new PulseRate(SPEED_WINDOW_NANOS, startNanos, speed.edges());
    this.adcGuard = guards.guard(adc.label());
    this.windingGuard = guards.guard(winding.label());
    this.bearingGuard = guards.guard(bearing.label());
    this.inverterGuard = guards.guard(inverter.label());
    this.slow = new Periodic(slowPeriodNanos);
  }

  /**
   * The smallest drive current, amperes, whose sign a reading of this drive resolves: {@link
   * #CURRENT_DEADBAND_LSB} codes of the ADC through the transducer's amperes per volt (6 x 62.5 uV x
   * 800 A/V = 0.3 A on the reference wiring).
   */
  static double currentDeadbandA(DevicesConfig.Drive config) {
    return CURRENT_DEADBAND_LSB * CURRENT_PGA.lsbV() * config.currentAPerVolt();
  }

  List<DeviceGuard> guards() {
    return List.of(adcGuard, windingGuard, bearingGuard, inverterGuard);
  }

  DriveReadings read(long nanos) {
    DeviceGuard.Outcome<Double> amps = adcGuard.run(
        () -> adc.readVolts(Ads1115.Mux.AIN2_AIN3, CURRENT_PGA) * config.currentAPerVolt());
    Reading currentA = amps.ok() ? current.accept(amps.value().get(), nanos) : current.failed(amps.flags());
    DeviceGuard.Outcome<Double> link = adcGuard.run(
        () -> adc.readVolts(Ads1115.Mux.AIN0, Ads1115.Pga.FS_4_096) * config.dcLinkDividerRatio());
    Reading dcLinkV = link.ok() ? dcLink.accept(link.value().get(), nanos) : dcLink.failed(link.flags());
    double edgesPerS = speedRate.edgesPerSecond(nanos, speed.edges());
    Reading speedRpm = rpm.accept(edgesPerS / (2.0 * config.speedPulsesPerRev()) * 60.0, nanos);
    if (slow.due(nanos)) {
      DeviceGuard.Outcome<Double> cool = adcGuard.run(
          () -> NtcConversion.temperatureC(adc.readVolts(Ads1115.Mux.AIN1, Ads1115.Pga.FS_4_096), ntc));
      coolantReading = cool.ok() ? coolant.accept(cool.value().get(), nanos) : coolant.failed(cool.flags());
      windingReading = temperature(windingGuard, winding, windingC, nanos);
      bearingReading = temperature(bearingGuard, bearing, bearingC, nanos);
      inverterReading = temperature(inverterGuard, inverter, inverterC, nanos);
    }
    return new DriveReadings(index, currentA, speedRpm, dcLinkV, windingReading, bearingReading, inverterReading,
        coolantReading);
  }

  /** A PT100 reading; before the chip's first conversion, the last value flagged STALE only. */
  private static Reading temperature(DeviceGuard guard, Max31865 chip, Channel channel, long nanos) {
    DeviceGuard.Outcome<OptionalDouble> t = guard.run(chip::temperatureC);
    if (!t.ok()) {
      return channel.failed(t.flags());
    }
    OptionalDouble celsius = t.value().get();
    return celsius.isPresent() ? channel.accept(celsius.getAsDouble(), nanos) : channel.failed(0);
  }
}
