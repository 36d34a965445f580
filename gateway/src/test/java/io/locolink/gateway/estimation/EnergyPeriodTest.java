package io.locolink.gateway.estimation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.acquisition.ClockQuality;
import io.locolink.gateway.acquisition.QualityFlag;
import io.locolink.gateway.acquisition.Reading;
import io.locolink.gateway.config.EstimationConfig;
import io.locolink.gateway.estimation.EnergyPeriod.DataStatus;
import io.locolink.gateway.estimation.EnergyPeriod.EnergyQuality;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 5-minute periods aligned to UTC, their status and quality word. */
class EnergyPeriodTest {

  // 360 kW: exactly 100 Wh per second.
  private static final double PACK_V = 720;
  private static final double PACK_A = 500;

  private final BatteryEstimator estimator = BatteryEstimator.create(
      EstimationConfig.defaults().withConsumptionPointId("KZ-SHUNT-0042"), PackTopology.reference());
  private final SnapshotBuilder b = new SnapshotBuilder();
  private final List<EnergyPeriod> closed = new ArrayList<>();

  @Test
  void intervalAcrossTheBoundaryIsSplitWhereTheBoundaryFalls() {
    b.utc = Instant.parse("2026-11-25T08:04:50.030Z");
    b.speed(10).drive(PACK_V, PACK_A).pack(PACK_V, PACK_A).fixAged(1);
    run(200, 0.1); // to 08:05:10.030
    EnergyPeriod first = closed.get(0);
    assertEquals(1, closed.size());
    assertEquals(Instant.parse("2026-11-25T08:05:00Z"), first.periodEnd());
    assertEquals(300, first.periodS());
    assertEquals("KZ-SHUNT-0042", first.consumptionPointId());
    // 08:04:50.030 .. 08:05:00.000 = 9.97 s at 100 Wh/s
    assertEquals(997, first.consumedWh());
    // started mid-period: incomplete, but time, energy and location valid
    assertEquals(EnergyQuality.INCOMPLETE_PERIOD.bit(), first.qualityWord());
    assertEquals(DataStatus.VALID, first.timeStatus());
    assertEquals(DataStatus.VALID, first.energyStatus());
    assertEquals(DataStatus.VALID, first.locationStatus());
    EnergyPeriod second = estimator.closePeriod(true).orElseThrow();
    // 08:05:00.000 .. 08:05:10.030 = 10.03 s (the last sample's interval is not yet integrated)
    assertEquals(Instant.parse("2026-11-25T08:10:00Z"), second.periodEnd());
    assertEquals(993, second.consumedWh());
    assertEquals(EnergyQuality.INCOMPLETE_PERIOD.bit() | EnergyQuality.POWER_FAIL.bit(), second.qualityWord());
  }

  @Test
  void aFullPeriodIsCompleteAndCarriesTheDieselAndCo2() {
    b.utc = Instant.parse("2026-11-25T07:59:59Z");
    b.speed(10).drive(PACK_V, PACK_A).pack(PACK_V, PACK_A).fixAged(0);
    run(302, 1.0); // 07:59:59 .. 08:05:01: closes 08:00 and 08:05
    EnergyPeriod full = closed.get(1);
    assertEquals(Instant.parse("2026-11-25T08:05:00Z"), full.periodEnd());
    assertEquals(0, full.qualityWord());
    assertEquals(30_000, full.consumedWh()); // 300 s x 100 Wh/s
    // CO2: a diesel locomotive doing 30 kWh of work burns 30*0.210/0.84 = 7.5 L; idling does not
    // apply at 360 kW traction. Well to wheel 7.5 L * (2680 + 610) g/L = 24 675 g avoided.
    assertEquals(0, full.co2TankToWheelG());
    assertEquals(24_675, full.co2AvoidedG());
  }

  @Test
  void gensetEnergyAndDieselGoIntoThePeriod() {
    // Standstill, genset at 200 kW charging the battery (-260 A at 720 V = 187.2 kW; the other
    // 12.8 kW feed auxiliaries); the fuel counter advances 0.01 L per second.
    b.utc = Instant.parse("2026-11-25T08:00:00Z");
    b.pack(PACK_V, -260).fixAged(0);
    double fuelL = 1000;
    for (int i = 0; i <= 300; i++) {
      b.genset(true, 200, fuelL);
      closed.addAll(estimator.update(b.build()).closedPeriods());
      b.advance(1);
      fuelL += 0.01;
    }
    EnergyPeriod p = closed.get(0);
    assertEquals(16_666, p.gensetWh()); // 200 kW x 300 s = 60 MJ = 16 666.7 Wh
    assertEquals(3_000, p.dieselMl()); // 300 s x 0.01 L/s
    assertEquals(0, p.depotChargeWh()); // the genset, not a charger, charged the battery
    assertEquals(0, p.regeneratedWh());
    // tank to wheel: 3 L x 2680 g/L = 8040 g. A diesel locomotive would idle the whole 300 s
    // (key on, 12.8 kW on the bus is below the 20 kW idle threshold): 25 L/h x 300 s = 2.0833 L; well to wheel 3290 g/L:
    // avoided = 2.0833 x 3290 - 3 x 3290 = -3015.8 g
    assertEquals(8_040, p.co2TankToWheelG());
    assertEquals(9_870, p.co2WellToWheelG());
    assertEquals(-3_016, p.co2AvoidedG());
  }

  @Test
  void clockStepInsideAPeriodMakesItsTimeInvalidButKeepsEveryJoule() {
    b.utc = Instant.parse("2026-11-25T08:00:00Z");
    b.speed(10).drive(PACK_V, PACK_A).pack(PACK_V, PACK_A);
    run(100, 0.1); // 10 s
    b.utc = b.utc.plusSeconds(3600); // the clock jumps an hour ahead; monotonic time does not
    run(100, 0.1);
    b.utc = b.utc.minusSeconds(7); // and then 7 s back
    run(100, 0.1);
    EnergyPeriod last = estimator.closePeriod(false).orElseThrow();
    long sum = closed.stream().mapToLong(EnergyPeriod::consumedWh).sum() + last.consumedWh();
    // 299 intervals of 0.1 s at 100 Wh/s, however the UTC labels moved
    assertEquals(2990, sum);
    assertEquals(2990.0, estimator.registers().consumedWh(), 1e-6);
    assertEquals(1, closed.size());
    assertEquals(DataStatus.INVALID, closed.get(0).timeStatus());
    assertTrue((closed.get(0).qualityWord() & EnergyQuality.CLOCK_SET.bit()) != 0);
    assertEquals(DataStatus.INVALID, last.timeStatus());
    assertTrue((last.qualityWord() & EnergyQuality.CLOCK_SET.bit()) != 0);
  }

  @Test
  void smallClockCorrectionIsTolerated() {
    b.utc = Instant.parse("2026-11-25T08:00:00Z");
    b.pack(PACK_V, PACK_A).fixAged(0);
    run(10, 1);
    b.utc = b.utc.plusMillis(1500); // 1.5 s: within the 2 s tolerance
    run(10, 1);
    EnergyPeriod p = estimator.closePeriod(false).orElseThrow();
    assertEquals(DataStatus.VALID, p.timeStatus());
  }

  @Test
  void staleAndMissingFixesAndUnsyncedClock() {
    b.utc = Instant.parse("2026-11-25T08:04:00Z");
    b.clock = ClockQuality.UNSYNCED;
    b.pack(PACK_V, PACK_A);
    run(60, 1.0); // no fix at all
    b.clock = ClockQuality.UNSYNCED;
    b.fixAged(20);
    run(360, 1.0); // past 08:10:00
    assertEquals(DataStatus.MISSING, closed.get(0).locationStatus());
    assertEquals(DataStatus.UNCERTAIN, closed.get(0).timeStatus());
    // the fix is 20 s old when set and ages further: uncertain
    assertEquals(DataStatus.UNCERTAIN, closed.get(1).locationStatus());
  }

  @Test
  void flaggedSamplesAndGapsMarkTheEnergy() {
    b.utc = Instant.parse("2026-11-25T08:00:00Z");
    b.pack(PACK_V, PACK_A);
    run(10, 1.0);
    b.packV = Reading.flagged(PACK_V, QualityFlag.TIMEOUT);
    run(1, 1.0);
    b.pack(PACK_V, PACK_A);
    run(10, 1.0);
    b.advance(30); // the gateway stalled for 30 s: not integrated
    run(10, 1.0);
    EnergyPeriod p = estimator.closePeriod(false).orElseThrow();
    assertTrue((p.qualityWord() & EnergyQuality.MEASUREMENT_FAULT.bit()) != 0);
    assertEquals(DataStatus.UNCERTAIN, p.energyStatus());
    // snapshots at t = 0..20 s and 51..60 s: 20 + 9 one-second intervals integrated (the one
    // after the flagged voltage with the held value), the 31 s gap from 20 s to 51 s not at all
    assertEquals(2900, p.consumedWh());
  }

  @Test
  void aGapAcrossPeriodsLeavesBothSidesIncompleteAndSkipsTheMissingPeriods() {
    b.utc = Instant.parse("2026-11-25T08:04:00Z");
    b.pack(PACK_V, PACK_A);
    run(30, 1.0); // 08:04:00 .. 08:04:29
    b.advance(20 * 60); // nothing for 20 minutes (the gateway hung)
    run(1, 1.0); // 08:24:30
    assertEquals(1, closed.size());
    EnergyPeriod before = closed.get(0);
    assertEquals(Instant.parse("2026-11-25T08:05:00Z"), before.periodEnd());
    assertEquals(2900, before.consumedWh()); // 29 intervals; the gap is not guessed
    assertTrue((before.qualityWord() & EnergyQuality.INCOMPLETE_PERIOD.bit()) != 0);
    assertEquals(DataStatus.UNCERTAIN, before.energyStatus());
    EnergyPeriod after = estimator.closePeriod(false).orElseThrow();
    assertEquals(Instant.parse("2026-11-25T08:25:00Z"), after.periodEnd());
    assertTrue((after.qualityWord() & EnergyQuality.INCOMPLETE_PERIOD.bit()) != 0);
  }

  @Test
  void configChangeAndPowerRecoveryAreMarked() {
    estimator.recoveredFromPowerFailure();
    b.utc = Instant.parse("2026-11-25T08:00:00Z");
    b.pack(PACK_V, PACK_A);
    run(10, 1.0);
    estimator.configurationChanged();
    EnergyPeriod p = estimator.closePeriod(false).orElseThrow();
    assertEquals(EnergyQuality.POWER_RECOVERY.bit() | EnergyQuality.CONFIG_CHANGED.bit()
        | EnergyQuality.INCOMPLETE_PERIOD.bit(), p.qualityWord());
  }

  private void run(int samples, double dtS) {
    for (int i = 0; i < samples; i++) {
      closed.addAll(estimator.update(b.build()).closedPeriods());
      b.advance(dtS); // a fix, once set, is not renewed: it ages
    }
  }
}
