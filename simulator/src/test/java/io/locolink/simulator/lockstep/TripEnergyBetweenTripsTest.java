package io.locolink.simulator.lockstep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.locolink.gateway.config.LocoLinkConfig;
import io.locolink.gateway.framing.DecodedFrame;
import io.locolink.proto.v1.TripSummary;
import io.locolink.simulator.scenario.Scenario;
import io.locolink.simulator.scenario.Scenarios;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trip energy the live frames carry is the trip's: after the trip ends, while the locomotive
 * stands with the key on and its auxiliaries draw on the battery, the frames keep the figures of
 * the trip that ended, those of its summary, instead of adding what the locomotive drew after it.
 */
class TripEnergyBetweenTripsTest {

  /** A full battery, so the genset stays off and the auxiliaries draw on the battery while standing. */
  static final Scenario YARD = Scenarios.parse("""
      name: trip-then-standing
      vehicle: hybrid
      route: astana-1-yard
      startUtc: "2026-01-20T06:00:00Z"
      seed: 20260120
      stepS: 0.1
      initial: {positionM: 1200, direction: up, soc: 0.8, vehicleC: 15, ambientC: -12, wagons: 10, wagonAxleLoadT: 23.5}
      phases:
        - {duty: switch-cycle, durationS: 600, speedLimitKmh: 25, shuntWagons: true}
        - {duty: standby, durationS: 1200}
      """, "trip-then-standing");

  @Test
  void framesAfterATripCarryItsSummarysEnergy(@TempDir Path dir) throws Exception {
    // 300 s without moving ends a trip; the run ends standing at 1500 s, after the last trip
    LocoLinkConfig cfg = LockstepRun.config(YARD, dir.resolve("state"), "trips: {idleGapS: 300, flushIntervalS: 1}");
    LockstepRun run = LockstepRun.run(YARD, cfg, 100, YARD.initial().startUtc().plusSeconds(1500));
    assertFalse(run.trips().isEmpty(), "a trip ended");
    TripSummary trip = run.trips().get(run.trips().size() - 1);
    List<DecodedFrame> after = run.frames().stream().filter(f -> f.timeUnixMs() > trip.getEndUnixMs()).toList();
    assertTrue(after.size() > 60, "frames after the trip: " + after.size());

    // what the battery gave after the trip's end, by the frames' own pack power (+ discharge), so
    // that the test shows it is there to be wrongly added
    double afterWh = 0;
    for (DecodedFrame f : after) {
      for (int i = 0; i < f.packVoltageV().length; i++) {
        afterWh += Math.max(0, f.packVoltageV()[i] * f.packCurrentA()[i]) * 0.1 / 3600;
      }
    }
    DecodedFrame last = after.get(after.size() - 1);
    System.out.printf("trip %s: %d Wh out, %d Wh regenerated; after its end the battery gave %.0f Wh; "
        + "the last frame says %d Wh out, %d Wh regenerated%n", trip.getTripId(), trip.getConsumedWh(),
        trip.getRegeneratedWh(), afterWh, last.state().tripConsumedWh(), last.state().tripRegeneratedWh());
    assertTrue(afterWh > 100, "the auxiliaries drew on the battery after the trip: " + afterWh + " Wh");
    assertEquals(trip.getConsumedWh(), last.state().tripConsumedWh(), 1, "trip energy out in the frames after it");
    assertEquals(trip.getRegeneratedWh(), last.state().tripRegeneratedWh(), 1, "trip regenerated in the frames after it");
  }
}
