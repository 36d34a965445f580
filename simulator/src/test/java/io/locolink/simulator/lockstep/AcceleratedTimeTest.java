package io.locolink.simulator.lockstep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.config.LocoLinkConfig;
import io.locolink.gateway.estimation.EnergyPeriod;
import io.locolink.gateway.estimation.EnergyPeriod.EnergyQuality;
import io.locolink.gateway.framing.DecodedFrame;
import io.locolink.simulator.physics.EnergyLedger;
import io.locolink.simulator.scenario.Scenario;
import io.locolink.simulator.scenario.Scenarios;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faster than real time is not wrong: the same scenario and seed at 1x (a short slice), 20x and
 * 100x, the real gateway in lockstep with the simulation. Each 5-minute energy record agrees with
 * the simulator's own energy ledger over its period, every frame's samples are evenly spaced at
 * the configured rate, and the measured wheel speed stays within the sensor's resolution of the
 * yard's speed limit.
 *
 * <p><b>Tolerance</b> of an energy record against the ledger: 1 % of the ledger's figure plus the
 * record's resolution (whole watt-hours: 1 Wh), for regeneration too: a drive current within its
 * ADC's offset and noise of zero carries no power in the estimator, so the drive readings' noise is
 * not booked as braking while the genset charges the pack.
 */
class AcceleratedTimeTest {

  /** A hybrid shunter in the yard with its battery low, so the genset runs while it shunts and brakes. */
  static final Scenario YARD = Scenarios.parse("""
      name: lockstep-yard
      vehicle: hybrid
      route: astana-1-yard
      startUtc: "2026-01-20T06:00:00Z"
      seed: 20260120
      stepS: 0.1
      initial: {positionM: 1200, direction: up, soc: 0.34, vehicleC: 15, ambientC: -12, wagons: 10, wagonAxleLoadT: 23.5}
      phases:
        - {duty: switch-cycle, durationS: 900, speedLimitKmh: 25, shuntWagons: true}
        - {duty: standby, durationS: 600}
      """, "lockstep-yard");
  static final Instant START = YARD.initial().startUtc();
  static final double SPEED_LIMIT_KMH = 25;

  @Test
  void energyRecordsFramesAndSpeedAreRightAtEverySpeed(@TempDir Path dir) throws Exception {
    LockstepRun fast = runAt(100, dir.resolve("100x"), START.plusSeconds(600));
    LockstepRun medium = runAt(20, dir.resolve("20x"), START.plusSeconds(300));
    LockstepRun slice = runAt(1, dir.resolve("1x"), START.plusSeconds(8));

    for (LockstepRun run : List.of(fast, medium)) {
      List<EnergyPeriod> complete = run.energy().stream()
          .filter(e -> (e.qualityWord() & EnergyQuality.INCOMPLETE_PERIOD.bit()) == 0).toList();
      assertTrue(!complete.isEmpty(), "a whole period was recorded: " + run.energy());
      for (EnergyPeriod e : complete) {
        assertAgreesWithLedger(run, e, e.periodEnd().minusSeconds(e.periodS()), e.periodEnd());
      }
    }
    EnergyPeriod first100 = fast.energy().get(0);
    EnergyPeriod first20 = medium.energy().get(0);
    assertEquals(List.of(first100.consumedWh(), first100.regeneratedWh(), first100.gensetWh(), first100.dieselMl()),
        List.of(first20.consumedWh(), first20.regeneratedWh(), first20.gensetWh(), first20.dieselMl()),
        "the same seed gives the same record at 20x and 100x");

    EnergyPeriod cut = slice.energy().get(slice.energy().size() - 1);
    assertTrue((cut.qualityWord() & EnergyQuality.INCOMPLETE_PERIOD.bit()) != 0, "the 1x slice ends in a cut period");
    assertAgreesWithLedger(slice, cut, slice.firstSample(), slice.lastSample());

    for (LockstepRun run : List.of(fast, medium, slice)) {
      assertFramesEvenlySpaced(run);
      assertSpeedWithinLimit(run);
    }
  }

  private static LockstepRun runAt(double speed, Path dir, Instant until) throws Exception {
    LocoLinkConfig cfg = LockstepRun.config(YARD, dir, "");
    return LockstepRun.run(YARD, cfg, speed, until);
  }

  private static void assertAgreesWithLedger(LockstepRun run, EnergyPeriod e, Instant from, Instant to) {
    // the gateway holds sample k's power over the sample period after it; the physics booked the
    // step that ended at sample k over the period before it: the same energy, one step earlier
    long dt = run.config().framing().samplePeriodNanos();
    EnergyLedger.EnergyTotals truth = run.ledgerBetween(from.minusNanos(dt), to.minusNanos(dt));
    System.out.printf("%s: consumed %d / %.1f Wh, regenerated %d / %.1f Wh, genset %d / %.1f Wh (%.0f s)%n",
        to, e.consumedWh(), wh(truth.batteryDischargeJ()), e.regeneratedWh(), wh(truth.brakingChargeJ()),
        e.gensetWh(), wh(truth.gensetJ()), (to.toEpochMilli() - from.toEpochMilli()) / 1000.0);
    assertWithin(e.consumedWh(), truth.batteryDischargeJ(), truth.batteryDischargeJ(), "consumed, period to " + to);
    assertWithin(e.regeneratedWh(), truth.brakingChargeJ(), truth.brakingChargeJ(), "regenerated, period to " + to);
    assertWithin(e.gensetWh(), truth.gensetJ(), truth.gensetJ(), "genset, period to " + to);
  }

  /** Within 1 % of {@code scaleJ} and the record's resolution of 1 Wh. */
  private static void assertWithin(long recordWh, double truthJ, double scaleJ, String what) {
    assertEquals(wh(truthJ), recordWh, 0.01 * wh(scaleJ) + 1, what);
  }

  private static void assertFramesEvenlySpaced(LockstepRun run) {
    long periodMs = run.config().framing().samplePeriodNanos() / 1_000_000;
    long previousEnd = Long.MIN_VALUE;
    assertTrue(run.frames().size() > 1, "frames were written");
    for (DecodedFrame f : run.frames()) {
      long[] offsets = f.sampleOffsetMs();
      assertEquals(run.config().framing().frameSpanMs() / periodMs, offsets.length, "samples per frame");
      for (int i = 0; i < offsets.length; i++) {
        assertEquals(i * periodMs, offsets[i], "sample " + i + " of frame " + f.sequence() + " at its own instant");
      }
      long start = f.timeUnixMs();
      if (previousEnd != Long.MIN_VALUE) {
        assertEquals(previousEnd + periodMs, start, "frames follow each other one sample period apart");
      }
      previousEnd = start + offsets[offsets.length - 1];
    }
  }

  private static void assertSpeedWithinLimit(LockstepRun run) {
    var motion = run.config().devices().motion();
    double metresPerEdge = Math.PI * motion.wheelDiameterM() / (2.0 * motion.wheelPulsesPerRev());
    // the sensor's tolerance: one edge more or less in the one-second counting window
    double edgeKmh = metresPerEdge * 3.6;
    double trueMax = run.speeds().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    double measuredMax = run.frames().stream().flatMapToDouble(f -> Arrays.stream(f.speedKmh())).max().orElseThrow();
    System.out.printf("speed: measured top %.2f km/h, true top %.2f km/h, limit %.0f km/h%n", measuredMax, trueMax,
        SPEED_LIMIT_KMH);
    assertTrue(measuredMax > 5, "the shunter moved: " + measuredMax + " km/h");
    assertTrue(measuredMax <= trueMax + edgeKmh, "measured wheel speed " + measuredMax + " km/h, true top " + trueMax);
    // the driver holds the limit within a controller's overshoot: 1 % of it
    assertTrue(measuredMax <= SPEED_LIMIT_KMH * 1.01 + edgeKmh, "measured wheel speed " + measuredMax + " km/h");
  }

  private static double wh(double joules) {
    return joules / 3600;
  }
}
