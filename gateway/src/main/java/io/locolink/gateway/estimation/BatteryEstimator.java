package io.locolink.gateway.estimation;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.acquisition.Snapshot;
import io.locolink.gateway.config.EstimationConfig;
import io.locolink.gateway.estimation.EnergyPeriod.EnergyQuality;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's estimator: clock judgement, energy registers and periods, cell statistics, state
 * of charge and health, alarms and CO2, from one snapshot at a time. Pure (no I/O, no clock of its
 * own); called from one thread.
 */
public final class BatteryEstimator implements Estimator {

  private final ClockMonitor clock;
  private final EnergyMeter meter;
  private final Co2Account co2;
  private final SocEstimator soc;
  private final AlarmMonitor alarms;
  private AlarmState alarmState = new AlarmState(List.of(), List.of(), Optional.empty());
  private EnergyTotals dayStart = EnergyTotals.zero();
  private EnergyTotals tripStart = EnergyTotals.zero();
  /** The registers where the last trip ended; null while a trip runs. Before any trip: zero, so 0 Wh. */
  private EnergyTotals tripEnd = EnergyTotals.zero();
  private LocalDate day;

  private BatteryEstimator(EstimationConfig config, PackTopology topology, double driveCurrentDeadbandA) {
    this.clock = new ClockMonitor(config.clockStepToleranceS(), config.fixMaxAgeS());
    this.meter = new EnergyMeter(config, topology, driveCurrentDeadbandA);
    this.co2 = new Co2Account(config.co2());
    this.soc = new SocEstimator(config);
    this.alarms = new AlarmMonitor(config);
  }

  /**
   * An estimator for a pack of {@code topology} configured by {@code config}, taking every drive
   * current reading's sign at its word (no deadband: for readings without measurement noise).
   *
   * @throws io.locolink.gateway.config.ConfigException if an alarm limit override names no alarm
   */
  public static BatteryEstimator create(EstimationConfig config, PackTopology topology) {
    return create(config, topology, 0);
  }

  /**
   * An estimator whose drive readings carry measurement noise: a drive current within
   * {@code driveCurrentDeadbandA} of zero counts as no drive power (see {@code
   * DeviceAcquisition.driveCurrentDeadbandA}), so noise is never booked as regeneration.
   *
   * @param driveCurrentDeadbandA amperes, >= 0; 0 takes every reading's sign at its word
   * @throws io.locolink.gateway.config.ConfigException if an alarm limit override names no alarm
   */
  public static BatteryEstimator create(EstimationConfig config, PackTopology topology,
      double driveCurrentDeadbandA) {
    if (!(driveCurrentDeadbandA >= 0)) {
      throw new IllegalArgumentException("drive current deadband must be >= 0 A, got " + driveCurrentDeadbandA);
    }
    return new BatteryEstimator(config, topology, driveCurrentDeadbandA);
  }

  @Override
  public Estimates update(Snapshot s) {
    ClockObservation c = clock.observe(s);
    List<EnergyPeriod> closed = meter.update(s, c);
    EnergyTotals now = meter.registers();
    LocalDate today = s.utc().atOffset(ZoneOffset.UTC).toLocalDate();
    if (!today.equals(day)) {
      day = today;
      dayStart = now;
    }
    EnergyTotals todayDelta = now.minus(dayStart);
    EnergyTotals trip = (tripEnd == null ? now : tripEnd).minus(tripStart);
    CellStats cells = CellStats.of(s.pack());
    SocState battery = soc.update(s, cells);
    alarmState = alarms.update(s, cells);
    return new Estimates(
        battery.socPercent(),
        battery.sigmaPercent(),
        battery.sohPercent(),
        cells,
        trip.consumedWh(),
        trip.regeneratedWh(),
        todayDelta.consumedWh(),
        todayDelta.regeneratedWh(),
        alarmState.active().size(),
        alarmState.highestTier(),
        co2.of(todayDelta).avoidedG(),
        closed,
        alarmState.events(),
        now,
        battery.seeded());
  }

  /**
   * Starts the state of health from a capacity an earlier run learned (kept by the caller) instead
   * of the BMS's; ignored, returning false, if it was learned against another rated capacity.
   *
   * @throws IllegalStateException after the first {@link #update}
   */
  public boolean useLearnedCapacity(LearnedCapacity capacity) {
    return soc.useLearnedCapacity(capacity);
  }

  /** The pack capacity learned so far from OCV readings (or taken from an earlier run); empty before. */
  public Optional<LearnedCapacity> learnedCapacity() {
    return soc.learnedCapacity();
  }

  /** Quality of the latest snapshot's UTC stamp, for message headers. */
  public ClockQuality clockQuality() {
    return clock.last().quality();
  }

  /** Alarms active after the latest snapshot, each as a RAISED event with its latest value. */
  public List<AlarmEvent> activeAlarms() {
    return alarmState.active();
  }

  /** The cumulative energy registers since this estimator was created. */
  public EnergyTotals registers() {
    return meter.registers();
  }

  /**
   * Starts counting trip energy afresh from now: the estimates' trip figures then follow the
   * registers until {@link #endTrip()}.
   */
  public void startTrip() {
    tripStart = meter.registers();
    tripEnd = null;
  }

  /**
   * Stops counting trip energy now: until the next {@link #startTrip()} the estimates' trip figures
   * stay those of the trip that ended (the advance of the registers from its start to its end, as
   * its summary), so energy used between trips is never added to the last trip. Before the first
   * trip they are 0.
   */
  public void endTrip() {
    if (tripEnd == null) {
      tripEnd = meter.registers();
    }
  }

  /** Marks the open energy period: the configuration changed while it ran. */
  public void configurationChanged() {
    meter.mark(EnergyQuality.CONFIG_CHANGED);
  }

  /** Marks the open (or first) energy period: the gateway came back after a power failure. */
  public void recoveredFromPowerFailure() {
    meter.mark(EnergyQuality.POWER_RECOVERY);
  }

  /**
   * Closes the open energy period now, marked incomplete (and POWER_FAIL when {@code powerFail}),
   * for a shutdown; empty before the first snapshot.
   */
  public Optional<EnergyPeriod> closePeriod(boolean powerFail) {
    return meter.closeEarly(powerFail);
  }

  /**
   * Stops the open energy period for a clean stop without closing it: the caller keeps it and hands
   * it to the next start's {@link #resumePeriod}, so the period is closed exactly once. Empty
   * before the first snapshot.
   */
  public Optional<SuspendedPeriod> suspendPeriod() {
    return meter.suspend();
  }

  /**
   * Continues the period the last run suspended: the first snapshot continues it if it lies in the
   * same UTC slot, else that snapshot's estimates close it as it stood at the stop. Call before the
   * first {@link #update}.
   *
   * @throws IllegalStateException after the first snapshot
   */
  public void resumePeriod(SuspendedPeriod suspended) {
    meter.resume(suspended);
  }
}
