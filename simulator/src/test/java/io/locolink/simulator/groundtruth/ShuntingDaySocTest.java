package io.locolink.simulator.groundtruth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.simulator.groundtruth.GroundTruthRig.Cycle;
import io.locolink.simulator.physics.ChargerSpec;
import io.locolink.simulator.physics.TravelDirection;
import io.locolink.simulator.scenario.DutyKind;
import io.locolink.simulator.scenario.Phase;
import io.locolink.simulator.scenario.Scenario;
import io.locolink.simulator.scenario.Scenarios;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * State of charge against the simulator's true SoC over a shunting day, through the emulated
 * chips, the real drivers and the estimator, starting from a wrong first guess.
 *
 * <p><b>The day.</b> The built-in {@code shunting-day} (six hours of the EPA switch cycle at
 * -12 C, genset holding the charge) starts at 80 % and works down towards the genset's band, all
 * on the LFP plateau (about 20-95 %), where the open-circuit voltage moves 1-3 mV per percent and
 * a 15 mV OCV error is worth 5-15 points, so no estimator can correct a wrong guess inside the day
 * itself (the estimator rightly refuses OCV corrections whose one-sigma exceeds 3 %). A real shift starts
 * from the depot charger, so the test runs the built-in day preceded by the end of its
 * overnight charge: 90 minutes on a 400 kW charger (CC/CV to full, then standing on the charger
 * with the pack at rest, which gives the steep top of the curve), then the built-in day
 * unchanged, 7.5 simulated hours in all.
 *
 * <p><b>The wrong guess.</b> The estimator's first guess is the BMS's SoC. The emulated BMS's
 * own SoC estimate is 25 points low all day (an offset injected on its SoC register: a BMS whose
 * coulomb counter has drifted on the plateau), so the gateway starts from 55 % against a true
 * 80 %, and the BMS keeps reporting a wrong SoC beside the gateway's.
 *
 * <p><b>Rate.</b> The gateway acquires at 1 Hz on the simulated clock, every other physics step
 * (0.5 s). Holding each sampled current for 1 s misses the skipped step's current; that error has
 * either sign (a change of current is as likely to fall on a skipped step as on a sampled one),
 * so it does not build up into a drift, and the assertion below checks the result (measured:
 * worst 0.25 points over the shift). The OCV correction needs 30 minutes of rest, not a fast rate,
 * and at 1 Hz the BMS refresh (cells, temperatures, status over three cycles) still completes
 * every 3 s. At 1 Hz the 7.5-hour day costs 4-15 s of CPU on a 2-core machine.
 *
 * <p>Asserted: the first guess (once the BMS status has been read, on the third cycle) is at
 * least 20 points off; by the end of the depot phase and throughout the six-hour shift the
 * estimate is within 3 points of the truth, while the BMS's own SoC is still 25 points off.
 */
class ShuntingDaySocTest {

  private static final double DEPOT_S = 5400;
  private static final double LIMIT_POINTS = 3.0;
  private static final int BMS_OFFSET_POINTS = -25;

  @Test
  void socWithinThreePointsOverAShuntingDayFromAWrongGuess() {
    Scenario day = Scenarios.builtIn("shunting-day");
    List<Phase> phases = new ArrayList<>();
    phases.add(new Phase(DutyKind.DEPOT_CHARGE, DEPOT_S, 25, TravelDirection.UP, false, OptionalDouble.empty(),
        Optional.of(new ChargerSpec(400e3, 400e3 / 730, 70))));
    phases.addAll(day.phases());
    Scenario charged = new Scenario(day.name() + "-after-depot-charge", day.description(), day.vehicle(),
        day.route(), day.seed(), day.stepS(), day.initial(), phases, day.faults(), day.build())
        .startingAt(day.initial().startUtc().minus(Duration.ofSeconds((long) DEPOT_S)));

    try (GroundTruthRig rig = new GroundTruthRig(charged, "offset:bms.soc=" + BMS_OFFSET_POINTS + "@0s+9h")) {
      Cycle first = rig.cycle(1.0);
      while (first.truth().timeS() < 5 - 1e-6) {
        first = rig.cycle(1.0);
      }
      double firstError = error(first);
      assertTrue(first.snapshot().pack().bmsSocPercent().isGood(), "the BMS's SoC has been read");
      assertTrue(Math.abs(firstError) >= 20,
          "the first guess should be wrong (BMS SoC off): estimate " + first.estimates().socPercent()
              + " % against a true " + first.truth().socTrue() * 100 + " %");

      double worstShift = 0;
      double worstShiftAt = 0;
      double minTrue = 100;
      double maxTrue = 0;
      Cycle c = first;
      Cycle endOfDepot = null;
      while (!rig.runner.finished()) {
        c = rig.cycle(1.0);
        double t = c.truth().timeS();
        if (endOfDepot == null && t >= DEPOT_S) {
          endOfDepot = c;
        }
        if (t >= DEPOT_S) {
          double e = Math.abs(error(c));
          if (e > worstShift) {
            worstShift = e;
            worstShiftAt = t;
          }
          minTrue = Math.min(minTrue, c.truth().socTrue() * 100);
          maxTrue = Math.max(maxTrue, c.truth().socTrue() * 100);
        }
      }
      System.out.printf("SoC: first guess error %.2f points; error at end of depot phase %.3f; worst over the "
          + "shift %.3f points at t=%.0f s; final error %.3f; true SoC over the shift %.1f..%.1f %%%n",
          firstError, error(endOfDepot), worstShift, worstShiftAt, error(c), minTrue, maxTrue);

      assertTrue(endOfDepot != null && c.truth().timeS() >= DEPOT_S + day.durationS() - 1,
          "the whole day ran: ended at " + c.truth().timeS());
      double bmsError = endOfDepot.snapshot().pack().bmsSocPercent().value() - endOfDepot.truth().socTrue() * 100;
      assertEquals(BMS_OFFSET_POINTS, bmsError, 1.0, "the BMS's own SoC is still wrong at the start of the shift");
      assertTrue(Math.abs(error(endOfDepot)) <= LIMIT_POINTS,
          "corrected at the depot: error " + error(endOfDepot) + " points at the start of the shift");
      assertTrue(worstShift <= LIMIT_POINTS,
          "worst SoC error over the shift " + worstShift + " points at t=" + worstShiftAt + " s");
      assertTrue(maxTrue - minTrue > 5, "the shift worked the battery: true SoC " + minTrue + ".." + maxTrue);
    }
  }

  /** Estimate minus truth, percentage points. */
  private static double error(Cycle c) {
    return c.estimates().socPercent() - c.truth().socTrue() * 100;
  }
}
